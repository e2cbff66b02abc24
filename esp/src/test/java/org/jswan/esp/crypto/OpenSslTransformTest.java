package org.jswan.esp.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.jswan.nativeio.crypto.EvpAead;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The OpenSSL backend against the JCA backend (the published vectors run on both in {@link TransformVectorTest}):
 * for every transform and key size, with and without ESN, in direct and heap buffers, what one backend seals the
 * other opens, and the AEAD transforms (deterministic IVs) produce identical bytes. Tampering, a wrong ESN high half
 * and a destroyed SA are refused.
 */
class OpenSslTransformTest {
    private static final int OFF = 40;
    private static final int[][] SUITES = {
        {EspTransformFactory.ENCR_AES_GCM_16, 0, 128}, {EspTransformFactory.ENCR_AES_GCM_16, 0, 192},
        {EspTransformFactory.ENCR_AES_GCM_16, 0, 256}, {EspTransformFactory.ENCR_CHACHA20_POLY1305, 0, 256},
        {EspTransformFactory.ENCR_AES_CBC, EspTransformFactory.AUTH_HMAC_SHA2_256_128, 128},
        {EspTransformFactory.ENCR_AES_CBC, EspTransformFactory.AUTH_HMAC_SHA2_384_192, 192},
        {EspTransformFactory.ENCR_AES_CBC, EspTransformFactory.AUTH_HMAC_SHA2_512_256, 256},
    };

