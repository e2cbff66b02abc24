package org.jswan.esp.spd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jswan.esp.api.PolicySpec;
import org.jswan.esp.packet.InnerPacket;

/**
 * An immutable outbound policy table: entries sorted most specific first, so the first match wins (RFC 4301 §4.4.1
 * ordered SPD). The control thread builds a new table per change; data threads read the published one.
 *
 * <p>Lookup is a linear scan, fine for the tens of policies a gateway has; a prefix trie (wireguard allowedips) is
 * the next step if that changes.
 */
public final class PolicyTable {
    public static final PolicyTable EMPTY = new PolicyTable(new Entry[0]);

    private final Entry[] entries;

    private PolicyTable(final Entry[] entries) {
        this.entries = entries;
    }

    /** One installed policy. */
    public record Entry(long id, PolicySpec spec, Selector local, Selector remote) {
    }

    public PolicyTable with(final long id, final PolicySpec spec) {
        List<Entry> list = new ArrayList<>(Arrays.asList(entries));
        list.add(new Entry(id, spec, new Selector(spec.local()), new Selector(spec.remote())));
        list.sort(Comparator.comparingLong((Entry e) -> -(e.remote.specificity() + e.local.specificity()))
                .thenComparingInt(e -> e.spec.priority()).thenComparingLong(Entry::id));
        return new PolicyTable(list.toArray(new Entry[0]));
    }

    public PolicyTable without(final long id) {
        List<Entry> list = new ArrayList<>(entries.length);
        for (Entry e : entries) {
            if (e.id != id) {
                list.add(e);
            }
        }
        return list.size() == entries.length ? this : new PolicyTable(list.toArray(new Entry[0]));
    }

    public boolean contains(final long id) {
        for (Entry e : entries) {
            if (e.id == id) {
                return true;
            }
        }
        return false;
    }

    /** The reqid of the first policy selecting this outbound packet, or -1. */
    public int lookupOutbound(final InnerPacket p) {
        for (Entry e : entries) {
            if (e.local.matchesSource(p) && e.remote.matchesDestination(p)) {
                return e.spec.reqid();
            }
        }
        return -1;
    }

    public int size() {
        return entries.length;
    }
}
