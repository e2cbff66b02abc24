package org.jswan.ike.crypto;

import java.security.SecureRandom;

/** Builds the {@link SkCipher} of one direction from negotiated transforms and that direction's keys. */
public final class SkCipherFactory {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SkCipherFactory() {
    }

    /**
     * @param encKey SK_ei or SK_er (including the salt for AEAD ciphers)
     * @param integKey SK_ai or SK_ar; ignored (and normally empty) for AEAD ciphers
     */
    public static SkCipher create(final NegotiatedTransforms t, final Secret encKey, final Secret integKey) {
        return create(t, encKey, integKey, RANDOM);
    }

    public static SkCipher create(final NegotiatedTransforms t, final Secret encKey, final Secret integKey,
                                  final SecureRandom random) {
        if (t.encryption().isAead()) {
            return new AeadSkCipher(t.encryption(), encKey.unsafeBytes(), random);
        }
        return new CbcHmacSkCipher(t.encryption(), encKey.unsafeBytes(), t.integrity(), integKey.unsafeBytes(),
                random);
    }
}
