package org.jswan.ike.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Random;

import org.jswan.ike.cred.TestPki;
import org.junit.jupiter.api.Test;

/** Random and truncated input reaches every decoder and fails only with the checked exception. */
class DecoderRobustnessTest {

    @Test
    void randomBodiesFailCleanly() throws Exception {
        Random rnd = new Random(7296);
        KeyPair ec = TestPki.ec("secp256r1");
        KeyPair rsa = TestPki.rsa(2048);
        PubkeyAuthenticator auth = new PubkeyAuthenticator(false);
        byte[] validAuth = auth.sign(rsa.getPrivate(), new byte[8], SignatureHashAlgorithms.DEFAULT).encode();
        int rejected = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[rnd.nextInt(80)];
            rnd.nextBytes(b);
            if (i % 4 == 0 && b.length > 0) {
                b[0] = (byte) new int[]{1, 2, 3, 5, 9, 11, 14}[rnd.nextInt(7)];
            }
            rejected += attempt(() -> Identity.decode(b));
            rejected += attempt(() -> AuthData.decode(b));
            rejected += attempt(() -> SignatureHashAlgorithms.decode(b));
            rejected += attempt(() -> CertContent.decode(b));
            rejected += attempt(() -> CertRequestContent.decode(b));
            rejected += attempt(() -> auth.verify(ec.getPublic(), new byte[8], AuthData.decode(b), null));
            // a valid AUTH body cut short or with one bit flipped
            byte[] cut = java.util.Arrays.copyOf(validAuth, rnd.nextInt(validAuth.length));
            rejected += attempt(() -> auth.verify(rsa.getPublic(), new byte[8], AuthData.decode(cut), null));
            byte[] flipped = validAuth.clone();
            flipped[4 + rnd.nextInt(flipped.length - 4)] ^= (byte) (1 << rnd.nextInt(8));
            rejected += attempt(() -> auth.verify(rsa.getPublic(), new byte[8], AuthData.decode(flipped), null));
        }
        assertTrue(rejected > 2000 * 4, "most random inputs are rejected: " + rejected);
    }

    private interface Decode {
        void run() throws Exception;
    }

    /** 1 when rejected with a checked decoder exception, 0 when accepted; anything else fails the test. */
    private static int attempt(final Decode d) throws Exception {
        try {
            d.run();
            return 0;
        } catch (AuthException | IdentityException e) {
            return 1;
        }
    }
}
