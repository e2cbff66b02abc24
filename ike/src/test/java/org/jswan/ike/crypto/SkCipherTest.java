package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SkCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void gcmSpecVectors() throws Exception {
        final List<VectorFile.Block> blocks = VectorFile.read("crypto/aes-gcm/gcm-spec.txt");
        assertEquals(6, blocks.size());
        for (final VectorFile.Block b : blocks) {
            checkAead(Algorithm.valueOf(b.get("alg")), b);
        }
    }

    @Test
    void chachaPolyVectors() throws Exception {
        final List<VectorFile.Block> blocks = VectorFile.read("crypto/chacha20poly1305/rfc8439-rfc7634.txt");
        assertEquals(2, blocks.size());
        for (final VectorFile.Block b : blocks) {
            checkAead(Algorithm.CHACHA20_POLY1305, b);
        }
    }

    /**
     * The vector's plaintext is the whole encrypted content (payloads | padding | pad length): open() must return
     * the payloads; when the vector has no padding, seal() with the same IV must reproduce it byte for byte.
     */
    private static void checkAead(final Algorithm alg, final VectorFile.Block b) throws IkeCryptoException {
        final byte[] iv = b.hex("iv");
        final byte[] plain = b.hex("plain");
        final byte[] sealed = concat(iv, b.hex("cipher"));
        final int padLength = plain[plain.length - 1] & 0xff;
        final byte[] payloads = Arrays.copyOf(plain, plain.length - 1 - padLength);
        final AeadSkCipher rx = new AeadSkCipher(alg, b.hex("key"), 0L);
        assertArrayEquals(payloads, rx.open(b.hex("aad"), sealed), b.values().toString());
        if (padLength == 0) {
            final AeadSkCipher tx = new AeadSkCipher(alg, b.hex("key"), ByteBuffer.wrap(iv).getLong());
            assertArrayEquals(sealed, tx.seal(b.hex("aad"), payloads), b.values().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"AES_CBC_128", "AES_CBC_192", "AES_CBC_256", "AES_GCM_16_128",
        "AES_GCM_16_192", "AES_GCM_16_256", "CHACHA20_POLY1305"})
    void roundTripAndTamperDetection(final Algorithm encr) throws Exception {
        for (final Algorithm integ : encr.isAead() ? new Algorithm[] {null}
                : new Algorithm[] {Algorithm.HMAC_SHA2_256_128, Algorithm.HMAC_SHA2_384_192,
                    Algorithm.HMAC_SHA2_512_256}) {
            final NegotiatedTransforms t = NegotiatedTransforms.esp(encr, integ, null, false);
            final Secret ek = Secret.copyOf(random(encr.keyMaterialLength()));
            final Secret ak = integ == null ? Secret.empty() : Secret.copyOf(random(integ.keyMaterialLength()));
            final SkCipher tx = SkCipherFactory.create(t, ek, ak);
            final SkCipher rx = SkCipherFactory.create(t, ek, ak);
            final byte[] aad = random(32);
            for (final int len : new int[] {0, 1, 15, 16, 17, 100, 1000}) {
                final byte[] payloads = random(len);
                final byte[] sealed = tx.seal(aad, payloads);
                assertEquals(tx.sealedLength(len), sealed.length);
                assertArrayEquals(payloads, rx.open(aad, sealed));
                // any flipped bit in IV, ciphertext, ICV or AAD must be detected
                for (final int pos : new int[] {0, tx.ivLength(), sealed.length - 1}) {
                    final byte[] bad = sealed.clone();
                    bad[pos] ^= 0x01;
                    assertThrows(IkeCryptoException.class, () -> rx.open(aad, bad), encr + " pos " + pos);
                }
                final byte[] badAad = aad.clone();
                badAad[3] ^= 0x80;
                assertThrows(IkeCryptoException.class, () -> rx.open(badAad, sealed));
            }
            assertThrows(IkeCryptoException.class, () -> rx.open(aad, new byte[3]));
            assertThrows(IkeCryptoException.class, () -> rx.open(aad, new byte[0]));
        }
    }

    @Test
    void cbcRejectsCiphertextNotMultipleOfBlock() {
        final NegotiatedTransforms t = NegotiatedTransforms.esp(Algorithm.AES_CBC_128, Algorithm.HMAC_SHA2_256_128,
                null, false);
        final SkCipher c = SkCipherFactory.create(t, Secret.copyOf(random(16)), Secret.copyOf(random(32)));
        assertThrows(IkeCryptoException.class, () -> c.open(new byte[0], new byte[16 + 17 + 16]));
    }

    @Test
    void aeadIvsNeverRepeat() {
        final NegotiatedTransforms t = NegotiatedTransforms.esp(Algorithm.AES_GCM_16_128, null, null, false);
        final SkCipher tx = SkCipherFactory.create(t, Secret.copyOf(random(20)), Secret.empty());
        final Set<String> ivs = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            final byte[] sealed = tx.seal(new byte[0], new byte[8]);
            assertFalse(!ivs.add(Arrays.toString(Arrays.copyOf(sealed, 8))), "IV repeated");
        }
    }

    @Test
    void aeadIvIsACounterFromItsStart() {
        final AeadSkCipher tx = new AeadSkCipher(Algorithm.AES_GCM_16_128, random(20), 0x0102030405060708L);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, Arrays.copyOf(tx.seal(new byte[0], new byte[0]), 8));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 9}, Arrays.copyOf(tx.seal(new byte[0], new byte[0]), 8));
    }

    @Test
    void wrongKeyLengthIsRejected() {
        final NegotiatedTransforms t = NegotiatedTransforms.esp(Algorithm.AES_GCM_16_256, null, null, false);
        assertThrows(IllegalArgumentException.class,
                () -> SkCipherFactory.create(t, Secret.copyOf(random(32)), Secret.empty())); // salt missing
    }

    private static byte[] random(final int n) {
        final byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
