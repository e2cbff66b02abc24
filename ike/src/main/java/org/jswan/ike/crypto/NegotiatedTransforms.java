package org.jswan.ike.crypto;

import java.util.Objects;

/**
 * The one-per-type result of a proposal negotiation, as key derivation and cipher construction need it.
 *
 * @param encryption the ENCR transform (never null)
 * @param integrity  the INTEG transform, null for AEAD ciphers (RFC 5282 §8 forbids pairing them)
 * @param prf        the PRF transform, null for ESP/AH
 * @param keyExchange the KE method, null when none was negotiated (ESP without PFS)
 * @param esn        true when extended sequence numbers were negotiated (ESP only)
 */
public record NegotiatedTransforms(Algorithm encryption, Algorithm integrity, Algorithm prf, Algorithm keyExchange,
                                   boolean esn) {

    public NegotiatedTransforms {
        Objects.requireNonNull(encryption, "encryption");
        if (encryption.type() != TransformType.ENCR) {
            throw new IllegalArgumentException("not an encryption transform: " + encryption);
        }
        if (encryption.isAead() && integrity != null) {
            throw new IllegalArgumentException("AEAD cipher " + encryption + " must not be combined with " + integrity);
        }
        if (!encryption.isAead() && integrity == null) {
            throw new IllegalArgumentException(encryption + " needs an integrity transform");
        }
        if (integrity != null && integrity.type() != TransformType.INTEG) {
            throw new IllegalArgumentException("not an integrity transform: " + integrity);
        }
        if (prf != null && prf.type() != TransformType.PRF) {
            throw new IllegalArgumentException("not a PRF transform: " + prf);
        }
        if (keyExchange != null && keyExchange.type() != TransformType.KE) {
            throw new IllegalArgumentException("not a KE transform: " + keyExchange);
        }
    }

    /** Transforms of an IKE SA. */
    public static NegotiatedTransforms ike(final Algorithm encryption, final Algorithm integrity, final Algorithm prf,
                                           final Algorithm keyExchange) {
        return new NegotiatedTransforms(encryption, integrity, Objects.requireNonNull(prf, "prf"), keyExchange,
                false);
    }

    /** Transforms of an ESP CHILD_SA. */
    public static NegotiatedTransforms esp(final Algorithm encryption, final Algorithm integrity,
                                           final Algorithm keyExchange, final boolean esn) {
        return new NegotiatedTransforms(encryption, integrity, null, keyExchange, esn);
    }

    /** Length of the encryption key material: key plus salt for AEAD ciphers. */
    public int encryptionKeyLength() {
        return encryption.keyMaterialLength();
    }

    /** Length of the integrity key; 0 for AEAD ciphers. */
    public int integrityKeyLength() {
        return integrity == null ? 0 : integrity.keyMaterialLength();
    }
}
