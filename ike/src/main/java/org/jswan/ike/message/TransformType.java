package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Transform Types (RFC 7296 §3.3.2; RFC 9370 additional key exchanges). Open enum: {@link #valueOf(int)}
 * never throws.
 */
public final class TransformType extends OpenEnum {
    private static final Map<Integer, TransformType> BY_VALUE = new HashMap<>();

    public static final TransformType ENCR = define(1, "ENCR", "ENCR");
    public static final TransformType PRF = define(2, "PRF", "PRF");
    public static final TransformType INTEG = define(3, "INTEG", "INTEG");
    public static final TransformType KE = define(4, "KE", "KE");
    public static final TransformType ESN = define(5, "ESN", "ESN");
    public static final TransformType ADDKE1 = define(6, "ADDKE1", "ADDKE1");
    public static final TransformType ADDKE2 = define(7, "ADDKE2", "ADDKE2");
    public static final TransformType ADDKE3 = define(8, "ADDKE3", "ADDKE3");
    public static final TransformType ADDKE4 = define(9, "ADDKE4", "ADDKE4");
    public static final TransformType ADDKE5 = define(10, "ADDKE5", "ADDKE5");
    public static final TransformType ADDKE6 = define(11, "ADDKE6", "ADDKE6");
    public static final TransformType ADDKE7 = define(12, "ADDKE7", "ADDKE7");

    private TransformType(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static TransformType define(final int value, final String name, final String shortName) {
        final TransformType t = new TransformType(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static TransformType valueOf(final int value) {
        final TransformType t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 255);
        return new TransformType(value, "UNKNOWN", "UNKNOWN");
    }
}
