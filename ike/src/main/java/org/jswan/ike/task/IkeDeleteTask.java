package org.jswan.ike.task;

import org.jswan.ike.message.DeletePayload;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.sa.IkeSaState;

/** Deletes the IKE_SA and with it all its CHILD_SAs (RFC 7296 §1.4.1): INFORMATIONAL with D(IKE). */
final class IkeDeleteTask implements Task {
    private static final System.Logger IKE = System.getLogger("IKE");

    private final IkeSa sa;
    private final TaskContext ctx;
    private final boolean initiator;

    IkeDeleteTask(final IkeSa sa, final TaskContext ctx, final boolean initiator) {
        this.sa = sa;
        this.ctx = ctx;
        this.initiator = initiator;
    }

    @Override
    public TaskType type() {
        return TaskType.IKE_DELETE;
    }

    @Override
    public TaskStatus build(final OutboundMessage message) {
        if (initiator) {
            IKE.log(System.Logger.Level.INFO, "deleting IKE_SA " + sa + " between "
                    + sa.local().getAddress().getHostAddress() + "[" + sa.localId() + "]..."
                    + sa.remote().getAddress().getHostAddress() + "[" + sa.remoteId() + "]");
            sa.state(IkeSaState.DELETING);
            message.add(DeletePayload.ike());
            return TaskStatus.NEED_MORE;
        }
        // Our empty response goes out; the SA ends right after.
        return TaskStatus.DESTROY_ME;
    }

    @Override
    public TaskStatus process(final IkeMessage message) {
        if (initiator) {
            IKE.log(System.Logger.Level.INFO, "IKE_SA deleted");
            return TaskStatus.DESTROY_ME;
        }
        IKE.log(System.Logger.Level.INFO, "received DELETE for IKE_SA " + sa);
        sa.state(IkeSaState.DELETING);
        return TaskStatus.NEED_MORE;
    }
}
