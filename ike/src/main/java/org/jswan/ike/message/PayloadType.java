package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Payload Types (RFC 7296 §3.2; RFC 7383 for SKF). Short names are strongSwan's log names. Open enum: {@link
 * #valueOf(int)} never throws.
 */
public final class PayloadType extends OpenEnum {
    private static final Map<Integer, PayloadType> BY_VALUE = new HashMap<>();

    public static final PayloadType NONE = define(0, "NONE", "NONE");
    public static final PayloadType SA = define(33, "SA", "SA");
    public static final PayloadType KE = define(34, "KE", "KE");
    public static final PayloadType IDI = define(35, "IDI", "IDi");
    public static final PayloadType IDR = define(36, "IDR", "IDr");
    public static final PayloadType CERT = define(37, "CERT", "CERT");
    public static final PayloadType CERTREQ = define(38, "CERTREQ", "CERTREQ");
    public static final PayloadType AUTH = define(39, "AUTH", "AUTH");
    public static final PayloadType NONCE = define(40, "NONCE", "No");
    public static final PayloadType NOTIFY = define(41, "NOTIFY", "N");
    public static final PayloadType DELETE = define(42, "DELETE", "D");
    public static final PayloadType VENDOR_ID = define(43, "VENDOR_ID", "V");
    public static final PayloadType TSI = define(44, "TSI", "TSi");
    public static final PayloadType TSR = define(45, "TSR", "TSr");
    public static final PayloadType SK = define(46, "SK", "SK");
    public static final PayloadType CP = define(47, "CP", "CP");
    public static final PayloadType EAP = define(48, "EAP", "EAP");
    public static final PayloadType GSPM = define(49, "GSPM", "GSPM");
    public static final PayloadType IDG = define(50, "IDG", "IDg");
    public static final PayloadType GSA = define(51, "GSA", "GSA");
    public static final PayloadType KD = define(52, "KD", "KD");
    public static final PayloadType SKF = define(53, "SKF", "EF");
    public static final PayloadType PS = define(54, "PS", "PS");

    private PayloadType(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static PayloadType define(final int value, final String name, final String shortName) {
        final PayloadType t = new PayloadType(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static PayloadType valueOf(final int value) {
        final PayloadType t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 255);
        return new PayloadType(value, "UNKNOWN", "UNKNOWN");
    }
}
