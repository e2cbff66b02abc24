package org.jswan.ike.crypto;

/** IKEv2 Transform Type values (RFC 7296 §3.3.2, IANA "Transform Type Values"). */
public final class TransformType {
    public static final int ENCR = 1;
    public static final int PRF = 2;
    public static final int INTEG = 3;
    /** Key Exchange Method, formerly "Diffie-Hellman Group" (RFC 9370 renamed it). */
    public static final int KE = 4;
    /** Extended Sequence Numbers. */
    public static final int ESN = 5;

    private TransformType() {
    }

    public static String name(final int type) {
        switch (type) {
            case ENCR:
                return "ENCR";
            case PRF:
                return "PRF";
            case INTEG:
                return "INTEG";
            case KE:
                return "KE";
            case ESN:
                return "ESN";
            default:
                return "TYPE_" + type;
        }
    }
}
