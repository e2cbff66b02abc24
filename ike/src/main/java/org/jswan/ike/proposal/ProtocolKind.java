package org.jswan.ike.proposal;

/** Security Protocol ID of a proposal (RFC 7296 §3.3.1). */
public enum ProtocolKind {
    IKE(1),
    AH(2),
    ESP(3);

    private final int protocolId;

    ProtocolKind(final int protocolId) {
        this.protocolId = protocolId;
    }

    public int protocolId() {
        return protocolId;
    }

    /** The protocol for a wire value, or null when it is not one of the three. */
    public static ProtocolKind fromId(final int id) {
        for (final ProtocolKind k : values()) {
            if (k.protocolId == id) {
                return k;
            }
        }
        return null;
    }
}
