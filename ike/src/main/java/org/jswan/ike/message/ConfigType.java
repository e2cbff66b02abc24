package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Configuration Payload CFG Types (RFC 7296 §3.15). Short names are strongSwan's log names. Open enum:
 * {@link #valueOf(int)} never throws.
 */
public final class ConfigType extends OpenEnum {
    private static final Map<Integer, ConfigType> BY_VALUE = new HashMap<>();

    public static final ConfigType CFG_REQUEST = define(1, "CFG_REQUEST", "CPRQ");
    public static final ConfigType CFG_REPLY = define(2, "CFG_REPLY", "CPRP");
    public static final ConfigType CFG_SET = define(3, "CFG_SET", "CPS");
    public static final ConfigType CFG_ACK = define(4, "CFG_ACK", "CPA");

    private ConfigType(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static ConfigType define(final int value, final String name, final String shortName) {
        final ConfigType t = new ConfigType(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static ConfigType valueOf(final int value) {
        final ConfigType t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 255);
        return new ConfigType(value, "UNKNOWN", "UNKNOWN");
    }
}
