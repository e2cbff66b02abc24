package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyExchangeTest {

    @ParameterizedTest
    @ValueSource(strings = {"crypto/ecp/ecdh-rfc5903.txt", "crypto/ecp/ecdh-rfc5114.txt"})
    void ecpPublishedVectors(final String file) throws Exception {
        final List<VectorFile.Block> blocks = VectorFile.read(file);
        assertEquals(3, blocks.size());
        for (final VectorFile.Block b : blocks) {
            final int group = Integer.parseInt(b.get("group"));
            final EcpKeyExchange a = new EcpKeyExchange(group, new BigInteger(1, b.hex("priv_a")));
            final EcpKeyExchange r = new EcpKeyExchange(group, new BigInteger(1, b.hex("priv_b")));
            assertArrayEquals(b.hex("pub_a"), a.publicValue(), "group " + group);
            assertArrayEquals(b.hex("pub_b"), r.publicValue(), "group " + group);
            assertArrayEquals(b.hex("shared"), a.computeSharedSecret(b.hex("pub_b")).bytes(), "group " + group);
            assertArrayEquals(b.hex("shared"), r.computeSharedSecret(b.hex("pub_a")).bytes(), "group " + group);
        }
    }

    @Test
    void ecpRejectsPointsOffTheCurveAndBadLengths() throws Exception {
        final VectorFile.Block b = VectorFile.read("crypto/ecp/ecdh-rfc5114.txt").get(0);
        final KeyExchange ke = KeyExchangeFactory.create(19);
        final byte[] bad = b.hex("pub_b");
        bad[63] ^= 1; // y no longer matches x
        assertThrows(IkeCryptoException.class, () -> ke.computeSharedSecret(bad));
        assertThrows(IkeCryptoException.class, () -> ke.computeSharedSecret(Arrays.copyOf(b.hex("pub_b"), 65)));
        assertThrows(IkeCryptoException.class, () -> ke.computeSharedSecret(new byte[64])); // (0,0) is not on P-256
        final byte[] xTooBig = new byte[64];
        Arrays.fill(xTooBig, 0, 32, (byte) 0xff); // x >= p
        assertThrows(IkeCryptoException.class, () -> ke.computeSharedSecret(xTooBig));
    }

    @Test
    void x25519ScalarMultAndDhVectors() throws Exception {
        int scalarMults = 0;
        int exchanges = 0;
        for (final VectorFile.Block b : VectorFile.read("crypto/x25519/rfc7748-rfc8031.txt")) {
            if (b.has("scalar")) {
                final XdhKeyExchange k = new XdhKeyExchange(31, b.hex("scalar"));
                assertArrayEquals(b.hex("out"), k.computeSharedSecret(b.hex("u")).bytes());
                scalarMults++;
            } else {
                checkDh(31, b);
                exchanges++;
            }
        }
        assertEquals(2, scalarMults);
        assertEquals(2, exchanges);
    }

    /** Wycheproof edge cases for P-256: shared x-coordinates of extreme shapes (even zero), a public x of zero. */
    @Test
    void ecp256WycheproofVectors() throws Exception {
        final List<VectorFile.Block> blocks = VectorFile.read("crypto/ecp/wycheproof-ecdh-secp256r1.txt");
        for (final VectorFile.Block b : blocks) {
            final EcpKeyExchange k = new EcpKeyExchange(19, new BigInteger(1, b.hex("private")));
            assertArrayEquals(b.hex("shared"), k.computeSharedSecret(b.hex("public")).bytes(), "tcId " + b.get("tcid"));
        }
        assertEquals(8, blocks.size());
    }

    /** Wycheproof: exact results for points on the curve and its twist; an all-zero result refused. */
    @Test
    void x25519WycheproofVectors() throws Exception {
        int computed = 0;
        int refused = 0;
        for (final VectorFile.Block b : VectorFile.read("crypto/x25519/wycheproof-x25519.txt")) {
            final XdhKeyExchange k = new XdhKeyExchange(31, b.hex("private"));
            if (b.get("result").equals("zero")) {
                // RFC 8031 §2.3 / RFC 7748 §6.1: a low-order public value gives g^ir = 0, which IKE refuses.
                assertThrows(IkeCryptoException.class, () -> k.computeSharedSecret(b.hex("public")),
                        "tcId " + b.get("tcid"));
                refused++;
            } else {
                assertArrayEquals(b.hex("shared"), k.computeSharedSecret(b.hex("public")).bytes(),
                        "tcId " + b.get("tcid"));
                computed++;
            }
        }
        assertEquals(7, computed);
        assertEquals(2, refused);
    }

    @Test
    void x448DhVector() throws Exception {
        checkDh(32, VectorFile.read("crypto/x448/rfc7748.txt").get(0));
    }

    private static void checkDh(final int group, final VectorFile.Block b) throws IkeCryptoException {
        final XdhKeyExchange a = new XdhKeyExchange(group, b.hex("priv_a"));
        final XdhKeyExchange r = new XdhKeyExchange(group, b.hex("priv_b"));
        assertArrayEquals(b.hex("pub_a"), a.publicValue());
        assertArrayEquals(b.hex("pub_b"), r.publicValue());
        assertArrayEquals(b.hex("shared"), a.computeSharedSecret(b.hex("pub_b")).bytes());
        assertArrayEquals(b.hex("shared"), r.computeSharedSecret(b.hex("pub_a")).bytes());
    }

    @ParameterizedTest
    @ValueSource(ints = {31, 32})
    void xdhRejectsLowOrderPointAndBadLength(final int group) {
        final KeyExchange ke = KeyExchangeFactory.create(group);
        final int len = ke.publicValue().length;
        // u = 0 is a low-order point: the output is all zero, RFC 8031 §2 / RFC 7748 §6 require rejecting it
        assertThrows(IkeCryptoException.class, () -> ke.computeSharedSecret(new byte[len]));
        assertThrows(IkeCryptoException.class, () -> ke.computeSharedSecret(new byte[len - 1]));
        ke.destroy();
        assertTrue(ke.isDestroyed());
        assertThrows(IllegalStateException.class, () -> ke.computeSharedSecret(new byte[len]));
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 19, 20, 21, 31, 32})
    void bothSidesAgree(final int group) throws Exception {
        final KeyExchange i = KeyExchangeFactory.create(group);
        final KeyExchange r = KeyExchangeFactory.create(group);
        assertEquals(group, i.group());
        final byte[] gir = i.computeSharedSecret(r.publicValue()).bytes();
        assertArrayEquals(gir, r.computeSharedSecret(i.publicValue()).bytes());
        assertEquals(expectedPublicLength(group), i.publicValue().length);
    }

    private static int expectedPublicLength(final int group) {
        switch (group) {
            case 14: return 256;
            case 15: return 384;
            case 16: return 512;
            case 19: return 64;
            case 20: return 96;
            case 21: return 132;
            case 31: return 32;
            default: return 56;
        }
    }

    @Test
    void modpRejectsDegenerateValues() {
        final KeyExchange ke = KeyExchangeFactory.create(14);
        final BigInteger p = ModpKeyExchange.parameters(14).getP();
        for (final BigInteger bad : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p}) {
            assertThrows(IkeCryptoException.class, () -> ke.computeSharedSecret(BigIntegers.asUnsignedByteArray(256,
                    bad)), bad.toString(16));
        }
        // RFC 7296 §3.4: not padded to the modulus length
        assertThrows(IkeCryptoException.class, () -> ke.computeSharedSecret(new byte[] {2}));
    }

    @Test
    void modpSharedSecretIsPaddedToModulusLength() throws Exception {
        final KeyExchange ke = KeyExchangeFactory.create(14);
        // g = 2 as the peer's value: a valid element; the shared secret g^x must still be 256 bytes
        final byte[] two = BigIntegers.asUnsignedByteArray(256, BigInteger.TWO);
        assertEquals(256, ke.computeSharedSecret(two).length());
    }

    @Test
    void unsupportedGroup() {
        assertThrows(IllegalArgumentException.class, () -> KeyExchangeFactory.create(2));
        assertTrue(KeyExchangeFactory.isSupported(31));
        assertTrue(!KeyExchangeFactory.isSupported(1));
    }
}
