package org.jswan.nativeio.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native contexts' life and bounds: closing while a data thread is inside a call never frees memory under it
 * (the JVM would crash), a closed context refuses, and no region outside the buffer reaches OpenSSL.
 */
class EvpContextTest {

    @BeforeAll
    static void libcrypto() {
        assertTrue(EvpContext.available(), EvpContext.unavailableReason());
        assertTrue(EvpContext.version().startsWith("OpenSSL 3"), EvpContext.version());
    }

    @Test
    void closingWhileAnotherThreadSealsIsSafe() throws Exception {
        CloseRace.closeWhileSealing(() -> new EvpAead("AES-128-GCM", new byte[16], true));
    }

    @Test
    void openFailsOnABadTagAndSucceedsOnAGoodOne() {
        byte[] key = new byte[32];
        key[0] = 1;
        EvpAead enc = new EvpAead("ChaCha20-Poly1305", key, true);
        EvpAead dec = new EvpAead("ChaCha20-Poly1305", key, false);
        for (ByteBuffer buf : new ByteBuffer[] {ByteBuffer.allocateDirect(200), ByteBuffer.allocate(200)}) {
            buf.put(10, (byte) 42);
            enc.parameters().putInt(EvpAead.AAD, 7);
            assertTrue(enc.seal(buf, 10, 100, 4));
            assertEquals(false, buf.get(10) == 42, "encrypted in place");
            ByteBuffer copy = buf.isDirect() ? ByteBuffer.allocateDirect(200) : ByteBuffer.allocate(200);
            copy.put(0, buf, 0, 200);
            dec.parameters().putInt(EvpAead.AAD, 8);
            assertFalse(dec.open(copy, 10, 100, 4), "different AAD");
            dec.parameters().putInt(EvpAead.AAD, 7);
            assertTrue(dec.open(buf, 10, 100, 4));
            assertEquals(42, buf.get(10));
        }
    }

    @Test
    void regionsOutsideTheBufferNeverReachOpenSsl() {
        EvpAead aead = new EvpAead("AES-256-GCM", new byte[32], true);
        ByteBuffer buf = ByteBuffer.allocateDirect(100);
        assertThrows(IndexOutOfBoundsException.class, () -> aead.seal(buf, 0, 85, 8), "tag past the end");
        assertThrows(IndexOutOfBoundsException.class, () -> aead.seal(buf, -1, 10, 8));
        assertThrows(IllegalArgumentException.class, () -> aead.seal(buf, 90, -20, 8));
        assertThrows(IllegalArgumentException.class, () -> aead.seal(buf, 0, 10, 17), "AAD longer than its room");
        buf.limit(50);
        assertThrows(IndexOutOfBoundsException.class, () -> aead.seal(buf, 0, 40, 8), "past the limit");
        EvpCbcHmac cbc = new EvpCbcHmac("AES-128-CBC", new byte[16], "SHA256", new byte[32], 16, true);
        assertThrows(IndexOutOfBoundsException.class, () -> cbc.randomIv(buf, 40));
        assertThrows(IllegalArgumentException.class, () -> cbc.seal(buf, 0, 16, 15, 0), "not block aligned");
        assertThrows(IllegalArgumentException.class, () -> new EvpAead("AES-128-GCM", new byte[15], true));
        assertThrows(IllegalArgumentException.class, () -> new EvpAead("NO-SUCH-CIPHER", new byte[16], true));
        assertThrows(IllegalArgumentException.class,
                () -> new EvpCbcHmac("AES-128-CBC", new byte[16], "SHA256", new byte[32], 48, true),
                "an ICV longer than the MAC would send bytes HMAC never wrote");
    }

