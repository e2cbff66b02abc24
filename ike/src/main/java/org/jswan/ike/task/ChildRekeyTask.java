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
 * one goes (make-before-break), so no packet is lost in between.
 */
final class ChildRekeyTask extends ChildCreateTask {
    private static final System.Logger IKE = System.getLogger("IKE");

    ChildRekeyTask(final IkeSa sa, final TaskContext ctx, final boolean initiator, final ChildSa old) {
        super(sa, ctx, initiator, old == null ? null : old.config());
        this.rekeyed = old;
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
            rekeyed = old;
            setConfig(old.config());
            return super.process(message);
        }
        TaskStatus status = super.process(message);
        finishRekey(true);
        return status;
    }

    private void finishRekey(final boolean deleteOld) {
        if (child() == null) {
            if (rekeyed != null && rekeyed.state() == ChildSaState.REKEYING) {
                rekeyed.state(ChildSaState.INSTALLED);
            }
            return;
        }
        rekeyed.state(ChildSaState.REKEYED);
        if (deleteOld) {
            ctx.taskManager(sa).queue(new ChildDeleteTask(sa, ctx, true, rekeyed));
        }
    }
}
