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
        for (int round = 0; round < 50; round++) {
            EvpAead aead = new EvpAead("AES-128-GCM", new byte[16], true);
            ByteBuffer buf = ByteBuffer.allocateDirect(1500);
            AtomicLong sealed = new AtomicLong();
            CountDownLatch running = new CountDownLatch(1);
            Thread data = new Thread(() -> {
                running.countDown();
                while (aead.seal(buf, 0, 1400, 8)) {
                    sealed.incrementAndGet();
                }
            });
            data.start();
            running.await();
            Thread.sleep(round % 5);
            aead.close();
            data.join(5000);
            assertFalse(data.isAlive(), "the data thread saw the close");
            assertFalse(aead.seal(buf, 0, 1400, 8));
        }
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
        assertThrows(IndexOutOfBoundsException.class, () -> aead.seal(buf, 90, -20, 8));
        assertThrows(IllegalArgumentException.class, () -> aead.seal(buf, 0, 10, 17), "AAD longer than its room");
        buf.limit(50);
        assertThrows(IndexOutOfBoundsException.class, () -> aead.seal(buf, 0, 40, 8), "past the limit");
        EvpCbcHmac cbc = new EvpCbcHmac("AES-128-CBC", new byte[16], "SHA256", new byte[32], 16, true);
        assertThrows(IndexOutOfBoundsException.class, () -> cbc.randomIv(buf, 40));
        assertThrows(IllegalArgumentException.class, () -> cbc.seal(buf, 0, 16, 15, 0), "not block aligned");
        assertThrows(IllegalArgumentException.class, () -> new EvpAead("AES-128-GCM", new byte[15], true));
        assertThrows(IllegalArgumentException.class, () -> new EvpAead("NO-SUCH-CIPHER", new byte[16], true));
    }
}
