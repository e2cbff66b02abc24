package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Security Protocol Identifiers (RFC 7296 §3.3.1); 0 is used in notifies that concern no SA. Open enum:
 * {@link #valueOf(int)} never throws.
 */
public final class ProtocolId extends OpenEnum {
    private static final Map<Integer, ProtocolId> BY_VALUE = new HashMap<>();

    public static final ProtocolId NONE = define(0, "NONE", "NONE");
    public static final ProtocolId IKE = define(1, "IKE", "IKE");
    public static final ProtocolId AH = define(2, "AH", "AH");
    public static final ProtocolId ESP = define(3, "ESP", "ESP");

    private ProtocolId(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static ProtocolId define(final int value, final String name, final String shortName) {
        final ProtocolId t = new ProtocolId(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static ProtocolId valueOf(final int value) {
        final ProtocolId t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 255);
        return new ProtocolId(value, "UNKNOWN", "UNKNOWN");
    }
}
