package org.jswan.ike.task;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.spi.BackendFeature;

/**
 * NAT detection in IKE_SA_INIT (RFC 7296 §2.23): NAT_DETECTION_SOURCE_IP and _DESTINATION_IP carry
 * SHA-1(SPIi | SPIr | IP | port). A mismatch means a NAT sits in between, and both sides move to port 4500 and
 * UDP-encapsulate ESP (RFC 3948). When our data plane can only do UDP encapsulation (it is userspace, like
 * strongSwan's kernel-libipsec) or {@code encap = yes}, the source hash is faked so the peer sees a NAT too.
 */
final class IkeNatdTask implements Task {
    private static final System.Logger IKE = System.getLogger("IKE");

    private static final int IKE_PORT = 500;
    private static final int NAT_T_PORT = 4500;

    private final IkeSa sa;
    private final TaskContext ctx;
    private final boolean initiator;
    private boolean peerSupportsNatd;

    IkeNatdTask(final IkeSa sa, final TaskContext ctx, final boolean initiator) {
        this.sa = sa;
        this.ctx = ctx;
        this.initiator = initiator;
    }

    @Override
    public TaskType type() {
        return TaskType.IKE_NATD;
    }

    private boolean forceEncap() {
        return ctx.backend().features().contains(BackendFeature.REQUIRE_UDP_ENCAPSULATION)
                || (sa.config() != null && sa.config().forceEncap());
    }

    @Override
    public TaskStatus build(final OutboundMessage message) {
        if (!message.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            return TaskStatus.SUCCESS;
        }
        if (!initiator && !peerSupportsNatd) {
            return TaskStatus.SUCCESS;
        }
        byte[] source;
        if (forceEncap()) {
            source = new byte[20];
            ctx.random().nextBytes(source);
            sa.forceEncap(true);
        } else {
            source = hash(sa.spiI(), sa.spiR(), sa.local());
        }
        message.addNotify(NotifyType.NAT_DETECTION_SOURCE_IP, source);
        message.addNotify(NotifyType.NAT_DETECTION_DESTINATION_IP, hash(sa.spiI(), sa.spiR(), sa.remote()));
        return initiator ? TaskStatus.NEED_MORE : TaskStatus.SUCCESS;
    }

    @Override
    public TaskStatus process(final IkeMessage message) {
        if (!message.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            return TaskStatus.SUCCESS;
        }
        boolean sourceMatched = false;
        boolean destinationMatched = false;
        boolean sawSource = false;
        boolean sawDestination = false;
        byte[] expectedSource = hash(sa.spiI(), sa.spiR(), sa.remote());
        byte[] expectedDestination = hash(sa.spiI(), sa.spiR(), sa.local());
        for (NotifyPayload n : message.payloads(NotifyPayload.class)) {
            if (n.notifyType().equals(NotifyType.NAT_DETECTION_SOURCE_IP)) {
                sawSource = true;
                sourceMatched |= MessageDigest.isEqual(n.data(), expectedSource);
            } else if (n.notifyType().equals(NotifyType.NAT_DETECTION_DESTINATION_IP)) {
                sawDestination = true;
                destinationMatched |= MessageDigest.isEqual(n.data(), expectedDestination);
            }
        }
        peerSupportsNatd = sawSource && sawDestination;
        if (sawSource != sawDestination) {
            IKE.log(System.Logger.Level.INFO, "peer sent only one of the two NAT_DETECTION payloads; treating it as "
                    + "not supporting NAT traversal");
        }
        if (!peerSupportsNatd) {
            // No NAT traversal at the peer: it could not take ESP-in-UDP (RFC 3948 §2), whatever we would like.
            sa.forceEncap(false);
            return initiator ? TaskStatus.SUCCESS : TaskStatus.NEED_MORE;
        }
        sa.nat(!destinationMatched, !sourceMatched);
        if (!destinationMatched) {
            IKE.log(System.Logger.Level.INFO, "local host is behind NAT, sending keep alives");
        }
        if (!sourceMatched) {
            IKE.log(System.Logger.Level.INFO, "remote host is behind NAT");
        }
        if (forceEncap()) {
            sa.forceEncap(true);
        }
        if (initiator && sa.udpEncapsulation() && sa.remote().getPort() == IKE_PORT) {
            // RFC 7296 §2.23: with a NAT in between, the initiator moves IKE_AUTH and all later traffic to 4500.
            sa.endpoints(new InetSocketAddress(sa.local().getAddress(), ctx.natTPort()),
                    new InetSocketAddress(sa.remote().getAddress(), NAT_T_PORT));
        }
        return initiator ? TaskStatus.SUCCESS : TaskStatus.NEED_MORE;
    }

    /** SHA-1(SPIi | SPIr | IP | port), RFC 7296 §2.23. */
    static byte[] hash(final long spiI, final long spiR, final InetSocketAddress endpoint) {
        byte[] ip = endpoint.getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(16 + ip.length + 2);
        b.putLong(spiI).putLong(spiR).put(ip).putShort((short) endpoint.getPort());
        try {
            return MessageDigest.getInstance("SHA-1").digest(b.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
    }
}
