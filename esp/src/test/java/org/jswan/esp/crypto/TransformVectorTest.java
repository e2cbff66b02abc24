package org.jswan.esp.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jswan.esp.VectorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The published vectors, run on each crypto backend through the factory that the data plane uses: McGrew/Viega's
 * GCM ESP cases (RFC 4106), RFC 7634's ChaCha20-Poly1305 ESP packet, RFC 3602's AES-CBC cases, RFC 4868's truncated
 * HMAC-SHA2. Sealing uses the vector's own IV ({@link KnownAnswerSeal}); opening goes through the data plane's
 * {@code open}.
 */
class TransformVectorTest {
    private static final int OFF = 32;
    private static final byte[] NONE = new byte[0]; // AEAD transforms take no integrity key

    private static EspTransform create(final CryptoBackend backend, final int encr, final int integ, final int bits,
            final byte[] encKeymat, final byte[] integKey, final boolean out, final boolean esn) {
        EspTransform t = EspTransformFactory.create(backend, encr, integ, bits, encKeymat, integKey, out, esn);
        assertEquals(expectedLibrary(backend, encr), library(t), "the vectors must run on " + backend + ", got " + t);
        return t;
    }

    private static String expectedLibrary(final CryptoBackend backend, final int encr) {
        if (backend == CryptoBackend.IPSECMB && encr == EspTransformFactory.ENCR_AES_GCM_16) {
            return "ipsec-mb";
        }
        if (backend == CryptoBackend.GNUTLS && encr == EspTransformFactory.ENCR_AES_GCM_16) {
            return "GnuTLS";
        }
        return backend == CryptoBackend.JCA ? "JCA" : "OpenSSL";
    }

    private static String library(final EspTransform t) {
        if (t instanceof NativeAeadTransform) {
            return ((NativeAeadTransform) t).library;
        }
        return t instanceof EvpCbcHmacTransform ? "OpenSSL" : "JCA";
    }

    private static int sealWithItsIv(final EspTransform t, final ByteBuffer b, final int ptLen, final long seq) {
        return ((KnownAnswerSeal) t).sealPrepared(b, OFF, ptLen, seq);
    }

    private static ByteBuffer packet(final int spi, final int seqLow, final byte[] iv, final byte[] body) {
        ByteBuffer b = ByteBuffer.allocateDirect(OFF + 8 + iv.length + body.length + 64);
        b.putInt(OFF, spi);
        b.putInt(OFF + 4, seqLow);
        for (int i = 0; i < iv.length; i++) {
            b.put(OFF + 8 + i, iv[i]);
        }
        for (int i = 0; i < body.length; i++) {
            b.put(OFF + 8 + iv.length + i, body[i]);
        }
        return b;
    }

