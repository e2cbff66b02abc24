package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/** IKEv2 Traffic Selector Types (RFC 7296 §3.13.1). Open enum: {@link #valueOf(int)} never throws. */
public final class TsType extends OpenEnum {
    private static final Map<Integer, TsType> BY_VALUE = new HashMap<>();

    public static final TsType TS_IPV4_ADDR_RANGE = define(7, "TS_IPV4_ADDR_RANGE", "TS_IPV4_ADDR_RANGE");
    public static final TsType TS_IPV6_ADDR_RANGE = define(8, "TS_IPV6_ADDR_RANGE", "TS_IPV6_ADDR_RANGE");

    private TsType(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static TsType define(final int value, final String name, final String shortName) {
        final TsType t = new TsType(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static TsType valueOf(final int value) {
        final TsType t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 255);
        return new TsType(value, "UNKNOWN", "UNKNOWN");
    }
}
