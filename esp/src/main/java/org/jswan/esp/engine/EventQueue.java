package org.jswan.esp.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.jswan.esp.api.Direction;
import org.jswan.esp.api.SaEventListener;
import org.jswan.esp.sa.SaEventSink;
import org.jswan.esp.sa.SecurityAssociation;

/**
 * Data threads enqueue SA events here (rare, so the small allocation is fine); the control thread drains them into
 * the {@link SaEventListener} (libipsec ipsec_event_relay).
 */
final class EventQueue implements SaEventSink {
    private enum Kind { SOFT, HARD, OVERFLOW, ACQUIRE }

    /** {@code spi} holds the reqid for ACQUIRE. */
    private record Event(Kind kind, Direction direction, int spi) {
    }

    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void softExpired(final SecurityAssociation sa) {
        queue.add(new Event(Kind.SOFT, sa.direction(), sa.spi()));
    }

    @Override
    public void hardExpired(final SecurityAssociation sa) {
        queue.add(new Event(Kind.HARD, sa.direction(), sa.spi()));
    }

    @Override
    public void seqOverflow(final SecurityAssociation sa) {
        queue.add(new Event(Kind.OVERFLOW, sa.direction(), sa.spi()));
    }

    /** A packet matched the policy of {@code reqid}, which has no outbound SA (see {@link AcquireThrottle}). */
    void acquire(final int reqid) {
        queue.add(new Event(Kind.ACQUIRE, Direction.OUTBOUND, reqid));
    }

    int drainTo(final SaEventListener listener) {
        int n = 0;
        Event e;
        while ((e = queue.poll()) != null) {
            n++;
            if (listener == null) {
                continue;
            }
            switch (e.kind) {
                case SOFT:
                    listener.onSoftExpire(e.direction, e.spi);
                    break;
                case HARD:
                    listener.onHardExpire(e.direction, e.spi);
                    break;
                case ACQUIRE:
                    listener.onAcquire(e.spi);
                    break;
                default:
                    listener.onSeqOverflow(e.direction, e.spi);
                    break;
            }
        }
        return n;
    }
}
