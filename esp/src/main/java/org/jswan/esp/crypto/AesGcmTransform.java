package org.jswan.esp.crypto;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;

/** ENCR_AES_GCM_16 (RFC 4106): AES-GCM with a 16-byte ICV; keymat = key (16, 24 or 32 bytes) || salt (4). */
final class AesGcmTransform extends AeadTransform {

    AesGcmTransform(final byte[] keyAndSalt, final boolean encrypt, final boolean esn) {
        super("AES/GCM/NoPadding", "AES", keyAndSalt, checkKey(keyAndSalt.length - 4), encrypt, esn, false);
    }

    private static int checkKey(final int keyLength) {
        if (keyLength != 16 && keyLength != 24 && keyLength != 32) {
            throw new EspCryptoException("AES-GCM key must be 16, 24 or 32 bytes plus a 4-byte salt");
        }
        return keyLength;
    }

    @Override
    AlgorithmParameterSpec parameters(final byte[] nonce) {
        return new GCMParameterSpec(ICV_LENGTH * 8, nonce);
    }
}
