package org.jswan.ike.auth;

import java.util.Objects;

/** Auth Method of the AUTH payload (RFC 7296 §3.8; IANA "IKEv2 Authentication Method"). Open enum. */
public final class AuthMethod {

    public static final AuthMethod RSA_DIGITAL_SIGNATURE = new AuthMethod(1, "RSA Digital Signature");
    public static final AuthMethod SHARED_KEY_MIC = new AuthMethod(2, "Shared Key Message Integrity Code");
    public static final AuthMethod DSS_DIGITAL_SIGNATURE = new AuthMethod(3, "DSS Digital Signature");
    /** RFC 4754. */
    public static final AuthMethod ECDSA_SHA256_P256 = new AuthMethod(9, "ECDSA with SHA-256 on P-256");
    public static final AuthMethod ECDSA_SHA384_P384 = new AuthMethod(10, "ECDSA with SHA-384 on P-384");
    public static final AuthMethod ECDSA_SHA512_P521 = new AuthMethod(11, "ECDSA with SHA-512 on P-521");
    /** RFC 7427. */
    public static final AuthMethod DIGITAL_SIGNATURE = new AuthMethod(14, "Digital Signature");

    private final int value;
    private final String name;

    private AuthMethod(final int value, final String name) {
        this.value = value;
        this.name = name;
    }

    public static AuthMethod valueOf(final int value) {
        switch (value) {
            case 1: return RSA_DIGITAL_SIGNATURE;
            case 2: return SHARED_KEY_MIC;
            case 3: return DSS_DIGITAL_SIGNATURE;
            case 9: return ECDSA_SHA256_P256;
            case 10: return ECDSA_SHA384_P384;
            case 11: return ECDSA_SHA512_P521;
            case 14: return DIGITAL_SIGNATURE;
            default: return new AuthMethod(value & 0xff, "UNKNOWN(" + (value & 0xff) + ")");
        }
    }

    public int value() {
        return value;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof AuthMethod && ((AuthMethod) o).value == value;
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
