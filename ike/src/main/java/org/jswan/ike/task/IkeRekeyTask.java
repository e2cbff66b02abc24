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
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.KePayload;
import org.jswan.ike.message.NoncePayload;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.SaPayload;
import org.jswan.ike.proposal.ProposalSelector;
import org.jswan.ike.proposal.Selection;
import org.jswan.ike.sa.ChildSa;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.sa.IkeSaState;

/**
 * Rekeys the IKE_SA (RFC 7296 §1.3.2, §2.18): CREATE_CHILD_SA with an IKE proposal carrying the new SPI, fresh
 * nonces and a new key exchange. The new SA's keys come from SK_d of the old one; the CHILD_SAs move over, and the
 * initiator of the rekey deletes the old IKE_SA.
 */
final class IkeRekeyTask implements Task {
    private static final System.Logger IKE = System.getLogger("IKE");
    private static final int NONCE_LENGTH = 32;

    private final IkeSa sa;
    private final TaskContext ctx;
    private final boolean initiator;
    private IkeSa fresh;
    private KeyExchange ke;
    private byte[] myNonce;
    private byte[] peerNonce;
    private byte[] peerKe;
    private Selection.Selected selected;
    private long newSpi;

    /** The peer's rekey of this IKE_SA that crossed ours (RFC 7296 §2.8.2), or null. */
    private IkeRekeyTask collision;

    IkeRekeyTask(final IkeSa sa, final TaskContext ctx, final boolean initiator) {
        this.sa = sa;
        this.ctx = ctx;
        this.initiator = initiator;
    }

    boolean initiates() {
        return initiator;
    }

    @Override
    public TaskType type() {
        return TaskType.IKE_REKEY;
    }

    @Override
    public TaskStatus build(final OutboundMessage message) throws IkeProtocolException {
        if (initiator) {
            if (sa.state() != IkeSaState.ESTABLISHED) {
                return TaskStatus.SUCCESS;
            }
            sa.state(IkeSaState.REKEYING);
            IKE.log(System.Logger.Level.INFO, "rekeying IKE_SA " + sa);
            newSpi = newSpi();
            int group = sa.transforms().keyExchange().transformId();
            ke = KeyExchangeFactory.create(group, ctx.random());
            myNonce = nonce();
            message.add(new SaPayload(ProposalWire.offer(sa.config().proposals(), spi8(newSpi))));
            message.add(new NoncePayload(myNonce));
            message.add(new KePayload(group, ke.publicValue()));
            return TaskStatus.NEED_MORE;
        }
        if (sa.state() != IkeSaState.ESTABLISHED && sa.state() != IkeSaState.REKEYING) {
            // RFC 7296 §2.25.2: we are already closing this IKE_SA (our rekey completed first).
            message.addNotify(NotifyType.TEMPORARY_FAILURE, new byte[0]);
            return TaskStatus.SUCCESS;
        }
        if (selected == null) {
            message.addNotify(NotifyType.NO_PROPOSAL_CHOSEN, new byte[0]);
            return TaskStatus.SUCCESS;
        }
        IkeRekeyTask ours = sa.state() == IkeSaState.REKEYING ? ctx.taskManager(sa).activeIkeRekey() : null;
        if (ours != null) {
            // Both ends rekey at once: our own exchange decides which new IKE_SA survives when its answer comes.
            IKE.log(System.Logger.Level.INFO, "IKE_SA rekey collision for " + sa);
            ours.collision = this;
        }
        newSpi = newSpi();
        ke = KeyExchangeFactory.create(selected.transforms().keyExchange().transformId(), ctx.random());
        myNonce = nonce();
        message.add(new SaPayload(List.of(ProposalWire.toWire(selected.proposal().withSpi(spi8(newSpi))))));
        message.add(new NoncePayload(myNonce));
        message.add(new KePayload(ke.group(), ke.publicValue()));
        long peerSpi = ByteBuffer.wrap(selected.proposal().spi()).getLong();
        complete(peerSpi, newSpi);
        sa.state(IkeSaState.REKEYED);
        return TaskStatus.SUCCESS;
    }

