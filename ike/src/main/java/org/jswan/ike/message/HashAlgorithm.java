package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Hash Algorithms (RFC 7427 §4, IANA), as listed in the SIGNATURE_HASH_ALGORITHMS notify. Open enum:
 * {@link #valueOf(int)} never throws for a 16-bit value.
 */
public final class HashAlgorithm extends OpenEnum {
    private static final Map<Integer, HashAlgorithm> BY_VALUE = new HashMap<>();

    public static final HashAlgorithm SHA1 = define(1, "SHA1");
    public static final HashAlgorithm SHA2_256 = define(2, "SHA2_256");
    public static final HashAlgorithm SHA2_384 = define(3, "SHA2_384");
    public static final HashAlgorithm SHA2_512 = define(4, "SHA2_512");
    /** RFC 8420: the signature algorithm hashes internally (Ed25519, Ed448). */
    public static final HashAlgorithm IDENTITY = define(5, "IDENTITY");

    private HashAlgorithm(final int value, final String name) {
        super(value, name, name);
    }

    private static HashAlgorithm define(final int value, final String name) {
        final HashAlgorithm t = new HashAlgorithm(value, name);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static HashAlgorithm valueOf(final int value) {
        final HashAlgorithm t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 65535);
        return new HashAlgorithm(value, "UNKNOWN");
    }
}
