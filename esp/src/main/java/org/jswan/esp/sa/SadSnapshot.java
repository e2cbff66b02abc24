package org.jswan.esp.sa;

import io.netty.util.collection.IntObjectHashMap;
import org.jswan.esp.spd.PolicyTable;

/**
 * One immutable version of the SA and policy databases: inbound SAs by SPI, outbound SAs by reqid, and the outbound
 * policy table. Never modified after publication; lookups allocate nothing.
 */
public final class SadSnapshot {
    public static final SadSnapshot EMPTY = new SadSnapshot(new IntObjectHashMap<>(), new IntObjectHashMap<>(),
            new IntObjectHashMap<>(), PolicyTable.EMPTY);

    private final IntObjectHashMap<SecurityAssociation> inboundBySpi;
    private final IntObjectHashMap<SecurityAssociation> outboundBySpi;
    private final IntObjectHashMap<SecurityAssociation> outboundByReqid;
    private final PolicyTable policies;

    SadSnapshot(final IntObjectHashMap<SecurityAssociation> inboundBySpi,
            final IntObjectHashMap<SecurityAssociation> outboundBySpi,
            final IntObjectHashMap<SecurityAssociation> outboundByReqid, final PolicyTable policies) {
        this.inboundBySpi = inboundBySpi;
        this.outboundBySpi = outboundBySpi;
        this.outboundByReqid = outboundByReqid;
        this.policies = policies;
    }

    public SecurityAssociation inbound(final int spi) {
        return inboundBySpi.get(spi);
    }

    public SecurityAssociation outbound(final int spi) {
        return outboundBySpi.get(spi);
    }

    public SecurityAssociation outboundByReqid(final int reqid) {
        return outboundByReqid.get(reqid);
    }

    public PolicyTable policies() {
        return policies;
    }

    IntObjectHashMap<SecurityAssociation> inboundMap() {
        return inboundBySpi;
    }

    IntObjectHashMap<SecurityAssociation> outboundMap() {
        return outboundBySpi;
    }

    IntObjectHashMap<SecurityAssociation> reqidMap() {
        return outboundByReqid;
    }
}
