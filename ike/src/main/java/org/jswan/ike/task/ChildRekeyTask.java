package org.jswan.ike.task;

import java.nio.ByteBuffer;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.sa.ChildSa;
import org.jswan.ike.sa.ChildSaState;
import org.jswan.ike.sa.IkeSa;

/**
 * Rekeys a CHILD_SA (RFC 7296 §1.3.3, §2.8): CREATE_CHILD_SA with N(REKEY_SA) creates the successor with the same
 * configuration and reqid; the initiator then deletes the old SA. The new inbound SA is installed before the old
 * one goes (make-before-break), and the responder switches its outbound traffic only when the old SA is deleted,
 * so no packet is lost in between.
 */
final class ChildRekeyTask extends ChildCreateTask {
    private static final System.Logger IKE = System.getLogger("IKE");

    /** The peer's rekey of the same CHILD_SA that crossed ours (RFC 7296 §2.8.1), or null. */
    private ChildRekeyTask collision;

    ChildRekeyTask(final IkeSa sa, final TaskContext ctx, final boolean initiator, final ChildSa old) {
        super(sa, ctx, initiator, old == null ? null : old.config());
        this.rekeyed = old;
    }

    boolean rekeys(final ChildSa old) {
        return initiator && rekeyed == old;
    }

    @Override
    public TaskType type() {
        return TaskType.CHILD_REKEY;
    }

    @Override
    public TaskStatus build(final OutboundMessage message) throws IkeProtocolException {
        if (initiator) {
            if (rekeyed == null || !sa.children().contains(rekeyed) || rekeyed.state() != ChildSaState.INSTALLED) {
                return TaskStatus.SUCCESS;
            }
            rekeyed.state(ChildSaState.REKEYING);
            IKE.log(System.Logger.Level.INFO, "rekeying CHILD_SA " + rekeyed + " with SPIs "
                    + String.format("%08x_i %08x_o", rekeyed.spiIn(), rekeyed.spiOut()));
        }
        TaskStatus status = super.build(message);
        if (!initiator) {
            ChildRekeyTask ours = rekeyed == null ? null : ctx.taskManager(sa).activeRekeyOf(rekeyed);
            if (ours != null && child() != null) {
                // Both ends rekey this CHILD_SA at once: our own exchange decides when its response arrives.
                IKE.log(System.Logger.Level.INFO, "CHILD_SA rekey collision for " + rekeyed);
                ours.collision = this;
            }
            finishRekey(false);
        }
        return status;
    }

    @Override
    public TaskStatus process(final IkeMessage message) throws IkeProtocolException {
        if (!initiator) {
            NotifyPayload n = message.notify(NotifyType.REKEY_SA);
            if (n == null || n.spi().length != 4) {
                throw new IkeProtocolException(NotifyType.INVALID_SYNTAX, "REKEY_SA without an ESP SPI");
            }
            ChildSa old = sa.childByOutboundSpi(ByteBuffer.wrap(n.spi()).getInt());
            if (old == null) {
                throw new IkeProtocolException(NotifyType.CHILD_SA_NOT_FOUND, n.spi(), "CHILD_SA to rekey not found");
            }
            if (old.state() == ChildSaState.REKEYED || old.state() == ChildSaState.DELETING) {
                // RFC 7296 §2.25: we already replaced it and are closing it (our rekey won the race before the
                // peer's request arrived); the peer keeps the successor we created.
                throw new IkeProtocolException(NotifyType.TEMPORARY_FAILURE, "CHILD_SA " + old
                        + " is already rekeyed, refusing a second rekey");
            }
            rekeyed = old;
            setConfig(old.config());
            return super.process(message);
        }
        TaskStatus status = super.process(message);
        finishRekey(true);
        return status;
    }

    /**
     * As responder, the peer installs its new inbound SA only when our response arrives, so sending on the new SA
     * right away could lose packets: like strongSwan, we keep sending on the old SA until the peer deletes it.
     * Not in a collision, where RFC 7296 §2.8.1 decides which new SA survives.
     */
    @Override
    protected boolean deferOutbound() {
        return !initiator && rekeyed != null && ctx.taskManager(sa).activeRekeyOf(rekeyed) == null;
    }

    private boolean lostCollision() {
        byte[] ours = lowestNonce();
        byte[] theirs = collision.lowestNonce();
        return ours != null && theirs != null && java.util.Arrays.compareUnsigned(ours, theirs) < 0;
    }

    private void finishRekey(final boolean deleteOld) {
        if (child() == null) {
            if (rekeyed != null && rekeyed.state() == ChildSaState.REKEYING) {
                rekeyed.state(ChildSaState.INSTALLED);
            }
            return;
        }
        rekeyed.state(ChildSaState.REKEYED);
        if (deleteOld && collision != null && collision.child() != null && lostCollision()) {
            // RFC 7296 §2.8.1: the SA created with the lowest of the four nonces is redundant and is deleted by
            // its creator; the winner deletes the old SA.
            IKE.log(System.Logger.Level.INFO, "lost CHILD_SA rekey collision, deleting redundant " + child());
            ctx.taskManager(sa).queue(new ChildDeleteTask(sa, ctx, true, child()));
            return;
        }
        if (deleteOld) {
            ctx.taskManager(sa).queue(new ChildDeleteTask(sa, ctx, true, rekeyed));
        }
    }
}
