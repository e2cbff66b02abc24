package org.jswan.nativeio.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Intel's ipsec-mb AES-GCM against OpenSSL's and the rules of every in-place AES-GCM context, on the code path the
 * library picks for this CPU, and every other path this CPU runs. ipsec-mb is packaged for x86-64 only, where
 * scripts/test.sh installs it; elsewhere these tests do not apply.
 */
class IpsecMbAesGcmTest extends AesGcmLibraryContract {

    @BeforeAll
    static void ipsecMb() {
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "ipsec-mb is x86-64 only");
        assertTrue(IpsecMbAesGcm.available(), IpsecMbAesGcm.unavailableReason());
        assertTrue(IpsecMbAesGcm.version().matches("ipsec-mb 1\\.[0-9.]+ \\(((vaes_)?avx512|avx_gen[24]|sse)\\)"),
                IpsecMbAesGcm.version());
    }

    @Override
    InPlaceAead create(final byte[] key, final boolean encrypt) {
        return new IpsecMbAesGcm(key, encrypt);
    }

    @Override
    int computedTagOffset() {
        return 32;
    }

    /**
     * The code path in use is one the kernel says this CPU runs, and jswan's own choice within AVX-512 (VAES or not)
     * follows the CPU's flags.
     */
    @Test
    void runsACodePathThisCpuSupports() {
        String flags = LibIpsecMbLoader.cpuFlags();
        assertNotNull(flags, "/proc/cpuinfo has a flags line");
        assertNull(LibIpsecMbLoader.missingCpuFlags(LibIpsecMbLoader.PATH, flags), LibIpsecMbLoader.PATH);
        if (LibIpsecMbLoader.PATH.contains("avx512")) {
            assertEquals(flags.contains(" vaes ") && flags.contains(" vpclmulqdq "),
                    LibIpsecMbLoader.PATH.equals("vaes_avx512"), LibIpsecMbLoader.PATH + " on " + flags);
        }
    }

    /** A path whose instructions the kernel does not offer is refused, naming what is missing. */
    @Test
    void aPathTheKernelDoesNotOfferIsNamed() {
        String avx2Only = " fpu sse4_2 aes pclmulqdq avx avx2 ";
        assertNull(LibIpsecMbLoader.missingCpuFlags("avx_gen4", avx2Only));
        assertNull(LibIpsecMbLoader.missingCpuFlags("sse", avx2Only));
        assertEquals("avx512f, avx512dq, avx512bw, avx512vl", LibIpsecMbLoader.missingCpuFlags("avx512", avx2Only));
        assertEquals("avx512f, avx512dq, avx512bw, avx512vl, vaes, vpclmulqdq",
                LibIpsecMbLoader.missingCpuFlags("vaes_avx512", avx2Only));
        assertEquals("aes", LibIpsecMbLoader.missingCpuFlags("sse", " sse4_2 pclmulqdq "));
        assertNull(LibIpsecMbLoader.missingCpuFlags("vaes_avx512", null), "no /proc/cpuinfo: nothing to check");
    }

    /**
     * Every code path of ipsec-mb this CPU can run, not only the one it picks here, seals byte for byte as OpenSSL
     * does, opens what OpenSSL sealed, and refuses it once a bit is changed: a gateway with another CPU runs another
     * path.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sse", "avx_gen2", "avx_gen4", "avx512", "vaes_avx512"})
    void everyCodePathThisCpuRunsAgreesWithOpenSsl(final String path) {
        String missing = LibIpsecMbLoader.missingCpuFlags(path, LibIpsecMbLoader.cpuFlags());
        Assumptions.assumeTrue(missing == null, "this CPU lacks " + missing + " for " + path);
        IpsecMbGcm[] byKeySize = new IpsecMbGcm[3];
        for (int i = 0; i < 3; i++) {
            byKeySize[i] = LibIpsecMbLoader.bind(128 + 64 * i, path);
        }
        Random random = new Random(path.hashCode());
        for (int keyLength : new int[] {16, 24, 32}) {
            for (int length : new int[] {0, 1, 16, 63, 255, 1400, 1433, 9000}) {
                for (int aadLength : new int[] {8, 12}) {
                    byte[] key = randomBytes(random, keyLength);
                    byte[] plain = randomBytes(random, length);
                    byte[] nonce = randomBytes(random, 12);
                    byte[] aad = randomBytes(random, aadLength);
                    String what = path + ", AES-" + keyLength * 8 + "-GCM, " + length + " bytes, AAD " + aadLength;
                    try (InPlaceAead seal = new IpsecMbAesGcm(key, true, byKeySize);
                            InPlaceAead open = new IpsecMbAesGcm(key, false, byKeySize);
                            EvpAead ssl = new EvpAead("AES-" + keyLength * 8 + "-GCM", key, true)) {
                        ByteBuffer mine = ByteBuffer.allocateDirect(length + 16).put(0, plain);
                        ByteBuffer theirs = ByteBuffer.allocateDirect(length + 16).put(0, plain);
                        for (InPlaceAead a : new InPlaceAead[] {seal, open, ssl}) {
                            a.parameters().put(InPlaceAead.NONCE, nonce).put(InPlaceAead.AAD, aad);
                        }
                        assertTrue(seal.seal(mine, 0, length, aadLength), what);
                        assertTrue(ssl.seal(theirs, 0, length, aadLength), what);
                        assertEquals(theirs, mine, "ciphertext and tag: " + what);
                        ByteBuffer changed = ByteBuffer.allocateDirect(length + 16).put(0, theirs, 0, length + 16);
                        int at = random.nextInt(length + 16);
                        changed.put(at, (byte) (changed.get(at) ^ 0x10));
                        assertFalse(open.open(changed, 0, length, aadLength), "byte " + at + " changed: " + what);
                        assertTrue(open.open(theirs, 0, length, aadLength), what);
                        assertEquals(ByteBuffer.wrap(plain), theirs.slice(0, length), "opened: " + what);
                    }
                }
            }
        }
    }

    /**
     * The key data sits on a cache-line boundary inside the parameter block, stays inside the room kept for it for
     * every key size (the canary after it is intact), and is zero once the context is closed.
     */
    @Test
    void keyDataStaysInItsRoomAndIsWipedOnClose() throws Exception {
        var field = IpsecMbAesGcm.class.getDeclaredField("keyData");
        field.setAccessible(true);
        for (int keyLength : new int[] {16, 24, 32}) {
            byte[] key = new byte[keyLength];
            java.util.Arrays.fill(key, (byte) 0x5a);
            IpsecMbAesGcm aead = new IpsecMbAesGcm(key, true);
            long keyData = (long) field.get(aead);
            assertEquals(0, keyData & 63, "64-byte aligned");
            assertTrue(keyData >= aead.paramsAddress + 152 && keyData + 2304 + 8 <= aead.paramsAddress
                    + aead.params.capacity(), "after the context, inside the block");
            assertTrue(aead.canaryIntact(), "AES-" + keyLength * 8 + ": the key data stays in its room");
            int offset = (int) (keyData - aead.paramsAddress);
            assertTrue(nonZeroLongs(aead.params, offset, 1008) > 100, "the round keys are there");
            aead.close();
            assertEquals(0, nonZeroLongs(aead.params, 0, aead.params.capacity()), "all wiped on close");
        }
    }

    private static int nonZeroLongs(final ByteBuffer b, final int from, final int length) {
        int n = 0;
        for (int i = from; i + 8 <= from + length; i += 8) {
            n += b.getLong(i) != 0 ? 1 : 0;
        }
        return n;
    }
}
