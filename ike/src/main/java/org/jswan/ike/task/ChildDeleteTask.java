package org.jswan.ike.task;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.message.DeletePayload;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.ProtocolId;
import org.jswan.ike.sa.ChildSa;
import org.jswan.ike.sa.ChildSaState;
import org.jswan.ike.sa.IkeSa;

/**
 * Deletes CHILD_SAs (RFC 7296 §1.4.1): D(ESP) lists the SPIs of the sender's inbound SAs; the responder answers
 * with the SPIs of its inbound SAs of the same pairs and removes both directions.
 */
final class ChildDeleteTask implements Task {
    private static final System.Logger IKE = System.getLogger("IKE");

    private final IkeSa sa;
    private final TaskContext ctx;
    private final boolean initiator;
    private final ChildSa target;
    private final List<ChildSa> deleted = new ArrayList<>();

    ChildDeleteTask(final IkeSa sa, final TaskContext ctx, final boolean initiator, final ChildSa target) {
        this.sa = sa;
        this.ctx = ctx;
        this.initiator = initiator;
        this.target = target;
    }

    @Override
    public TaskType type() {
        return TaskType.CHILD_DELETE;
    }

    @Override
    public TaskStatus build(final OutboundMessage message) {
        if (initiator) {
            if (!sa.children().contains(target)) {
                return TaskStatus.SUCCESS;
            }
            boolean rekeyed = target.state() == ChildSaState.REKEYED;
            target.state(ChildSaState.DELETING);
            IKE.log(System.Logger.Level.INFO, "closing CHILD_SA " + target + " with SPIs "
                    + String.format("%08x_i %08x_o", target.spiIn(), target.spiOut()) + (rekeyed ? " (rekeyed)" : ""));
            message.add(DeletePayload.esp(List.of(spi(target.spiIn()))));
            return TaskStatus.NEED_MORE;
        }
        List<byte[]> ours = new ArrayList<>();
        for (ChildSa c : deleted) {
            if (c.state() != ChildSaState.DELETING) {
                ours.add(spi(c.spiIn()));
            }
        }
        if (!ours.isEmpty()) {
            message.add(DeletePayload.esp(ours));
        }
        for (ChildSa c : deleted) {
            remove(c);
        }
        return TaskStatus.SUCCESS;
    }

    @Override
    public TaskStatus process(final IkeMessage message) {
        if (initiator) {
            remove(target);
            return TaskStatus.SUCCESS;
        }
        for (DeletePayload d : message.payloads(DeletePayload.class)) {
            if (!d.protocolId().equals(ProtocolId.ESP) || d.spiSize() != 4) {
                continue;
            }
            for (byte[] s : d.spis()) {
                ChildSa c = sa.childByOutboundSpi(ByteBuffer.wrap(s).getInt());
                if (c != null && !deleted.contains(c)) {
                    IKE.log(System.Logger.Level.INFO, "received DELETE for ESP CHILD_SA with SPI "
                            + String.format("%08x", c.spiOut()));
                    deleted.add(c);
                }
            }
        }
        return TaskStatus.NEED_MORE;
    }

    private void remove(final ChildSa c) {
        if (!sa.children().remove(c)) {
            return;
        }
        boolean successorUsesPolicies = false;
        ChildSaInstaller installer = new ChildSaInstaller(sa, ctx);
        for (ChildSa other : sa.children()) {
            if (other.reqid() == c.reqid()) {
                successorUsesPolicies = true;
                installer.installDeferredOutbound(other);
            }
        }
        if (successorUsesPolicies) {
            installer.uninstallRekeyed(c, ctx.deleteRekeyedDelayMillis()); // RFC 7296 §2.8: replaced by a rekey
        } else {
            installer.uninstall(c, ctx.trapped(c.reqid()));
        }
        c.state(ChildSaState.DELETED);
        IKE.log(System.Logger.Level.INFO, "CHILD_SA " + c + " closed");
        ctx.childDeleted(sa, c);
    }

    private static byte[] spi(final int spi) {
        return ByteBuffer.allocate(4).putInt(spi).array();
    }
}
