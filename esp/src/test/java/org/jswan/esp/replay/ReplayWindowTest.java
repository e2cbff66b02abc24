package org.jswan.esp.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    private static void accept(final ReplayWindow w, final long expectedFull, final int low) {
        long s = w.check(low);
        assertEquals(expectedFull, s, "check(" + Integer.toUnsignedString(low) + ")");
        w.update(s);
    }

    @Test
    void rejectsZeroDuplicatesAndTooOld() {
        ReplayWindow w = new ReplayWindow(32, false);
        assertEquals(ReplayWindow.REJECT, w.check(0));
        accept(w, 1, 1);
        assertEquals(ReplayWindow.REJECT, w.check(1));
        accept(w, 100, 100);
        assertEquals(ReplayWindow.REJECT, w.check(68), "100 - 68 = 32 is outside a 32 window");
        accept(w, 69, 69);
        assertEquals(ReplayWindow.REJECT, w.check(69));
        accept(w, 99, 99);
    }

    @Test
    void checkDoesNotChangeStateOnlyUpdateDoes() {
        ReplayWindow w = new ReplayWindow(64, false);
        assertEquals(5, w.check(5));
        assertEquals(5, w.check(5), "a packet that failed its ICV must not burn the number");
        w.update(5);
        assertEquals(ReplayWindow.REJECT, w.check(5));
    }

    @Test
    void window4096EdgesAndReordering() {
        ReplayWindow w = new ReplayWindow(4096, false);
        accept(w, 10_000, 10_000);
        assertEquals(10_000 - 4095, w.check(10_000 - 4095), "oldest number inside the window");
        assertEquals(ReplayWindow.REJECT, w.check(10_000 - 4096), "first number outside");
        for (int s = 10_000 - 4095; s < 10_000; s += 7) {
            accept(w, s, s);
            assertEquals(ReplayWindow.REJECT, w.check(s));
        }
        // A big jump clears every block; old bits must not leak into the new window.
        accept(w, 1_000_000, 1_000_000);
        for (int s = 1_000_000 - 4095; s < 1_000_000; s += 13) {
            assertEquals(s, w.check(s));
        }
        // Slide by exactly one block boundary.
        accept(w, 1_000_064, 1_000_064);
        assertEquals(ReplayWindow.REJECT, w.check(1_000_064 - 4096));
        assertEquals(1_000_064 - 4095, w.check(1_000_064 - 4095));
    }

    @Test
    void esnInfersHighBitsAcrossTheBoundary() {
        ReplayWindow w = new ReplayWindow(64, true);
        long base = 0xFFFF_FFF0L;
        accept(w, base, (int) base);
        // Wrap: low 5 now means 2^32 + 5 (Appendix A case A, seq below the window bottom -> next subspace).
        accept(w, (1L << 32) + 5, 5);
        // A late packet from before the wrap still maps to the old subspace (case B).
        accept(w, 0xFFFF_FFF5L, (int) 0xFFFF_FFF5L);
        assertEquals(ReplayWindow.REJECT, w.check((int) 0xFFFF_FFF5L));
        assertEquals(ReplayWindow.REJECT, w.check(5));
        accept(w, (1L << 32) + 6, 6);
        assertEquals(0xFFFF_FFFEL, w.check((int) 0xFFFF_FFFE), "inside the window, still in subspace 0");
        // Below the window bottom (case B): RFC 4303 A2.2 guesses the next subspace; the ICV then decides.
        assertEquals((1L << 32) | 0xFFFF_FF00L, w.check((int) 0xFFFF_FF00));
    }

    @Test
    void noEsnWrapIsRejectedAsOld() {
        ReplayWindow w = new ReplayWindow(32, false);
        accept(w, 0xFFFF_FFFFL, -1);
        assertEquals(ReplayWindow.REJECT, w.check(1));
    }

    @Test
    void sizeBounds() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(0, false));
        assertEquals(4096, new ReplayWindow(4096, false).size());
    }

    @Test
    void initialTopJustBelow2To32AcceptsTheWrapUnderEsn() {
        ReplayWindow w = new ReplayWindow(32, true, 0xFFFF_FFF0L);
        assertEquals(ReplayWindow.REJECT, w.check(0xFFFF_FFF0), "the initial top counts as received");
        assertEquals(0xFFFF_FFF0L - 31, w.check(0xFFFF_FFF0 - 31), "inside the window below the initial top");
        accept(w, 0xFFFF_FFFFL, 0xFFFF_FFFF);
        accept(w, 1L << 32, 0); // low 0 with high 1 (RFC 4303 §2.2.1: only the 64-bit value 0 is never sent)
        accept(w, (1L << 32) + 1, 1);
        assertEquals(ReplayWindow.REJECT, w.check(0xFFFF_FFFF), "replayed across the boundary");
    }

    @Test
    void initialTopBeyond32BitsNeedsEsn() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(32, false, 1L << 32));
    }
}
