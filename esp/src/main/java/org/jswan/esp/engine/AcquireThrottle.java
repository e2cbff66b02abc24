package org.jswan.esp.engine;

/**
 * Limits acquire events to one per reqid and interval: while a trap policy waits for its SA, every packet matching
 * it would otherwise raise one. A fixed table, no allocation; owned by one data thread. With more distinct reqids
 * than slots, the least recently signalled slot is reused (at worst an extra event).
 */
final class AcquireThrottle {
    private static final int SLOTS = 64;

    private final long intervalMillis;
    private final int[] reqids = new int[SLOTS];
    private final long[] lastMillis = new long[SLOTS];

    AcquireThrottle(final long intervalMillis) {
        this.intervalMillis = intervalMillis;
        java.util.Arrays.fill(reqids, -1);
    }

    /** True if an acquire for {@code reqid} may be raised now (and records it). */
    boolean allow(final int reqid, final long nowMillis) {
        int oldest = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (reqids[i] == reqid) {
                if (nowMillis - lastMillis[i] < intervalMillis) {
                    return false;
                }
                lastMillis[i] = nowMillis;
                return true;
            }
            if (reqids[i] == -1 || lastMillis[i] < lastMillis[oldest]) {
                oldest = i;
                if (reqids[i] == -1) {
                    break;
                }
            }
        }
        reqids[oldest] = reqid;
        lastMillis[oldest] = nowMillis;
        return true;
    }
}
