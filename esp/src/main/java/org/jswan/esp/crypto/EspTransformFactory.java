package org.jswan.esp.crypto;

import java.util.Locale;
import org.jswan.nativeio.crypto.EvpAead;
import org.jswan.nativeio.crypto.GnutlsAesGcm;
import org.jswan.nativeio.crypto.IpsecMbAesGcm;

/**
 * Builds transforms from IANA IKEv2 transform ids (RFC 7296 §3.3.2 registries) and the key material IKE's KEYMAT
 * gives: encryption key || salt for AEAD; separate encryption and integrity keys for AES-CBC.
 */
public final class EspTransformFactory {
    /** IANA "Transform Type 1 - Encryption Algorithm Transform IDs". */
    public static final int ENCR_AES_CBC = 12;
    public static final int ENCR_AES_GCM_16 = 20;
    public static final int ENCR_CHACHA20_POLY1305 = 28;
    /** IANA "Transform Type 3 - Integrity Algorithm Transform IDs". */
    public static final int AUTH_NONE = 0;
    public static final int AUTH_HMAC_SHA2_256_128 = 12;
    public static final int AUTH_HMAC_SHA2_384_192 = 13;
    public static final int AUTH_HMAC_SHA2_512_256 = 14;

    private static final System.Logger ESP = System.getLogger("ESP");

    private EspTransformFactory() {
    }

    /** Bytes of encryption keymat IKE must derive for this algorithm (key + salt for AEAD). */
    public static int encryptionKeymatLength(final int encrId, final int keyBits) {
        switch (encrId) {
            case ENCR_AES_CBC:
                return keyBits / 8;
            case ENCR_AES_GCM_16:
                return keyBits / 8 + 4;
            case ENCR_CHACHA20_POLY1305:
                return 36;
            default:
                throw new EspCryptoException("unsupported ESP encryption transform " + encrId);
        }
    }

    /** Bytes of integrity key for the id (RFC 4868 §2.1: key length = hash output length). */
    public static int integrityKeyLength(final int integId) {
        switch (integId) {
            case AUTH_NONE:
                return 0;
            case AUTH_HMAC_SHA2_256_128:
                return 32;
            case AUTH_HMAC_SHA2_384_192:
                return 48;
            case AUTH_HMAC_SHA2_512_256:
                return 64;
            default:
                throw new EspCryptoException("unsupported ESP integrity transform " + integId);
        }
    }

    /**
     * @param keyBits encryption key length in bits without salt (128/192/256; ignored for ChaCha20-Poly1305)
     * @param encrKeymat encryption key, with the 4-byte salt appended for AEAD
     * @param integKey integrity key (empty for AEAD)
     * @param outbound true for the sending direction
     */
    public static EspTransform create(final int encrId, final int integId, final int keyBits, final byte[] encrKeymat,
            final byte[] integKey, final boolean outbound, final boolean esn) {
        return create(CryptoBackend.selected(), encrId, integId, keyBits, encrKeymat, integKey, outbound, esn);
    }

    /** As {@link #create(int, int, int, byte[], byte[], boolean, boolean)} on a given backend. */
    public static EspTransform create(final CryptoBackend backend, final int encrId, final int integId,
            final int keyBits, final byte[] encrKeymat, final byte[] integKey, final boolean outbound,
            final boolean esn) {
        if (encrKeymat.length != encryptionKeymatLength(encrId, keyBits)) {
            throw new EspCryptoException("encryption keymat is " + encrKeymat.length + " bytes, expected "
                    + encryptionKeymatLength(encrId, keyBits));
        }
        CryptoBackend others = backend.forOtherTransforms();
        switch (encrId) {
            case ENCR_AES_GCM_16:
                requireNoIntegrity(integId);
                String gcm = "AES-" + keyBits + "-GCM";
                if (backend == CryptoBackend.IPSECMB) {
                    if (!IpsecMbAesGcm.available()) {
                        throw new EspCryptoException("ipsec-mb cannot run " + gcm + ": "
                                + IpsecMbAesGcm.unavailableReason());
                    }
                    return new NativeAeadTransform(gcm, key -> new IpsecMbAesGcm(key, outbound), encrKeymat,
                            keyBits / 8, outbound, esn);
                }
                if (backend == CryptoBackend.GNUTLS) {
                    try {
                        return new NativeAeadTransform(gcm, key -> new GnutlsAesGcm(key, outbound), encrKeymat,
                                keyBits / 8, outbound, esn);
                    } catch (EspCryptoException e) {
                        // GnuTLS passed its self test at start, so this is the library in its error state (any
                        // failure to set a nonce puts all of it there): keep the SA up on the next library.
                        ESP.log(System.Logger.Level.WARNING, "GnuTLS cannot key " + gcm + " (" + e.getMessage()
                                + "), this SA runs on " + others.name().toLowerCase(Locale.ROOT)
                                + "; restart jswan to use GnuTLS again");
                    }
                }
                if (others == CryptoBackend.OPENSSL) {
                    return new NativeAeadTransform(gcm, key -> new EvpAead(gcm, key, outbound), encrKeymat,
                            keyBits / 8, outbound, esn);
                }
                return new AesGcmTransform(encrKeymat, outbound, esn);
            case ENCR_CHACHA20_POLY1305:
                requireNoIntegrity(integId);
                if (others == CryptoBackend.OPENSSL) {
                    return new NativeAeadTransform("ChaCha20-Poly1305",
                            key -> new EvpAead("ChaCha20-Poly1305", key, outbound), encrKeymat, 32, outbound, esn);
                }
                return new ChaCha20Poly1305Transform(encrKeymat, outbound, esn);
            case ENCR_AES_CBC:
                if (others == CryptoBackend.OPENSSL) {
                    if (integId == AUTH_NONE) {
                        throw new EspCryptoException("AES-CBC needs HMAC-SHA2 integrity, got " + integId);
                    }
                    int hashLength = integrityKeyLength(integId);
                    return new EvpCbcHmacTransform(encrKeymat, "SHA" + hashLength * 8, hashLength, integKey,
                            outbound, esn);
                }
                return new AesCbcHmacTransform(encrKeymat, macName(integId), integKey, outbound, esn);
            default:
                throw new EspCryptoException("unsupported ESP encryption transform " + encrId);
        }
    }

    private static void requireNoIntegrity(final int integId) {
        // RFC 4106 §8.4 / RFC 7634 §4: combined modes take no separate integrity transform.
        if (integId != AUTH_NONE) {
            throw new EspCryptoException("AEAD transform combined with integrity transform " + integId);
        }
    }

    private static String macName(final int integId) {
        switch (integId) {
            case AUTH_HMAC_SHA2_256_128:
                return "HmacSHA256";
            case AUTH_HMAC_SHA2_384_192:
                return "HmacSHA384";
            case AUTH_HMAC_SHA2_512_256:
                return "HmacSHA512";
            default:
                throw new EspCryptoException("AES-CBC needs HMAC-SHA2 integrity, got " + integId);
        }
    }
}