    private static byte[] bytes(final ByteBuffer b, final int off, final int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = b.get(off + i);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(CryptoBackend.class)
    void aesGcmMcGrewViegaEspCases(final CryptoBackend backend) throws Exception {
        List<Map<String, String>> cases = VectorFile.read("crypto/aes-gcm/esp-gcm-draft-mcgrew-gcm-test-01.txt");
        assertEquals(14, cases.size());
        for (Map<String, String> v : cases) {
            byte[] key = VectorFile.hex(v.get("key"));
            byte[] nonce = VectorFile.hex(v.get("nonce"));
            byte[] aad = VectorFile.hex(v.get("aad"));
            byte[] pt = VectorFile.hex(v.get("plaintext"));
            byte[] ct = VectorFile.hex(v.get("ciphertext"));
            byte[] tag = VectorFile.hex(v.get("tag"));
            byte[] keymat = concat(key, Arrays.copyOf(nonce, 4));
            byte[] iv = Arrays.copyOfRange(nonce, 4, 12);
            boolean esn = aad.length == 12;
            ByteBuffer a = ByteBuffer.wrap(aad);
            int spi = a.getInt(0);
            long seq = esn ? a.getLong(4) : a.getInt(4) & 0xFFFFFFFFL;

            ByteBuffer b = packet(spi, (int) seq, iv, pt);
            int bits = key.length * 8;
            EspTransform enc = create(backend, EspTransformFactory.ENCR_AES_GCM_16, 0, bits, keymat, NONE, true, esn);
            int len = sealWithItsIv(enc, b, pt.length, seq);
            assertEquals(8 + 8 + ct.length + 16, len);
            assertArrayEquals(concat(ct, tag), bytes(b, OFF + 16, ct.length + 16), v.get("key"));

            EspTransform dec = create(backend, EspTransformFactory.ENCR_AES_GCM_16, 0, bits, keymat, NONE, false, esn);
            assertEquals(pt.length, dec.open(b, OFF, len, seq));
            assertArrayEquals(pt, bytes(b, OFF + 16, pt.length));
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoBackend.class)
    void aesGcmRejectsTamperedTagAndWrongEsnHigh(final CryptoBackend backend) throws Exception {
        Map<String, String> v = VectorFile.read("crypto/aes-gcm/esp-gcm-draft-mcgrew-gcm-test-01.txt").get(0);
        byte[] nonce = VectorFile.hex(v.get("nonce"));
        byte[] keymat = concat(VectorFile.hex(v.get("key")), Arrays.copyOf(nonce, 4));
        byte[] body = concat(VectorFile.hex(v.get("ciphertext")), VectorFile.hex(v.get("tag")));
        long seq = 0x8765432100000000L;
        int bits = (keymat.length - 4) * 8;
        EspTransform dec = create(backend, EspTransformFactory.ENCR_AES_GCM_16, 0, bits, keymat, NONE, false, true);
        ByteBuffer b = packet(0x4321, 0, Arrays.copyOfRange(nonce, 4, 12), body);
        assertEquals(-1, dec.open(b, OFF, 16 + body.length, seq + (1L << 32)), "wrong ESN high bits");
        b = packet(0x4321, 0, Arrays.copyOfRange(nonce, 4, 12), body);
        b.put(OFF + 16 + body.length - 1, (byte) (b.get(OFF + 16 + body.length - 1) ^ 1));
        assertEquals(-1, dec.open(b, OFF, 16 + body.length, seq));
    }

    @ParameterizedTest
    @EnumSource(CryptoBackend.class)
    void chaCha20Poly1305Rfc7634AppendixA(final CryptoBackend backend) throws Exception {
        Map<String, String> v = VectorFile.read("crypto/chacha20poly1305/rfc7634-appendix-a-esp.txt").get(0);
        byte[] keymat = VectorFile.hex(v.get("keymat"));
        byte[] esp = VectorFile.hex(v.get("esp"));
        byte[] source = VectorFile.hex(v.get("source"));
        int spi = ByteBuffer.wrap(VectorFile.hex(v.get("spi"))).getInt();
        int seq = ByteBuffer.wrap(VectorFile.hex(v.get("seq"))).getInt();
        ByteBuffer b = packet(spi, seq, new byte[0], esp);
        int chacha = EspTransformFactory.ENCR_CHACHA20_POLY1305;
        EspTransform dec = create(backend, chacha, 0, 256, keymat, NONE, false, false);
        int ptLen = dec.open(b, OFF, 8 + esp.length, seq);
        assertEquals(esp.length - 8 - 16, ptLen);
        assertArrayEquals(source, bytes(b, OFF + 16, source.length));
        assertEquals(Integer.parseInt(v.get("padlength")), b.get(OFF + 16 + ptLen - 2));
        assertEquals(Integer.parseInt(v.get("nextheader")), b.get(OFF + 16 + ptLen - 1));

        // Re-seal the decrypted payload with the appendix's IV: must reproduce the published packet.
        EspTransform enc = create(backend, chacha, 0, 256, keymat, NONE, true, false);
        int len = sealWithItsIv(enc, b, ptLen, seq);
        assertEquals(8 + esp.length, len);
        assertArrayEquals(esp, bytes(b, OFF + 8, esp.length));
    }

    @Test
    void hmacSha2TruncatedIcvRfc4868() throws Exception {
        List<Map<String, String>> cases = VectorFile.read("crypto/hmac-sha2/rfc4868-auth.txt");
        assertEquals(7, cases.size());
        for (Map<String, String> v : cases) {
            String alg = v.get("alg");
            byte[] key = VectorFile.hex(v.get("key"));
            byte[] icv = VectorFile.hex(v.get("icv"));
            Mac mac = Mac.getInstance(alg);
            mac.init(new SecretKeySpec(key, alg));
            byte[] full = mac.doFinal(VectorFile.hex(v.get("data")));
            assertEquals(mac.getMacLength() / 2, icv.length, "RFC 4868 ICV is half the output");
            assertArrayEquals(icv, Arrays.copyOf(full, icv.length), alg);
        }
    }

    /**
     * RFC 3602's cases carry no ICV, but ESP with CBC needs one (the factory refuses CBC without integrity): the
     * packets get an HMAC-SHA2-256-128 ICV after the ciphertext, the ciphertext must match the RFC's, and opening
     * checks the ICV.
     */
    @ParameterizedTest
    @EnumSource(CryptoBackend.class)
    void aesCbcRfc3602Cases(final CryptoBackend backend) throws Exception {
        List<Map<String, String>> cases = VectorFile.read("esp/aes-cbc/rfc3602-section4.txt");
        assertFalse(cases.isEmpty());
        int cbc = EspTransformFactory.ENCR_AES_CBC;
        int sha256 = EspTransformFactory.AUTH_HMAC_SHA2_256_128;
        byte[] ik = new byte[32];
        Arrays.fill(ik, (byte) 0x3c);
        for (Map<String, String> v : cases) {
            byte[] key = VectorFile.hex(v.get("key"));
            byte[] iv = VectorFile.hex(v.get("iv"));
            byte[] pt = VectorFile.hex(v.get("plaintext"));
            byte[] ct = VectorFile.hex(v.get("ciphertext"));
            int spi = v.containsKey("spi") ? ByteBuffer.wrap(VectorFile.hex(v.get("spi"))).getInt() : 1;
            int seq = v.containsKey("seq") ? ByteBuffer.wrap(VectorFile.hex(v.get("seq"))).getInt() : 1;
            ByteBuffer b = packet(spi, seq, iv, pt);
            EspTransform enc = create(backend, cbc, sha256, key.length * 8, key, ik, true, false);
            assertEquals(8 + 16 + ct.length + 16, sealWithItsIv(enc, b, pt.length, seq));
            assertArrayEquals(ct, bytes(b, OFF + 24, ct.length));
            EspTransform dec = create(backend, cbc, sha256, key.length * 8, key, ik, false, false);
            assertEquals(pt.length, dec.open(b, OFF, 8 + 16 + ct.length + 16, seq));
            assertArrayEquals(pt, bytes(b, OFF + 24, pt.length));
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoBackend.class)
    void aesCbcHmacRoundTripWithEsnAndIcvChecks(final CryptoBackend backend) {
        for (int integ : new int[] {EspTransformFactory.AUTH_HMAC_SHA2_256_128,
                EspTransformFactory.AUTH_HMAC_SHA2_384_192, EspTransformFactory.AUTH_HMAC_SHA2_512_256}) {
            byte[] ek = new byte[32];
            byte[] ik = new byte[EspTransformFactory.integrityKeyLength(integ)];
            Arrays.fill(ik, (byte) 7);
            EspTransform enc = create(backend, EspTransformFactory.ENCR_AES_CBC, integ, 256, ek, ik, true, true);
            EspTransform dec = create(backend, EspTransformFactory.ENCR_AES_CBC, integ, 256, ek, ik, false, true);
            byte[] pt = new byte[48];
            Arrays.fill(pt, (byte) 0x5a);
            long seq = 0x1_0000_0005L;
            ByteBuffer b = packet(0x1234, (int) seq, new byte[16], pt);
            int len = enc.seal(b, OFF, pt.length, seq);
            assertEquals(8 + 16 + 48 + enc.icvLength(), len);
            ByteBuffer copy = ByteBuffer.allocateDirect(b.capacity());
            for (int i = 0; i < b.capacity(); i++) {
                copy.put(i, b.get(i));
            }
            assertEquals(-1, dec.open(copy, OFF, len, seq & 0xFFFFFFFFL), "ESN high bits are in the ICV");
            assertEquals(48, dec.open(b, OFF, len, seq));
            assertArrayEquals(pt, bytes(b, OFF + 24, 48));
        }
    }

    @Test
    void factoryChecksKeyLengthsAndCombinations() {
        assertThrows(EspCryptoException.class,
                () -> EspTransformFactory.create(20, 0, 128, new byte[16], new byte[0], true, false));
        assertThrows(EspCryptoException.class,
                () -> EspTransformFactory.create(20, 12, 128, new byte[20], new byte[32], true, false));
        assertThrows(EspCryptoException.class,
                () -> EspTransformFactory.create(12, 0, 128, new byte[16], new byte[0], true, false));
        assertThrows(EspCryptoException.class,
                () -> EspTransformFactory.create(3, 0, 128, new byte[16], new byte[0], true, false));
        EspTransform t = EspTransformFactory.create(28, 0, 256, new byte[36], new byte[0], true, false);
        assertEquals(8, t.ivLength());
        assertEquals(16, t.icvLength());
        assertFalse(t.toString().contains("0000"));
        assertTrue(t.toString().contains("redacted"));
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
