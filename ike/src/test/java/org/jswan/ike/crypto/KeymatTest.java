package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Key derivation tests. The expected values here are NOT published vectors: they are an independent
 * re-computation of RFC 7296 §2.13-§2.18 written directly against javax.crypto.Mac in this test (no shared code
 * with {@link Keymat}/{@link PrfPlus}). Published NIST CAVP IKEv2 KDF vectors live in KeymatCavpTest.
 */
class KeymatTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    // --- independent reference implementation (test only) ---
    private static byte[] hmac(final String alg, final byte[] key, final byte[]... data) throws Exception {
        final Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(key, alg));
        for (final byte[] d : data) {
            mac.update(d);
        }
        return mac.doFinal();
    }

    private static byte[] refPrfPlus(final String alg, final byte[] key, final byte[] seed, final int len)
            throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int i = 1; out.size() < len; i++) {
            t = hmac(alg, key, t, seed, new byte[] {(byte) i});
            out.write(t);
        }
        return Arrays.copyOf(out.toByteArray(), len);
    }

    private static byte[] cat(final byte[]... parts) {
        return Keymat.concat(parts);
    }

    @Test
    void prfPlusMatchesReferenceAndEnforcesBound() throws Exception {
        final Prf prf = HmacPrf.of(Algorithm.PRF_HMAC_SHA2_256);
        final byte[] key = random(32);
        final byte[] seed = random(40);
        for (final int len : new int[] {0, 1, 31, 32, 33, 200, 255 * 32}) {
            assertArrayEquals(refPrfPlus("HmacSHA256", key, seed, len), PrfPlus.derive(prf, key, seed, len));
        }
        // RFC 7296 §2.13: only 255 iterations are defined
        assertThrows(IllegalArgumentException.class, () -> PrfPlus.derive(prf, key, seed, 255 * 32 + 1));
        assertThrows(IllegalArgumentException.class, () -> PrfPlus.derive(prf, key, seed, -1));
    }

    @Test
    void ikeKeysNonAead() throws Exception {
        final NegotiatedTransforms t = NegotiatedTransforms.ike(Algorithm.AES_CBC_256, Algorithm.HMAC_SHA2_384_192,
                Algorithm.PRF_HMAC_SHA2_512, Algorithm.ECP_384);
        final byte[] ni = random(32);
        final byte[] nr = random(48);
        final byte[] gir = random(48);
        final byte[] spiI = random(8);
        final byte[] spiR = random(8);
        final IkeSaKeys k = Keymat.deriveIkeKeys(t, ni, nr, Secret.copyOf(gir), spiI, spiR);

        final byte[] skeyseed = hmac("HmacSHA512", cat(ni, nr), gir);
        final int total = 64 + 2 * 48 + 2 * 32 + 2 * 64;
        final byte[] km = refPrfPlus("HmacSHA512", skeyseed, cat(ni, nr, spiI, spiR), total);
        int o = 0;
        assertArrayEquals(Arrays.copyOfRange(km, o, o += 64), k.skD().bytes());
        assertArrayEquals(Arrays.copyOfRange(km, o, o += 48), k.skAi().bytes());
        assertArrayEquals(Arrays.copyOfRange(km, o, o += 48), k.skAr().bytes());
        assertArrayEquals(Arrays.copyOfRange(km, o, o += 32), k.skEi().bytes());
        assertArrayEquals(Arrays.copyOfRange(km, o, o += 32), k.skEr().bytes());
        assertArrayEquals(Arrays.copyOfRange(km, o, o += 64), k.skPi().bytes());
        assertArrayEquals(Arrays.copyOfRange(km, o, o += 64), k.skPr().bytes());
        assertArrayEquals(skeyseed, Keymat.skeyseed(k.prf(), ni, nr, Secret.copyOf(gir)));
    }

    @Test
    void ikeKeysAeadHaveNoIntegrityKeysAndIncludeSalt() throws Exception {
        final NegotiatedTransforms t = NegotiatedTransforms.ike(Algorithm.AES_GCM_16_128, null,
                Algorithm.PRF_HMAC_SHA2_256, Algorithm.CURVE_25519);
        final byte[] ni = random(32);
        final byte[] nr = random(32);
        final byte[] gir = random(32);
        final byte[] spiI = random(8);
        final byte[] spiR = random(8);
        final IkeSaKeys k = Keymat.deriveIkeKeys(t, ni, nr, Secret.copyOf(gir), spiI, spiR);
        assertEquals(0, k.skAi().length());
        assertEquals(20, k.skEi().length()); // RFC 5282 §7.1: 16-byte key + 4-byte salt
        final byte[] km = refPrfPlus("HmacSHA256", hmac("HmacSHA256", cat(ni, nr), gir), cat(ni, nr, spiI, spiR),
                32 + 20 + 20 + 32 + 32);
        assertArrayEquals(Arrays.copyOfRange(km, 32, 52), k.skEi().bytes());
        assertArrayEquals(Arrays.copyOfRange(km, 72, 104), k.skPi().bytes());
        // and the keys actually work in both directions
        final byte[] sealed = k.initiatorToResponder().seal(new byte[4], new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Keymat.deriveIkeKeys(t, ni, nr, Secret.copyOf(gir), spiI, spiR)
                .initiatorToResponder().open(new byte[4], sealed));
        assertThrows(IllegalArgumentException.class,
                () -> Keymat.deriveIkeKeys(t, ni, nr, Secret.copyOf(gir), new byte[4], spiR));
    }

    @Test
    void rekeyedIkeSaUsesOldSkDAndOldPrf() throws Exception {
        final Prf oldPrf = HmacPrf.of(Algorithm.PRF_HMAC_SHA2_256);
        final byte[] oldSkD = random(32);
        final NegotiatedTransforms t = NegotiatedTransforms.ike(Algorithm.AES_CBC_128, Algorithm.HMAC_SHA2_256_128,
                Algorithm.PRF_HMAC_SHA2_384, Algorithm.MODP_2048);
        final byte[] ni = random(32);
        final byte[] nr = random(32);
        final byte[] gir = random(256);
        final byte[] spiI = random(8);
        final byte[] spiR = random(8);
        final IkeSaKeys k = Keymat.deriveRekeyedIkeKeys(oldPrf, Secret.copyOf(oldSkD), t, Secret.copyOf(gir), ni, nr,
                spiI, spiR);
        // RFC 7296 §2.18: SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr), with the old PRF
        final byte[] skeyseed = hmac("HmacSHA256", oldSkD, gir, ni, nr);
        final byte[] km = refPrfPlus("HmacSHA384", skeyseed, cat(ni, nr, spiI, spiR), 48);
        assertArrayEquals(km, k.skD().bytes());
    }

    @Test
    void childKeysWithAndWithoutPfs() throws Exception {
        final Prf prf = HmacPrf.of(Algorithm.PRF_HMAC_SHA2_256);
        final byte[] skD = random(32);
        final byte[] ni = random(32);
        final byte[] nr = random(32);
        final NegotiatedTransforms cbc = NegotiatedTransforms.esp(Algorithm.AES_CBC_128, Algorithm.HMAC_SHA2_256_128,
                null, false);
        final ChildSaKeys k = Keymat.deriveChildKeys(prf, Secret.copyOf(skD), cbc, null, ni, nr);
        final byte[] km = refPrfPlus("HmacSHA256", skD, cat(ni, nr), 2 * (16 + 32));
        assertArrayEquals(Arrays.copyOfRange(km, 0, 16), k.encrInitiatorToResponder().bytes());
        assertArrayEquals(Arrays.copyOfRange(km, 16, 48), k.integInitiatorToResponder().bytes());
        assertArrayEquals(Arrays.copyOfRange(km, 48, 64), k.encrResponderToInitiator().bytes());
        assertArrayEquals(Arrays.copyOfRange(km, 64, 96), k.integResponderToInitiator().bytes());

        final byte[] gir = random(32);
        final NegotiatedTransforms gcm = NegotiatedTransforms.esp(Algorithm.AES_GCM_16_256, null, Algorithm.CURVE_25519,
                false);
        final ChildSaKeys p = Keymat.deriveChildKeys(prf, Secret.copyOf(skD), gcm, Secret.copyOf(gir), ni, nr);
        final byte[] kmPfs = refPrfPlus("HmacSHA256", skD, cat(gir, ni, nr), 2 * 36);
        assertArrayEquals(Arrays.copyOfRange(kmPfs, 0, 36), p.encrInitiatorToResponder().bytes());
        assertEquals(0, p.integInitiatorToResponder().length());
        assertArrayEquals(Arrays.copyOfRange(kmPfs, 36, 72), p.encrResponderToInitiator().bytes());
    }

    @Test
    void authOctetsAndPsk() throws Exception {
        final Prf prf = HmacPrf.of(Algorithm.PRF_HMAC_SHA2_256);
        final byte[] msg = random(300);
        final byte[] nonce = random(32);
        final byte[] skP = random(32);
        final byte[] id = {1, 0, 0, 0, 10, 0, 0, 1}; // ID_IPV4_ADDR 10.0.0.1
        final byte[] octets = Keymat.authOctets(msg, nonce, prf, Secret.copyOf(skP), id);
        assertArrayEquals(cat(msg, nonce, hmac("HmacSHA256", skP, id)), octets);
        final byte[] psk = "secret".getBytes(StandardCharsets.US_ASCII);
        final byte[] expected = hmac("HmacSHA256",
                hmac("HmacSHA256", psk, "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII)), octets);
        assertArrayEquals(expected, Keymat.pskAuth(prf, Secret.copyOf(psk), octets));
    }

    @Test
    void secretsRedactAndDestroy() {
        final Secret s = Secret.copyOf(new byte[] {0x41, 0x42});
        assertTrue(s.toString().contains("redacted"));
        assertTrue(!s.toString().contains("41"));
        s.destroy();
        assertTrue(s.isDestroyed());
        assertThrows(IllegalStateException.class, s::bytes);
        final IkeSaKeys k = Keymat.deriveIkeKeys(NegotiatedTransforms.ike(Algorithm.AES_GCM_16_128, null,
                Algorithm.PRF_HMAC_SHA2_256, Algorithm.CURVE_25519), random(16), random(16), Secret.copyOf(random(32)),
                random(8), random(8));
        assertTrue(!k.toString().matches(".*[0-9a-f]{16}.*"), k.toString());
        k.destroy();
        assertThrows(IllegalStateException.class, () -> k.skD().bytes());
    }

    private static byte[] random(final int n) {
        final byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
