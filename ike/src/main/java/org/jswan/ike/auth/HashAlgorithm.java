package org.jswan.ike.auth;

import java.util.Objects;

/** RFC 7427 §4 / IANA "IKEv2 Hash Algorithms", as listed in SIGNATURE_HASH_ALGORITHMS. Open enum. */
public final class HashAlgorithm {

    public static final HashAlgorithm SHA1 = new HashAlgorithm(1, "SHA1");
    public static final HashAlgorithm SHA2_256 = new HashAlgorithm(2, "SHA2_256");
    public static final HashAlgorithm SHA2_384 = new HashAlgorithm(3, "SHA2_384");
    public static final HashAlgorithm SHA2_512 = new HashAlgorithm(4, "SHA2_512");
    /** RFC 8420: the signature algorithm hashes internally (Ed25519, Ed448). */
    public static final HashAlgorithm IDENTITY = new HashAlgorithm(5, "IDENTITY");

    private final int value;
    private final String name;

    private HashAlgorithm(final int value, final String name) {
        this.value = value;
        this.name = name;
    }

    public static HashAlgorithm valueOf(final int value) {
        switch (value) {
            case 1: return SHA1;
            case 2: return SHA2_256;
            case 3: return SHA2_384;
            case 4: return SHA2_512;
            case 5: return IDENTITY;
            default: return new HashAlgorithm(value & 0xffff, "UNKNOWN(" + (value & 0xffff) + ")");
        }
    }

    public int value() {
        return value;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof HashAlgorithm && ((HashAlgorithm) o).value == value;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
