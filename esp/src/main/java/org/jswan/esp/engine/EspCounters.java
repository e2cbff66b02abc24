package org.jswan.esp.engine;

import org.jswan.esp.api.DropReason;

/**
 * Drop counters of one data thread, indexed by {@link DropReason#ordinal()}. Written by that thread only (plain
 * increments, published with lazySet semantics by the volatile {@link #published} write once per batch); the
 * control thread sums all threads' counters on query.
 */
public final class EspCounters {
    private static final DropReason[] REASONS = DropReason.values();

    private final long[] drops = new long[REASONS.length];
    private final long[] snapshot = new long[REASONS.length];
    private volatile long published;

    public void drop(final DropReason reason) {
        drops[reason.ordinal()]++;
    }

    /** Owner thread, once per batch: makes the counts visible to {@link #get}. */
    public void publish() {
        System.arraycopy(drops, 0, snapshot, 0, drops.length);
        published++;
    }

    /** Any thread: the count as of the last {@link #publish()}. */
    public long get(final DropReason reason) {
        long fence = published;
        return fence >= 0 ? snapshot[reason.ordinal()] : 0;
    }
}