    @Override
    public TaskStatus process(final IkeMessage message) throws IkeProtocolException {
        if (initiator) {
            for (NotifyPayload n : message.payloads(NotifyPayload.class)) {
                if (n.notifyType().value() < 16384) {
                    IKE.log(System.Logger.Level.INFO, "received " + n.notifyType() + " notify, IKE_SA not rekeyed");
                    ke.destroy();
                    if (sa.state() == IkeSaState.REKEYING) {
                        sa.state(IkeSaState.ESTABLISHED);
                    }
                    return TaskStatus.SUCCESS;
                }
            }
            SaPayload saPayload = IkeInitTask.required(message, SaPayload.class, "SA");
            if (saPayload.proposals().size() != 1 || saPayload.proposals().get(0).spi().length != 8) {
                throw new IkeProtocolException(NotifyType.INVALID_SYNTAX, "IKE rekey response with a bad SA");
            }
            Selection s = ProposalSelector.verifyResponse(sa.config().proposals(),
                    ProposalWire.fromWire(saPayload.proposals().get(0)));
            if (!(s instanceof Selection.Selected sel)) {
                throw new IkeProtocolException(NotifyType.NO_PROPOSAL_CHOSEN, "IKE rekey proposal not ours");
            }
            selected = sel;
            peerNonce = IkeInitTask.required(message, NoncePayload.class, "Nonce").data();
            KePayload k = IkeInitTask.required(message, KePayload.class, "KE");
            if (k.group() != ke.group()) {
                throw new IkeProtocolException(NotifyType.INVALID_KE_PAYLOAD, "IKE rekey with another KE method");
            }
            peerKe = k.data();
            long peerSpi = ByteBuffer.wrap(saPayload.proposals().get(0).spi()).getLong();
            complete(newSpi, peerSpi);
            sa.state(IkeSaState.REKEYED);
            if (collision != null && collision.fresh != null) {
                resolveCollision();
                return TaskStatus.SUCCESS;
            }
            ctx.taskManager(sa).queue(new IkeDeleteTask(sa, ctx, true));
            return TaskStatus.SUCCESS;
        }
        SaPayload saPayload = IkeInitTask.required(message, SaPayload.class, "SA");
        KePayload k = IkeInitTask.required(message, KePayload.class, "KE");
        peerNonce = IkeInitTask.required(message, NoncePayload.class, "Nonce").data();
        peerKe = k.data();
        Selection s = ProposalSelector.select(sa.config().proposals(), ProposalWire.fromWire(saPayload.proposals()),
                ProposalSelector.Preference.CONFIGURED, k.group());
        if (s instanceof Selection.InvalidKePayload inv) {
            throw new IkeProtocolException(NotifyType.INVALID_KE_PAYLOAD,
                    new byte[] {(byte) (inv.group() >>> 8), (byte) inv.group()}, "IKE rekey with KE method "
                    + k.group());
        }
        if (s instanceof Selection.Selected sel && sel.proposal().spi().length == 8) {
            selected = sel;
        }
        return TaskStatus.NEED_MORE;
    }

    /** Derives the new SA's keys (§2.18) and moves the CHILD_SAs over. */
    private void complete(final long spiI, final long spiR) throws IkeProtocolException {
        NegotiatedTransforms t = selected.transforms();
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
        IkeSaKeys keys;
        try {
            keys = Keymat.deriveRekeyedIkeKeys(sa.keys().prf(), sa.keys().skD(), t, gir, ni, nr, spi8(spiI),
                    spi8(spiR));
        } finally {
            gir.destroy();
        }
        fresh = ctx.newIkeSa(initiator, sa.config());
        fresh.spis(spiI, spiR);
        fresh.endpoints(sa.local(), sa.remote());
        fresh.nat(sa.natLocal(), sa.natRemote());
        fresh.forceEncap(sa.forceEncap());
        // RFC 7383 §2.3: the rekeyed IKE_SA inherits what IKE_SA_INIT negotiated.
        fresh.fragmentation(sa.fragmentation());
        fresh.localId(sa.localId());
        fresh.remoteId(sa.remoteId());
        fresh.nonces(ni, nr);
        fresh.keys(t, keys);
        fresh.state(IkeSaState.ESTABLISHED);
        fresh.establishedAtMillis(ctx.nowMillis());
        fresh.lastInboundMillis(ctx.nowMillis());
        for (ChildSa c : sa.children()) {
            fresh.children().add(c);
        }
        sa.children().clear();
        ctx.registerSpis(fresh);
        if (ctx.keyFiles() != null) {
            int integ = t.integrity() == null ? 0 : t.integrity().transformId();
            ctx.keyFiles().saveIke(spiI, spiR, t.encryption().transformId(), t.encryption().keyLengthBits(),
                    keys.skEi().bytes(), keys.skEr().bytes(), integ, keys.skAi().bytes(), keys.skAr().bytes());
        }
        IKE.log(System.Logger.Level.INFO, "IKE_SA " + fresh + " rekeyed between "
                + sa.local().getAddress().getHostAddress() + "[" + sa.localId() + "]..."
                + sa.remote().getAddress().getHostAddress() + "[" + sa.remoteId() + "]");
        ctx.ikeEstablished(fresh);
    }

    /**
     * RFC 7296 §2.8.2: the new IKE_SA created with the lowest of the four nonces is redundant and its creator
     * deletes it; the winner deletes the old IKE_SA. The CHILD_SAs live on in the surviving one.
     */
    private void resolveCollision() {
        IkeSa theirs = collision.fresh;
        boolean lost = java.util.Arrays.compareUnsigned(lowestNonce(), collision.lowestNonce()) < 0;
        IkeSa winner = lost ? theirs : fresh;
        IkeSa redundant = lost ? fresh : theirs;
        winner.children().addAll(redundant.children());
        redundant.children().clear();
        if (lost) {
            IKE.log(System.Logger.Level.INFO, "lost IKE_SA rekey collision, deleting redundant " + redundant);
            TaskManager tm = ctx.taskManager(redundant);
            if (tm != null) {
                tm.queue(new IkeDeleteTask(redundant, ctx, true));
                tm.initiate();
            }
        } else {
            IKE.log(System.Logger.Level.INFO, "won IKE_SA rekey collision, peer deletes redundant " + redundant);
            ctx.taskManager(sa).queue(new IkeDeleteTask(sa, ctx, true));
        }
    }

    private byte[] lowestNonce() {
        return java.util.Arrays.compareUnsigned(myNonce, peerNonce) <= 0 ? myNonce : peerNonce;
    }

    private long newSpi() {
        long spi = 0;
        while (spi == 0) {
            spi = ctx.random().nextLong();
        }
        return spi;
    }

    private byte[] nonce() {
        byte[] n = new byte[NONCE_LENGTH];
        ctx.random().nextBytes(n);
        return n;
    }

    private static byte[] spi8(final long spi) {
        return ByteBuffer.allocate(8).putLong(spi).array();
    }
}
