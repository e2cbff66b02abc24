package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Exchange Types (RFC 7296 §3.1; IANA "IKEv2 Exchange Types"). Open enum: {@link #valueOf(int)} never
 * throws.
 */
public final class ExchangeType extends OpenEnum {
    private static final Map<Integer, ExchangeType> BY_VALUE = new HashMap<>();

    public static final ExchangeType IKE_SA_INIT = define(34, "IKE_SA_INIT", "IKE_SA_INIT");
    public static final ExchangeType IKE_AUTH = define(35, "IKE_AUTH", "IKE_AUTH");
    public static final ExchangeType CREATE_CHILD_SA = define(36, "CREATE_CHILD_SA", "CREATE_CHILD_SA");
    public static final ExchangeType INFORMATIONAL = define(37, "INFORMATIONAL", "INFORMATIONAL");
    public static final ExchangeType IKE_SESSION_RESUME = define(38, "IKE_SESSION_RESUME", "IKE_SESSION_RESUME");
    public static final ExchangeType GSA_AUTH = define(39, "GSA_AUTH", "GSA_AUTH");
    public static final ExchangeType GSA_REGISTRATION = define(40, "GSA_REGISTRATION", "GSA_REGISTRATION");
    public static final ExchangeType GSA_REKEY = define(41, "GSA_REKEY", "GSA_REKEY");
    public static final ExchangeType IKE_INTERMEDIATE = define(43, "IKE_INTERMEDIATE", "IKE_INTERMEDIATE");
    public static final ExchangeType IKE_FOLLOWUP_KE = define(44, "IKE_FOLLOWUP_KE", "IKE_FOLLOWUP_KE");

    private ExchangeType(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static ExchangeType define(final int value, final String name, final String shortName) {
        final ExchangeType t = new ExchangeType(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static ExchangeType valueOf(final int value) {
        final ExchangeType t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 255);
        return new ExchangeType(value, "UNKNOWN", "UNKNOWN");
    }
}
