package org.jswan.ike.crypto;

/**
 * A pseudorandom function of IKEv2 (RFC 7296 §2.13), e.g. PRF_HMAC_SHA2_256 (RFC 4868). Implementations are
 * stateless and thread-safe.
 */
public interface Prf {

    /** IANA transform ID (Transform Type 2). */
    int transformId();

    /** Output length in bytes (32 for HMAC-SHA2-256). */
    int outputLength();

    /** The key length used for SK_d, SK_pi and SK_pr: the output length for the HMAC PRFs (RFC 4868 §2.2). */
    int preferredKeyLength();

    /** {@code prf(key, data)}; keys of any length are accepted (HMAC pads or hashes them). */
    byte[] apply(byte[] key, byte[] data);
}
