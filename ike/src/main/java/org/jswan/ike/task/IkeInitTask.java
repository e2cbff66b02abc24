package org.jswan.ike.task;

import java.nio.ByteBuffer;
import java.util.List;
import org.jswan.ike.crypto.IkeCryptoException;
import org.jswan.ike.crypto.IkeSaKeys;
import org.jswan.ike.crypto.KeyExchange;
import org.jswan.ike.crypto.KeyExchangeFactory;
import org.jswan.ike.crypto.Keymat;
import org.jswan.ike.crypto.NegotiatedTransforms;
import org.jswan.ike.crypto.Secret;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.KePayload;
import org.jswan.ike.message.NoncePayload;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.SaPayload;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.proposal.ProposalSelector;
import org.jswan.ike.proposal.ProposalSpec;
import org.jswan.ike.proposal.Selection;
import org.jswan.ike.proposal.TransformSpec;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.sa.IkeSaState;

/**
 * The IKE_SA_INIT exchange (RFC 7296 §1.2): proposals, key exchange and nonces, then SKEYSEED and the SK_* keys
 * (§2.14). As initiator it retries with the group the responder asks for in INVALID_KE_PAYLOAD and with the
 * responder's COOKIE (§2.6); as responder it picks the connection by address and answers NO_PROPOSAL_CHOSEN or
 * INVALID_KE_PAYLOAD when it must.
 */
final class IkeInitTask implements Task {
    private static final System.Logger IKE = System.getLogger("IKE");
    private static final System.Logger CFG = System.getLogger("CFG");
    private static final int NONCE_LENGTH = 32;
    private static final int MAX_RETRIES = 5;

    private final IkeSa sa;
    private final TaskContext ctx;
    private final boolean initiator;
    private KeyExchange ke;
    private int group;
    private byte[] cookie;
    private byte[] myNonce;
    private byte[] peerNonce;
    private byte[] peerKe;
    private Selection.Selected selected;
    private boolean retry;
    private int retries;

    IkeInitTask(final IkeSa sa, final TaskContext ctx, final boolean initiator) {
        this.sa = sa;
        this.ctx = ctx;
        this.initiator = initiator;
    }

    @Override
    public TaskType type() {
        return TaskType.IKE_INIT;
    }

    boolean retryRequested() {
        return retry;
    }

    @Override
    public TaskStatus build(final OutboundMessage message) throws IkeProtocolException {
        if (!message.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            return TaskStatus.SUCCESS;
        }
        return initiator ? buildRequest(message) : buildResponse(message);
    }

    @Override
    public TaskStatus process(final IkeMessage message) throws IkeProtocolException {
        if (!message.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            return TaskStatus.SUCCESS;
        }
        return initiator ? processResponse(message) : processRequest(message);
    }

