package org.jswan.ike.task;

import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.sa.IkeSa;

/** Liveness check (RFC 7296 §2.4): an empty INFORMATIONAL request, answered by an empty response. */
final class IkeDpdTask implements Task {
    private final IkeSa sa;
    private final boolean initiator;

    IkeDpdTask(final IkeSa sa, final TaskContext ctx, final boolean initiator) {
        this.sa = sa;
        this.initiator = initiator;
    }

    @Override
    public TaskType type() {
        return TaskType.IKE_DPD;
    }

    @Override
    public TaskStatus build(final OutboundMessage message) {
        return initiator ? TaskStatus.NEED_MORE : TaskStatus.SUCCESS;
    }

    @Override
    public TaskStatus process(final IkeMessage message) {
        return initiator ? TaskStatus.SUCCESS : TaskStatus.NEED_MORE;
    }

    @Override
    public String toString() {
        return "DPD of " + sa;
    }
}
