package org.jswan.nativeio.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The close protocol every in-place AEAD context keeps: a control thread closes the context while a data thread
 * seals in a loop; the data thread sees the close (seal returns false), every seal that returned true before it
 * produced the right bytes (a context wiped or freed under a running call would not), and nothing is used after it
 * was freed.
 */
final class CloseRace {
    private static final int LENGTH = 1400;

    private CloseRace() {
    }

    static void closeWhileSealing(final Supplier<InPlaceAead> contexts) throws InterruptedException {
        ByteBuffer expected = ByteBuffer.allocateDirect(LENGTH + InPlaceAead.TAG_LENGTH);
        try (InPlaceAead reference = contexts.get()) {
            assertTrue(reference.seal(expected, 0, LENGTH, 8), "the reference seal");
        }
        for (int round = 0; round < 50; round++) {
            InPlaceAead aead = contexts.get();
            ByteBuffer buf = ByteBuffer.allocateDirect(LENGTH + InPlaceAead.TAG_LENGTH);
            AtomicInteger sealed = new AtomicInteger();
            AtomicInteger wrong = new AtomicInteger();
            CountDownLatch running = new CountDownLatch(1);
            Thread data = new Thread(() -> {
                running.countDown();
                while (true) {
                    for (int i = 0; i < LENGTH + InPlaceAead.TAG_LENGTH; i += 8) {
                        buf.putLong(i, 0); // the same plaintext, nonce and AAD (zeros) every time
                    }
                    if (!aead.seal(buf, 0, LENGTH, 8)) {
                        return;
                    }
                    sealed.incrementAndGet();
                    if (!buf.equals(expected)) {
                        wrong.incrementAndGet();
                    }
                }
            });
            data.start();
            running.await();
            Thread.sleep(round % 5);
            aead.close();
            data.join(5000);
            assertFalse(data.isAlive(), "the data thread saw the close");
            assertEquals(0, wrong.get(), "seals with wrong bytes out of " + sealed.get());
            assertFalse(aead.seal(buf, 0, LENGTH, 8));
        }
    }
}
