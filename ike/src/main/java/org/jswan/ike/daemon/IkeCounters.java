package org.jswan.ike.daemon;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Dropped IKE messages by reason and exchange outcomes, for `jswan stats` and the metrics endpoint. */
public final class IkeCounters {
    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    void drop(final String reason) {
        drops.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    void outcome(final String what) {
        outcomes.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    public Map<String, Long> drops() {
        return snapshot(drops);
    }

    public Map<String, Long> outcomes() {
        return snapshot(outcomes);
    }

    public long totalDrops() {
        long n = 0;
        for (LongAdder a : drops.values()) {
            n += a.sum();
        }
        return n;
    }

    private static Map<String, Long> snapshot(final Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
