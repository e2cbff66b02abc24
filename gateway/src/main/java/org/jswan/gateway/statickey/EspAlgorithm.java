package org.jswan.gateway.statickey;

import java.util.Locale;

import org.jswan.esp.crypto.EspTransformFactory;

/**
 * An ESP transform named by its strongSwan proposal keyword ({@code aes128gcm16}, {@code chacha20poly1305},
 * {@code aes256-sha512}, ...), resolved to IANA transform ids (RFC 7296 §3.3.2) and key lengths.
 *
 * @param keyBits encryption key bits without salt
 */
public record EspAlgorithm(String keyword, int encrId, int integId, int keyBits) {

    /** Parses a keyword; AEAD ones stand alone, AES-CBC ones name their HMAC ({@code aes128-sha256}). */
    public static EspAlgorithm parse(final String text) {
        String k = text.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "aes128gcm16":
            case "aes128gcm128":
                return new EspAlgorithm(k, EspTransformFactory.ENCR_AES_GCM_16, EspTransformFactory.AUTH_NONE, 128);
            case "aes256gcm16":
            case "aes256gcm128":
                return new EspAlgorithm(k, EspTransformFactory.ENCR_AES_GCM_16, EspTransformFactory.AUTH_NONE, 256);
            case "chacha20poly1305":
                return new EspAlgorithm(k, EspTransformFactory.ENCR_CHACHA20_POLY1305, EspTransformFactory.AUTH_NONE,
                        256);
            default:
                break;
        }
        String[] parts = k.split("-");
        if (parts.length != 2 || !parts[0].matches("aes(128|256)")) {
            throw new IllegalArgumentException("unknown ESP algorithm '" + text + "' (expected aes128gcm16, "
                    + "aes256gcm16, chacha20poly1305 or aes{128,256}-sha{256,384,512})");
        }
        int integ;
        switch (parts[1]) {
            case "sha256":
            case "sha2_256":
                integ = EspTransformFactory.AUTH_HMAC_SHA2_256_128;
                break;
            case "sha384":
            case "sha2_384":
                integ = EspTransformFactory.AUTH_HMAC_SHA2_384_192;
                break;
            case "sha512":
            case "sha2_512":
                integ = EspTransformFactory.AUTH_HMAC_SHA2_512_256;
                break;
            default:
                throw new IllegalArgumentException("unknown integrity algorithm '" + parts[1] + "' in '" + text
                        + "' (expected sha256, sha384 or sha512)");
        }
        return new EspAlgorithm(k, EspTransformFactory.ENCR_AES_CBC, integ, Integer.parseInt(parts[0].substring(3)));
    }

    public boolean aead() {
        return integId == EspTransformFactory.AUTH_NONE;
    }

    /** Bytes of encryption key the file must give: the key, plus the 4-byte salt for AEAD (RFC 4106 §8.1). */
    public int encryptionKeyLength() {
        return EspTransformFactory.encryptionKeymatLength(encrId, keyBits);
    }

    public int integrityKeyLength() {
        return EspTransformFactory.integrityKeyLength(integId);
    }
}
