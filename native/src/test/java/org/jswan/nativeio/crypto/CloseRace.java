package org.jswan.nativeio.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The close protocol every in-place AEAD context keeps: a control thread closes the context while a data thread
 * seals in a loop; the data thread sees the close (seal returns false) and nothing is used after it was freed.
 */
final class CloseRace {
    private CloseRace() {
    }

    static void closeWhileSealing(final Supplier<InPlaceAead> contexts) throws InterruptedException {
        for (int round = 0; round < 50; round++) {
            InPlaceAead aead = contexts.get();
            ByteBuffer buf = ByteBuffer.allocateDirect(1500);
            CountDownLatch running = new CountDownLatch(1);
            Thread data = new Thread(() -> {
                running.countDown();
                while (aead.seal(buf, 0, 1400, 8)) {
                    Thread.onSpinWait();
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
}