    /** OpenSSL takes lengths as size_t: a negative one that slipped through would crash the JVM, not throw. */
    @Test
    void negativeAndOverflowingLengthsNeverReachOpenSsl() {
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        EvpAead seal = new EvpAead("AES-128-GCM", new byte[16], true);
        EvpAead open = new EvpAead("AES-128-GCM", new byte[16], false);
        for (int length : new int[] {-1, -16, -32, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE - 15}) {
            assertThrows(RuntimeException.class, () -> seal.seal(buf, 64, length, 8), "seal length " + length);
            assertThrows(RuntimeException.class, () -> open.open(buf, 64, length, 8), "open length " + length);
        }
        EvpCbcHmac cbcSeal = new EvpCbcHmac("AES-128-CBC", new byte[16], "SHA512", new byte[64], 32, true);
        EvpCbcHmac cbcOpen = new EvpCbcHmac("AES-128-CBC", new byte[16], "SHA512", new byte[64], 32, false);
        int[][] regions = {
            {0, 16, -32}, {0, 16, -16}, {0, 16, Integer.MIN_VALUE},
            {0, Integer.MAX_VALUE, Integer.MAX_VALUE - 15}, // span wraps to -17 in int arithmetic
            {-16, 16, 32}, {32, 16, 32},
        };
        for (int[] r : regions) {
            String what = r[0] + "/" + r[1] + "/" + r[2];
            assertThrows(RuntimeException.class, () -> cbcSeal.seal(buf, r[0], r[1], r[2], 0), "seal " + what);
            assertThrows(RuntimeException.class, () -> cbcOpen.open(buf, r[0], r[1], r[2], 0), "open " + what);
        }
        assertTrue(seal.seal(buf, 64, 1400, 8), "the contexts still work after all that");
        assertTrue(cbcSeal.seal(buf, 0, 16, 1408, 8));
    }

    @Test
    void readOnlyBuffersAreRefused() {
        EvpAead aead = new EvpAead("AES-128-GCM", new byte[16], true);
        ByteBuffer readOnly = ByteBuffer.allocateDirect(200).asReadOnlyBuffer();
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> aead.seal(readOnly, 0, 100, 8));
    }

    /** A close that lands while a CBC seal runs must not let the packet leave with the wiped (zero) MAC. */
    @Test
    void aCbcSealCutShortByCloseNeverReportsAZeroIcv() throws Exception {
        for (int round = 0; round < 50; round++) {
            EvpCbcHmac cbc = new EvpCbcHmac("AES-128-CBC", new byte[16], "SHA256", new byte[32], 16, true);
            ByteBuffer buf = ByteBuffer.allocateDirect(1500);
            AtomicLong zeroIcvs = new AtomicLong();
            CountDownLatch running = new CountDownLatch(1);
            Thread data = new Thread(() -> {
                running.countDown();
                while (cbc.seal(buf, 0, 16, 1408, 0)) {
                    if (buf.getLong(1424) == 0 && buf.getLong(1432) == 0) {
                        zeroIcvs.incrementAndGet();
                    }
                }
            });
            data.start();
            running.await();
            Thread.sleep(round % 5);
            cbc.close();
            data.join(5000);
            assertFalse(data.isAlive(), "the data thread saw the close");
            assertEquals(0, zeroIcvs.get(), "seals that reported success with a zero ICV");
        }
    }

    /** A context nobody closed is freed and wiped when collected: its parameter block (here a marker) is zeroed. */
    @Test
    void aContextDroppedWithoutCloseIsCleanedAfterCollection() throws Exception {
        ByteBuffer params = droppedContextParameters();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (params.getLong(EvpAead.NONCE) != 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, params.getLong(EvpAead.NONCE), "the Cleaner freed the context and wiped its parameters");
    }

    private static ByteBuffer droppedContextParameters() {
        EvpAead aead = new EvpAead("AES-128-GCM", new byte[16], true);
        aead.parameters().putLong(EvpAead.NONCE, 0x5a5a5a5a5a5a5a5aL);
        return aead.parameters();
    }

    @Test
    void closingAfterAnOddSizedHeapCallWipesWithoutThrowing() {
        EvpAead aead = new EvpAead("AES-128-GCM", new byte[16], true);
        ByteBuffer heap = ByteBuffer.allocate(2100);
        assertTrue(aead.seal(heap, 0, 2051 - EvpAead.TAG_LENGTH, 8));
        aead.close();
        assertFalse(aead.seal(heap, 0, 100, 8), "closed");
    }
}