    private TaskStatus buildRequest(final OutboundMessage message) {
        retry = false;
        if (sa.spiI() == 0) {
            sa.spis(newSpi(), 0);
            ctx.registerSpis(sa);
            sa.state(IkeSaState.CONNECTING);
            IKE.log(System.Logger.Level.INFO, "initiating IKE_SA " + sa + " to " + sa.remote().getAddress()
                    .getHostAddress());
        }
        List<ProposalSpec> proposals = sa.config().proposals();
        if (group == 0) {
            group = firstGroup(proposals);
        }
        if (ke == null) {
            ke = KeyExchangeFactory.create(group, ctx.random());
        }
        if (myNonce == null) {
            myNonce = newNonce();
        }
        if (cookie != null) {
            message.addNotify(NotifyType.COOKIE, cookie);
        }
        message.add(new SaPayload(ProposalWire.offer(proposals, new byte[0])));
        message.add(new KePayload(group, ke.publicValue()));
        message.add(new NoncePayload(myNonce));
        addCommonNotifies(message);
        message.addNotify(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0]);
        return TaskStatus.NEED_MORE;
    }

    private void addCommonNotifies(final OutboundMessage message) {
        // RFC 7427 §4: we verify and create RFC 7427 signatures with SHA-256, SHA-384, SHA-512 and Ed25519/448.
        message.addNotify(NotifyType.SIGNATURE_HASH_ALGORITHMS, new byte[] {0, 2, 0, 3, 0, 4, 0, 5});
    }

    private TaskStatus processResponse(final IkeMessage message) throws IkeProtocolException {
        NotifyPayload invalidKe = message.notify(NotifyType.INVALID_KE_PAYLOAD);
        if (invalidKe != null && invalidKe.data().length == 2) {
            int requested = ((invalidKe.data()[0] & 0xff) << 8) | (invalidKe.data()[1] & 0xff);
            if (!offers(sa.config().proposals(), requested) || ++retries > MAX_RETRIES) {
                throw new IkeProtocolException(NotifyType.INVALID_KE_PAYLOAD,
                        "peer requested key exchange method " + requested + ", which we did not propose");
            }
            IKE.log(System.Logger.Level.INFO, "peer didn't accept DH group " + group + ", it requested "
                    + requested);
            group = requested;
            ke.destroy();
            ke = null;
            retry = true;
            return TaskStatus.NEED_MORE;
        }
        NotifyPayload cookieNotify = message.notify(NotifyType.COOKIE);
        if (cookieNotify != null) {
            if (++retries > MAX_RETRIES) {
                throw new IkeProtocolException(NotifyType.COOKIE, "too many COOKIE challenges");
            }
            cookie = cookieNotify.data();
            retry = true;
            return TaskStatus.NEED_MORE;
        }
        for (NotifyPayload n : message.payloads(NotifyPayload.class)) {
            if (n.notifyType().value() < 16384) {
                throw new IkeProtocolException(n.notifyType(), "received " + n.notifyType() + " notify error");
            }
        }
        SaPayload saPayload = required(message, SaPayload.class, "SA");
        KePayload kePayload = required(message, KePayload.class, "KE");
        NoncePayload nonce = required(message, NoncePayload.class, "Nonce");
        if (saPayload.proposals().size() != 1) {
            throw new IkeProtocolException(NotifyType.INVALID_SYNTAX, "responder returned "
                    + saPayload.proposals().size() + " proposals instead of one");
        }
        Selection s = ProposalSelector.verifyResponse(sa.config().proposals(),
                ProposalWire.fromWire(saPayload.proposals().get(0)));
        if (!(s instanceof Selection.Selected sel)) {
            throw new IkeProtocolException(NotifyType.NO_PROPOSAL_CHOSEN, "responder's proposal was not one of"
                    + " ours");
        }
        if (kePayload.group() != group) {
            throw new IkeProtocolException(NotifyType.INVALID_KE_PAYLOAD, "responder used KE method "
                    + kePayload.group() + " instead of " + group);
        }
        selected = sel;
        sa.fragmentation(message.notify(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED) != null);
        peerNonce = nonce.data();
        peerKe = kePayload.data();
        sa.spis(sa.spiI(), message.header().spiR());
        ctx.registerSpis(sa);
        deriveKeys();
        return TaskStatus.SUCCESS;
    }

    private TaskStatus processRequest(final IkeMessage message) throws IkeProtocolException {
        SaPayload saPayload = required(message, SaPayload.class, "SA");
        KePayload kePayload = required(message, KePayload.class, "KE");
        NoncePayload nonce = required(message, NoncePayload.class, "Nonce");
        List<org.jswan.ike.proposal.Proposal> offered = ProposalWire.fromWire(saPayload.proposals());
        Selection best = null;
        for (PeerConfig candidate : candidates()) {
            Selection s = ProposalSelector.select(candidate.proposals(), offered, ProposalSelector.Preference.CONFIGURED, kePayload.group());
            if (s instanceof Selection.Selected) {
                sa.config(candidate);
                best = s;
                break;
            }
            if (best == null || s instanceof Selection.InvalidKePayload) {
                best = s;
                if (s instanceof Selection.InvalidKePayload) {
                    sa.config(candidate);
                }
            }
        }
        if (best == null) {
            CFG.log(System.Logger.Level.INFO, "no IKE config found for " + sa.local().getAddress().getHostAddress()
                    + "..." + sa.remote().getAddress().getHostAddress() + ", sending NO_PROPOSAL_CHOSEN");
            throw new IkeProtocolException(NotifyType.NO_PROPOSAL_CHOSEN, "no matching connection");
        }
        if (best instanceof Selection.InvalidKePayload inv) {
            IKE.log(System.Logger.Level.INFO, "DH group " + kePayload.group() + " unacceptable, requesting "
                    + inv.group());
            throw new IkeProtocolException(NotifyType.INVALID_KE_PAYLOAD,
                    new byte[] {(byte) (inv.group() >>> 8), (byte) inv.group()},
                    "requesting KE method " + inv.group());
        }
        if (best instanceof Selection.NoProposalChosen none) {
            IKE.log(System.Logger.Level.INFO, "received proposals unacceptable: " + none.reason());
            throw new IkeProtocolException(NotifyType.NO_PROPOSAL_CHOSEN, "no acceptable proposal");
        }
        selected = (Selection.Selected) best;
        sa.fragmentation(message.notify(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED) != null);
        group = kePayload.group();
        peerKe = kePayload.data();
        peerNonce = nonce.data();
        IKE.log(System.Logger.Level.INFO, sa.remote().getAddress().getHostAddress() + " is initiating an IKE_SA");
        sa.state(IkeSaState.CONNECTING);
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus buildResponse(final OutboundMessage message) throws IkeProtocolException {
        ke = KeyExchangeFactory.create(group, ctx.random());
        myNonce = newNonce();
        sa.spis(sa.spiI(), newSpi());
        ctx.registerSpis(sa);
        message.add(new SaPayload(List.of(ProposalWire.toWire(selected.proposal()))));
        message.add(new KePayload(group, ke.publicValue()));
        message.add(new NoncePayload(myNonce));
        addCommonNotifies(message);
        if (sa.fragmentation()) {
            // RFC 7383 §2.3: answered only to an initiator that announced it.
            message.addNotify(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0]);
        }
        deriveKeys();
        return TaskStatus.SUCCESS;
    }

    private void deriveKeys() throws IkeProtocolException {
        Secret gir;
        try {
            gir = ke.computeSharedSecret(peerKe);
        } catch (IkeCryptoException e) {
            throw new IkeProtocolException(NotifyType.INVALID_SYNTAX, "invalid KE payload: " + e.getMessage());
        } finally {
            ke.destroy();
        }
        byte[] ni = initiator ? myNonce : peerNonce;
        byte[] nr = initiator ? peerNonce : myNonce;
        NegotiatedTransforms t = selected.transforms();
        IkeSaKeys keys;
        try {
            keys = Keymat.deriveIkeKeys(t, ni, nr, gir, spiBytes(sa.spiI()), spiBytes(sa.spiR()));
        } finally {
            gir.destroy();
        }
        sa.nonces(ni, nr);
        sa.keys(t, keys);
        IKE.log(System.Logger.Level.INFO, "selected proposal: IKE:" + describe(t));
        if (ctx.keyFiles() != null) {
            int integ = t.integrity() == null ? 0 : t.integrity().transformId();
            ctx.keyFiles().saveIke(sa.spiI(), sa.spiR(), t.encryption().transformId(),
                    t.encryption().keyLengthBits(), keys.skEi().bytes(), keys.skEr().bytes(), integ,
                    keys.skAi().bytes(), keys.skAr().bytes());
        }
    }

    /** strongSwan's proposal notation, e.g. {@code AES_GCM_16_128/PRF_HMAC_SHA2_256/CURVE_25519}. */
    static String describe(final NegotiatedTransforms t) {
        StringBuilder sb = new StringBuilder(t.encryption().toString());
        if (t.integrity() != null) {
            sb.append('/').append(t.integrity());
        }
        if (t.prf() != null) {
            sb.append('/').append(t.prf());
        }
        if (t.keyExchange() != null) {
            sb.append('/').append(t.keyExchange());
        }
        return sb.toString();
    }

    private List<PeerConfig> candidates() {
        if (sa.config() != null) {
            return List.of(sa.config());
        }
        return PeerSelection.byAddress(ctx.peerConfigs(), sa.local(), sa.remote());
    }

    private static int firstGroup(final List<ProposalSpec> proposals) {
        for (ProposalSpec p : proposals) {
            for (TransformSpec t : p.transformsOf(org.jswan.ike.crypto.TransformType.KE)) {
                return t.id();
            }
        }
        throw new IllegalStateException("IKE proposals without a key exchange method");
    }

    private static boolean offers(final List<ProposalSpec> proposals, final int group) {
        for (ProposalSpec p : proposals) {
            for (TransformSpec t : p.transformsOf(org.jswan.ike.crypto.TransformType.KE)) {
                if (t.id() == group) {
                    return true;
                }
            }
        }
        return false;
    }

    private long newSpi() {
        long spi = 0;
        while (spi == 0) {
            spi = ctx.random().nextLong();
        }
        return spi;
    }

    private byte[] newNonce() {
        byte[] n = new byte[NONCE_LENGTH];
        ctx.random().nextBytes(n);
        return n;
    }

    static byte[] spiBytes(final long spi) {
        return ByteBuffer.allocate(8).putLong(spi).array();
    }

    static <T> T required(final IkeMessage message, final Class<T> kind, final String name)
            throws IkeProtocolException {
        for (Object p : message.payloads()) {
            if (kind.isInstance(p)) {
                return kind.cast(p);
            }
        }
        throw new IkeProtocolException(NotifyType.INVALID_SYNTAX, message.exchangeType() + " "
                + (message.isResponse() ? "response" : "request") + " lacks a " + name + " payload");
    }
}
