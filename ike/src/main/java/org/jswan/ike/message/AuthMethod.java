package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Authentication Methods (RFC 7296 §3.8; RFC 4754; RFC 7427 Digital Signature; RFC 7619 NULL). Open enum:
 * {@link #valueOf(int)} never throws.
 */
public final class AuthMethod extends OpenEnum {
    private static final Map<Integer, AuthMethod> BY_VALUE = new HashMap<>();

    public static final AuthMethod RSA_DIGITAL_SIGNATURE = define(1, "RSA_DIGITAL_SIGNATURE", "RSA_DIGITAL_SIGNATURE");
    public static final AuthMethod SHARED_KEY_MIC = define(2, "SHARED_KEY_MIC", "SHARED_KEY_MIC");
    public static final AuthMethod DSS_DIGITAL_SIGNATURE = define(3, "DSS_DIGITAL_SIGNATURE", "DSS_DIGITAL_SIGNATURE");
    public static final AuthMethod ECDSA_SHA256_P256 = define(9, "ECDSA_SHA256_P256", "ECDSA_SHA256_P256");
    public static final AuthMethod ECDSA_SHA384_P384 = define(10, "ECDSA_SHA384_P384", "ECDSA_SHA384_P384");
    public static final AuthMethod ECDSA_SHA512_P521 = define(11, "ECDSA_SHA512_P521", "ECDSA_SHA512_P521");
    public static final AuthMethod GENERIC_SECURE_PASSWORD =
            define(12, "GENERIC_SECURE_PASSWORD", "GENERIC_SECURE_PASSWORD");
    public static final AuthMethod NULL_AUTHENTICATION = define(13, "NULL_AUTHENTICATION", "NULL_AUTHENTICATION");
    public static final AuthMethod DIGITAL_SIGNATURE = define(14, "DIGITAL_SIGNATURE", "DIGITAL_SIGNATURE");

    private AuthMethod(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static AuthMethod define(final int value, final String name, final String shortName) {
        final AuthMethod t = new AuthMethod(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static AuthMethod valueOf(final int value) {
        final AuthMethod t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 255);
        return new AuthMethod(value, "UNKNOWN", "UNKNOWN");
    }
}
