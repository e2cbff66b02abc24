package org.jswan.esp.crypto;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/** ENCR_CHACHA20_POLY1305 (RFC 7634): keymat = key (32) || salt (4); JCA "ChaCha20-Poly1305" (JDK 11+). */
final class ChaCha20Poly1305Transform extends AeadTransform {

    ChaCha20Poly1305Transform(final byte[] keyAndSalt, final boolean encrypt, final boolean esn) {
        super("ChaCha20-Poly1305", "ChaCha20", keyAndSalt, 32, encrypt, esn, false);
    }

    @Override
    AlgorithmParameterSpec parameters(final byte[] nonce) {
        return new IvParameterSpec(nonce);
    }
}
