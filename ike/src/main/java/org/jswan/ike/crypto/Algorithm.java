package org.jswan.ike.crypto;

import java.util.Optional;

/**
 * The transforms jswan implements, keyed by their IANA numbers (RFC 7296 §3.3.2, "IKEv2 Transform Type N"
 * registries). Names follow strongSwan's log output ({@code AES_GCM_16_128}) so interop logs compare directly.
 * JCA algorithm strings never leave this package.
 *
 * <p>Key length attribute: AES transforms carry one (RFC 7296 §3.3.5) and are listed once per key size;
 * all other transforms must not.
 */
public enum Algorithm {
    // Encryption (Transform Type 1)
    AES_CBC_128(TransformType.ENCR, 12, 128, 16, 0, 0),
    AES_CBC_192(TransformType.ENCR, 12, 192, 24, 0, 0),
    AES_CBC_256(TransformType.ENCR, 12, 256, 32, 0, 0),
    /** RFC 5282: AES-GCM with a 16-byte ICV; key material is key || 4-byte salt. */
    AES_GCM_16_128(TransformType.ENCR, 20, 128, 16, 4, 16),
    AES_GCM_16_192(TransformType.ENCR, 20, 192, 24, 4, 16),
    AES_GCM_16_256(TransformType.ENCR, 20, 256, 32, 4, 16),
    /** RFC 7634: key material is 32-byte key || 4-byte salt; no key length attribute. */
    CHACHA20_POLY1305(TransformType.ENCR, 28, 0, 32, 4, 16),

    // Pseudorandom functions (Transform Type 2), RFC 4868
    PRF_HMAC_SHA2_256(TransformType.PRF, 5, 0, 32, 0, 0),
    PRF_HMAC_SHA2_384(TransformType.PRF, 6, 0, 48, 0, 0),
    PRF_HMAC_SHA2_512(TransformType.PRF, 7, 0, 64, 0, 0),

    // Integrity (Transform Type 3), RFC 4868: key length = hash length, ICV = half of it
    HMAC_SHA2_256_128(TransformType.INTEG, 12, 0, 32, 0, 16),
    HMAC_SHA2_384_192(TransformType.INTEG, 13, 0, 48, 0, 24),
    HMAC_SHA2_512_256(TransformType.INTEG, 14, 0, 64, 0, 32),

    // Key exchange methods (Transform Type 4)
    MODP_2048(TransformType.KE, 14, 0, 0, 0, 0),
    MODP_3072(TransformType.KE, 15, 0, 0, 0, 0),
    MODP_4096(TransformType.KE, 16, 0, 0, 0, 0),
    ECP_256(TransformType.KE, 19, 0, 0, 0, 0),
    ECP_384(TransformType.KE, 20, 0, 0, 0, 0),
    ECP_521(TransformType.KE, 21, 0, 0, 0, 0),
    CURVE_25519(TransformType.KE, 31, 0, 0, 0, 0),
    CURVE_448(TransformType.KE, 32, 0, 0, 0, 0),

    // Extended sequence numbers (Transform Type 5)
    NO_EXT_SEQ(TransformType.ESN, 0, 0, 0, 0, 0),
    EXT_SEQ(TransformType.ESN, 1, 0, 0, 0, 0);

    private final int type;
    private final int transformId;
    private final int keyLengthBits;
    private final int keyBytes;
    private final int saltBytes;
    private final int icvBytes;

    Algorithm(final int type, final int transformId, final int keyLengthBits, final int keyBytes,
              final int saltBytes, final int icvBytes) {
        this.type = type;
        this.transformId = transformId;
        this.keyLengthBits = keyLengthBits;
        this.keyBytes = keyBytes;
        this.saltBytes = saltBytes;
        this.icvBytes = icvBytes;
    }

    /** Transform type, see {@link TransformType}. */
    public int type() {
        return type;
    }

    /** IANA transform ID within its type. */
    public int transformId() {
        return transformId;
    }

    /** The Key Length attribute value in bits, or 0 when the transform carries none. */
    public int keyLengthBits() {
        return keyLengthBits;
    }

    /**
     * Bytes of key material taken from prf+ for this transform: encryption key plus salt for AEAD ciphers
     * (RFC 5282 §7.1, RFC 7634 §2), the HMAC key for integrity, the preferred key size for a PRF.
     */
    public int keyMaterialLength() {
        return keyBytes + saltBytes;
    }

    /** The cipher key length alone, without the salt. */
    public int keyBytes() {
        return keyBytes;
    }

    public int saltBytes() {
        return saltBytes;
    }

    /** ICV length: the AEAD tag, or the truncated HMAC output. */
    public int icvLength() {
        return icvBytes;
    }

    /** True for combined-mode ciphers, which must not be paired with an integrity transform (RFC 5282 §8). */
    public boolean isAead() {
        return type == TransformType.ENCR && icvBytes > 0;
    }

    /** The supported algorithm with this type, ID and key length attribute (0 = absent), if any. */
    public static Optional<Algorithm> find(final int type, final int transformId, final int keyLengthBits) {
        for (final Algorithm a : values()) {
            if (a.type == type && a.transformId == transformId && a.keyLengthBits == keyLengthBits) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The supported KE method with this group number, if any. */
    public static Optional<Algorithm> keGroup(final int group) {
        return find(TransformType.KE, group, 0);
    }
}
