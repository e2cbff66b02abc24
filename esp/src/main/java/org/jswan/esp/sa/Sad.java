package org.jswan.esp.sa;

import io.netty.util.collection.IntObjectHashMap;
import org.jswan.esp.api.Direction;
import org.jswan.esp.spd.PolicyTable;

/**
 * Copy-on-write SA database. The control thread is the only writer: each change builds a new {@link SadSnapshot}
 * and publishes it through one volatile field; data threads read {@link #snapshot()} once per batch.
 */
public final class Sad {
    private volatile SadSnapshot current = SadSnapshot.EMPTY;

    public SadSnapshot snapshot() {
        return current;
    }

    /** Control thread. The newest outbound SA of a reqid takes over its policies (make-before-break rekey). */
    public void put(final SecurityAssociation sa) {
        SadSnapshot s = current;
        IntObjectHashMap<SecurityAssociation> in = copy(s.inboundMap());
        IntObjectHashMap<SecurityAssociation> out = copy(s.outboundMap());
        IntObjectHashMap<SecurityAssociation> byReqid = copy(s.reqidMap());
        if (sa.direction() == Direction.INBOUND) {
            in.put(sa.spi(), sa);
        } else {
            out.put(sa.spi(), sa);
            byReqid.put(sa.reqid(), sa);
        }
        current = new SadSnapshot(in, out, byReqid, s.policies());
    }

    /** Control thread: removes and returns the SA, or null. */
    public SecurityAssociation remove(final int spi, final Direction direction) {
        SadSnapshot s = current;
        SecurityAssociation sa = direction == Direction.INBOUND ? s.inbound(spi) : s.outbound(spi);
        if (sa == null) {
            return null;
        }
        IntObjectHashMap<SecurityAssociation> in = copy(s.inboundMap());
        IntObjectHashMap<SecurityAssociation> out = copy(s.outboundMap());
        IntObjectHashMap<SecurityAssociation> byReqid = copy(s.reqidMap());
        if (direction == Direction.INBOUND) {
            in.remove(spi);
        } else {
            out.remove(spi);
            if (byReqid.get(sa.reqid()) == sa) {
                byReqid.remove(sa.reqid());
                // Fall back to another outbound SA of the same reqid if one is still installed.
                for (SecurityAssociation other : out.values()) {
                    if (other.reqid() == sa.reqid()) {
                        byReqid.put(other.reqid(), other);
                    }
                }
            }
        }
        current = new SadSnapshot(in, out, byReqid, s.policies());
        return sa;
    }

    /** Control thread. */
    public void policies(final PolicyTable policies) {
        SadSnapshot s = current;
        current = new SadSnapshot(s.inboundMap(), s.outboundMap(), s.reqidMap(), policies);
    }

    private static IntObjectHashMap<SecurityAssociation> copy(final IntObjectHashMap<SecurityAssociation> m) {
        IntObjectHashMap<SecurityAssociation> c = new IntObjectHashMap<>(Math.max(8, m.size() * 2));
        c.putAll(m);
        return c;
    }
}