    @BeforeAll
    static void openSslIsThere() {
        // CI installs Debian's libssl3; without it the backend falls back to the JCA and this test has nothing to do.
        assertTrue(EvpAead.available(), "libcrypto 3 must load here: " + EvpAead.unavailableReason());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void eachBackendOpensWhatTheOtherSealed(final boolean direct) {
        Random rnd = new Random(42);
        for (int[] s : SUITES) {
            for (boolean esn : new boolean[] {false, true}) {
                byte[] ek = new byte[EspTransformFactory.encryptionKeymatLength(s[0], s[2])];
                byte[] ik = new byte[EspTransformFactory.integrityKeyLength(s[1])];
                rnd.nextBytes(ek);
                rnd.nextBytes(ik);
                for (int size : new int[] {16, 64, 512, 1408}) {
                    byte[] pt = new byte[size];
                    rnd.nextBytes(pt);
                    long seq = esn ? 0x3_0000_0007L + size : 7 + size;
                    String what = Arrays.toString(s) + " esn=" + esn + " size=" + size + " direct=" + direct;

                    EspTransform sslOut = create(CryptoBackend.OPENSSL, s, ek, ik, true, esn);
                    EspTransform jcaOut = create(CryptoBackend.JCA, s, ek, ik, true, esn);
                    ByteBuffer fromSsl = packet(0x1234, (int) seq, new byte[sslOut.ivLength()], pt, direct);
                    ByteBuffer fromJca = packet(0x1234, (int) seq, new byte[jcaOut.ivLength()], pt, direct);
                    int len = sslOut.seal(fromSsl, OFF, size, seq);
                    assertEquals(len, jcaOut.seal(fromJca, OFF, size, seq), what);
                    if (s[0] != EspTransformFactory.ENCR_AES_CBC) {
                        assertArrayEquals(bytes(fromJca, OFF, len), bytes(fromSsl, OFF, len), what);
                    }

                    ByteBuffer tampered = copy(fromSsl);
                    tampered.put(OFF + len - 20, (byte) (tampered.get(OFF + len - 20) ^ 0x40));
                    ByteBuffer wrongEsn = copy(fromJca);
                    assertEquals(size, create(CryptoBackend.JCA, s, ek, ik, false, esn).open(fromSsl, OFF, len, seq),
                            what);
                    assertArrayEquals(pt, bytes(fromSsl, OFF + 8 + sslOut.ivLength(), size), what);
                    EspTransform sslIn = create(CryptoBackend.OPENSSL, s, ek, ik, false, esn);
                    assertEquals(-1, sslIn.open(tampered, OFF, len, seq), what + " tampered");
                    if (esn) {
                        assertEquals(-1, sslIn.open(wrongEsn, OFF, len, seq + (1L << 32)), what + " ESN high");
                    }
                    assertEquals(size, sslIn.open(fromJca, OFF, len, seq), what);
                    assertArrayEquals(pt, bytes(fromJca, OFF + 8 + sslOut.ivLength(), size), what);
                }
            }
        }
    }

    @Test
    void cbcIvsAreFreshPerPacket() {
        byte[] ek = new byte[16];
        byte[] ik = new byte[32];
        EspTransform t = create(CryptoBackend.OPENSSL, SUITES[4], ek, ik, true, false);
        ByteBuffer a = packet(1, 1, new byte[16], new byte[32], true);
        ByteBuffer b = packet(1, 1, new byte[16], new byte[32], true);
        t.seal(a, OFF, 32, 1);
        t.seal(b, OFF, 32, 1);
        assertNotEquals(Arrays.toString(bytes(a, OFF + 8, 16)), Arrays.toString(bytes(b, OFF + 8, 16)));
        for (int i = 0; i < 600; i++) { // past one 4 KB draw of IVs
            t.seal(a, OFF, 32, 2 + i);
        }
        assertNotEquals(Arrays.toString(bytes(a, OFF + 8, 16)), Arrays.toString(new byte[16]));
    }

    @Test
    void aDestroyedTransformRefusesInsteadOfTouchingFreedMemory() {
        for (int[] s : SUITES) {
            byte[] ek = new byte[EspTransformFactory.encryptionKeymatLength(s[0], s[2])];
            byte[] ik = new byte[EspTransformFactory.integrityKeyLength(s[1])];
            EspTransform out = create(CryptoBackend.OPENSSL, s, ek, ik, true, false);
            EspTransform in = create(CryptoBackend.OPENSSL, s, ek, ik, false, false);
            ByteBuffer b = packet(9, 1, new byte[out.ivLength()], new byte[64], true);
            int len = out.seal(b, OFF, 64, 1);
            out.destroy();
            out.destroy();
            in.destroy();
            assertEquals(-1, out.seal(b, OFF, 64, 2), Arrays.toString(s));
            assertEquals(-1, in.open(b, OFF, len, 1), Arrays.toString(s));
        }
    }

    @Test
    void regionsOutsideTheBufferAreRefusedBeforeAnyNativeCall() {
        EspTransform in = create(CryptoBackend.OPENSSL, SUITES[0], new byte[20], new byte[0], false, false);
        ByteBuffer b = ByteBuffer.allocateDirect(128);
        assertEquals(-1, in.open(b, OFF, 200, 1), "longer than the buffer");
        assertEquals(-1, in.open(b, 120, 40, 1), "runs past the limit");
        assertEquals(-1, in.open(b, OFF, 20, 1), "shorter than IV + ICV");
        EspTransform out = create(CryptoBackend.OPENSSL, SUITES[0], new byte[20], new byte[0], true, false);
        assertThrows(IndexOutOfBoundsException.class, () -> out.seal(b, OFF, 100, 1));
    }

    @Test
    void backendIsSelectedByPropertyAndDescribed() {
        String old = System.getProperty(CryptoBackend.PROPERTY);
        try {
            System.clearProperty(CryptoBackend.PROPERTY);
            // scripts/test.sh installs libgnutls30 and libssl3, and libipsec-mb1 on x86-64 (its only architecture).
            boolean x86 = System.getProperty("os.arch").equals("amd64");
            assertEquals(x86 ? CryptoBackend.IPSECMB : CryptoBackend.GNUTLS, CryptoBackend.selected(),
                    "the first AES-GCM library that loads here runs AES-GCM");
            String d = CryptoBackend.describe();
            String gcm = x86 ? "ipsec-mb 1\\.[0-9.]+ \\(((vaes_)?avx512|avx_gen4|avx_gen2|sse)\\)"
                    : "GnuTLS 3\\.[0-9.]+ \\(libgnutls\\) \\(ipsec-mb: .*\\)";
            assertTrue(d.matches("ESP crypto: AES-GCM on " + gcm + ", ChaCha20-Poly1305 and AES-CBC/HMAC on "
                    + "OpenSSL 3\\..*\\(libcrypto\\)"), d);
            System.setProperty(CryptoBackend.PROPERTY, "openssl");
            assertEquals(CryptoBackend.OPENSSL, CryptoBackend.selected());
            assertTrue(CryptoBackend.describe().matches("ESP crypto: OpenSSL 3\\..* \\(libcrypto\\) \\(-D"
                    + CryptoBackend.PROPERTY + "=openssl\\)"), CryptoBackend.describe());
            System.setProperty(CryptoBackend.PROPERTY, "gnutls");
            assertEquals(CryptoBackend.GNUTLS, CryptoBackend.selected());
            assertTrue(CryptoBackend.describe().matches("ESP crypto: AES-GCM on GnuTLS 3\\.[0-9.]+ \\(libgnutls\\), "
                    + "ChaCha20-Poly1305 and AES-CBC/HMAC on OpenSSL 3\\..*\\(libcrypto\\)"), CryptoBackend.describe());
            System.setProperty(CryptoBackend.PROPERTY, "ipsecmb");
            assertEquals(CryptoBackend.IPSECMB, CryptoBackend.selected());
            System.setProperty(CryptoBackend.PROPERTY, "jca");
            assertEquals(CryptoBackend.JCA, CryptoBackend.selected());
            assertTrue(EspTransformFactory.create(20, 0, 128, new byte[20], new byte[0], true, false)
                    instanceof AesGcmTransform);
            System.setProperty(CryptoBackend.PROPERTY, "boringssl");
            EspCryptoException e = assertThrows(EspCryptoException.class, CryptoBackend::selected);
            assertTrue(e.getMessage().contains("expected ipsecmb, gnutls, openssl or jca"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(CryptoBackend.PROPERTY);
            } else {
                System.setProperty(CryptoBackend.PROPERTY, old);
            }
        }
    }

    private static EspTransform create(final CryptoBackend backend, final int[] s, final byte[] ek, final byte[] ik,
            final boolean out, final boolean esn) {
        return EspTransformFactory.create(backend, s[0], s[1], s[2], ek, ik, out, esn);
    }

    private static ByteBuffer packet(final int spi, final int seqLow, final byte[] iv, final byte[] body,
            final boolean direct) {
        int size = OFF + 8 + iv.length + body.length + 64;
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        b.putInt(OFF, spi);
        b.putInt(OFF + 4, seqLow);
        b.put(OFF + 8, iv);
        b.put(OFF + 8 + iv.length, body);
        return b;
    }

    private static ByteBuffer copy(final ByteBuffer b) {
        ByteBuffer c = b.isDirect() ? ByteBuffer.allocateDirect(b.capacity()) : ByteBuffer.allocate(b.capacity());
        c.put(0, b, 0, b.capacity());
        return c;
    }

    private static byte[] bytes(final ByteBuffer b, final int off, final int len) {
        byte[] out = new byte[len];
        b.get(off, out);
        return out;
    }
}
