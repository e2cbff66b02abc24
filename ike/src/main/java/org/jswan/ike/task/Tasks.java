package org.jswan.ike.task;

import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.sa.ChildSa;
import org.jswan.ike.sa.IkeSa;

/** The daemon's way to create tasks, which stay package-private. */
public final class Tasks {
    private Tasks() {
    }

    /** IKE_SA_INIT + IKE_AUTH as initiator, with the first CHILD_SA if {@code child} is given. */
    public static void queueIkeSetup(final IkeSa sa, final TaskContext ctx, final TaskManager tm,
                                     final ChildPeerConfig child) {
        tm.queue(new IkeInitTask(sa, ctx, true));
        tm.queue(new IkeNatdTask(sa, ctx, true));
        tm.queue(new IkeAuthTask(sa, ctx, true));
        tm.queue(new ChildCreateTask(sa, ctx, true, child));
    }

    public static Task childCreate(final IkeSa sa, final TaskContext ctx, final ChildPeerConfig child) {
        return new ChildCreateTask(sa, ctx, true, child);
    }

    public static Task childRekey(final IkeSa sa, final TaskContext ctx, final ChildSa child) {
        return new ChildRekeyTask(sa, ctx, true, child);
    }

    public static Task childDelete(final IkeSa sa, final TaskContext ctx, final ChildSa child) {
        return new ChildDeleteTask(sa, ctx, true, child);
    }

    public static Task ikeRekey(final IkeSa sa, final TaskContext ctx) {
        return new IkeRekeyTask(sa, ctx, true);
    }

    public static Task ikeDelete(final IkeSa sa, final TaskContext ctx) {
        return new IkeDeleteTask(sa, ctx, true);
    }

    public static Task dpd(final IkeSa sa, final TaskContext ctx) {
        return new IkeDpdTask(sa, ctx, true);
    }

    /** Removes a CHILD_SA's SAs and policies from the data plane (its IKE_SA is going away). */
    public static void uninstall(final IkeSa sa, final TaskContext ctx, final ChildSa child) {
        new ChildSaInstaller(sa, ctx).uninstall(child, ctx.trapped(child.reqid()));
    }
}
