package org.jswan.nativeio.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Intel's ipsec-mb AES-GCM against OpenSSL's and the rules of every in-place AES-GCM context, on the code path the
 * library picks for this CPU.
 */
class IpsecMbAesGcmTest extends AesGcmLibraryContract {

    @BeforeAll
    static void ipsecMb() {
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

    /** The code path the library picked is one this CPU can run. */
    @Test
    void runsACodePathThisCpuSupports() throws IOException {
        String flags = cpuFlags();
        assertTrue(needs(LibIpsecMbLoader.PATH).stream().allMatch(f -> flags.contains(" " + f + " ")),
                LibIpsecMbLoader.PATH + " on " + flags);
    }

    /**
     * Every code path of ipsec-mb this CPU can run, not only the one it picks here, seals byte for byte as OpenSSL
     * does and opens what OpenSSL sealed: a gateway with another CPU runs another path.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sse", "avx_gen2", "avx_gen4", "avx512", "vaes_avx512"})
    void everyCodePathThisCpuRunsAgreesWithOpenSsl(final String path) throws IOException {
        String flags = cpuFlags();
        Assumptions.assumeTrue(needs(path).stream().allMatch(f -> flags.contains(" " + f + " ")),
                "this CPU cannot run " + path);
        IpsecMbGcm[] byKeySize = new IpsecMbGcm[3];
        for (int i = 0; i < 3; i++) {
            byKeySize[i] = LibIpsecMbLoader.bind(128 + 64 * i, path);
        }
        Random random = new Random(path.hashCode());
        for (int keyLength : new int[] {16, 24, 32}) {
            for (int length : new int[] {0, 1, 16, 63, 255, 1400, 1433, 9000}) {
                byte[] key = new byte[keyLength];
                random.nextBytes(key);
                byte[] plain = new byte[length];
                random.nextBytes(plain);
                String what = path + ", AES-" + keyLength * 8 + "-GCM, " + length + " bytes";
                try (InPlaceAead seal = new IpsecMbAesGcm(key, true, byKeySize);
                        InPlaceAead open = new IpsecMbAesGcm(key, false, byKeySize);
                        EvpAead ssl = new EvpAead("AES-" + keyLength * 8 + "-GCM", key, true)) {
                    ByteBuffer mine = ByteBuffer.allocateDirect(length + 16).put(0, plain);
                    ByteBuffer theirs = ByteBuffer.allocateDirect(length + 16).put(0, plain);
                    for (InPlaceAead a : new InPlaceAead[] {seal, open, ssl}) {
                        a.parameters().putLong(InPlaceAead.NONCE, length).putLong(InPlaceAead.AAD, keyLength);
                    }
                    assertTrue(seal.seal(mine, 0, length, 8), what);
                    assertTrue(ssl.seal(theirs, 0, length, 8), what);
                    assertEquals(theirs, mine, "ciphertext and tag: " + what);
                    assertTrue(open.open(theirs, 0, length, 8), what);
                    assertEquals(ByteBuffer.wrap(plain), theirs.slice(0, length), "opened: " + what);
                }
            }
        }
    }

    /** The CPU flags a code path of ipsec-mb runs on (/proc/cpuinfo names). */
    private static List<String> needs(final String path) {
        List<String> needs = new ArrayList<>(List.of("aes", "pclmulqdq", "sse4_2"));
        if (!path.equals("sse")) {
            needs.add("avx");
        }
        if (path.equals("avx_gen4") || path.contains("avx512")) {
            needs.add("avx2");
        }
        if (path.contains("avx512")) {
            needs.addAll(List.of("avx512f", "avx512dq", "avx512bw", "avx512vl"));
        }
        if (path.equals("vaes_avx512")) {
            needs.addAll(List.of("vaes", "vpclmulqdq"));
        }
        return needs;
    }

    private static String cpuFlags() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags")).findFirst()
                .orElse("") + " ";
    }

    /** The key data sits on a cache-line boundary inside the parameter block, which the wipe covers. */
    @Test
    void keyDataIsAlignedInsideTheWipedBlock() throws Exception {
        try (IpsecMbAesGcm aead = new IpsecMbAesGcm(new byte[32], true)) {
            var field = IpsecMbAesGcm.class.getDeclaredField("keyData");
            field.setAccessible(true);
            long keyData = (long) field.get(aead);
            assertEquals(0, keyData & 63, "64-byte aligned");
            assertTrue(keyData >= aead.paramsAddress + 152 && keyData + 1008 <= aead.paramsAddress
                    + aead.params.capacity(), "after the context, inside the block");
        }
    }
}
