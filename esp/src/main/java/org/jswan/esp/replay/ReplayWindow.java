package org.jswan.esp.replay;

/**
 * Anti-replay window (RFC 4303 §3.4.3) as an RFC 6479 ring of 64-bit blocks, with ESN high-bits inference
 * (RFC 4303 Appendix A2.2). {@link #check} runs before decryption and changes nothing; {@link #update} runs only
 * after the ICV verified (strongSwan esp_context.c split).
 *
 * <p>Not thread-safe: owned by the one thread that receives the SA's packets (wireguard-go replay.Filter).
 */
public final class ReplayWindow {
    /** Returned by {@link #check} for a replayed, too old or invalid sequence number. */
    public static final long REJECT = -1L;
    public static final int DEFAULT_SIZE = 32;
    public static final int MAX_SIZE = 1 << 16;

    private final long[] blocks;
    private final int blockMask;
    private final int size;
    private final boolean esn;
    /** Highest authenticated sequence number (full 64 bits with ESN); 0 = none yet. */
    private long top;

    public ReplayWindow(final int size, final boolean esn) {
        this(size, esn, 0);
    }

    /**
     * A window whose top starts at {@code initialTop} with nothing marked below it (as {@code ip xfrm state ...
     * replay-seq} sets it): for manually keyed SAs that do not start at 1, and tests around 2^32 under ESN.
     */
    public ReplayWindow(final int size, final boolean esn, final long initialTop) {
        if (initialTop < 0 || !esn && initialTop > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("initial top " + initialTop + " outside the sequence space");
        }
        this.top = initialTop;
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("replay window " + size + " outside 1.." + MAX_SIZE);
        }
        this.size = size;
        this.esn = esn;
        // RFC 6479 §2: one spare block so the window can slide without clearing bits still inside it.
        int n = Integer.highestOneBit(((size + 63) >>> 6) + 1);
        if (n < ((size + 63) >>> 6) + 1) {
            n <<= 1;
        }
        this.blocks = new long[n];
        this.blockMask = n - 1;
        if (initialTop > 0) {
            blocks[(int) (initialTop >>> 6) & blockMask] |= 1L << (initialTop & 63); // the top itself was received
        }
    }

    public int size() {
        return size;
    }

    /** Highest sequence number accepted so far. */
    public long top() {
        return top;
    }

    /**
     * @param seqLow the 32-bit sequence number from the ESP header
     * @return the full sequence number (with inferred high bits under ESN), or {@link #REJECT}
     */
    public long check(final int seqLow) {
        long seq = infer(seqLow);
        if (seq == 0) {
            return REJECT; // RFC 4303 §3.3.3: the first packet has sequence number 1
        }
        if (seq > top) {
            return seq;
        }
        if (top - seq >= size) {
            return REJECT;
        }
        long block = blocks[(int) (seq >>> 6) & blockMask];
        return (block & (1L << (seq & 63))) != 0 ? REJECT : seq;
    }

    /** Marks {@code seq} (a value {@link #check} returned) as received; call only after the ICV verified. */
    public void update(final long seq) {
        if (seq > top) {
            long topBlock = top >>> 6;
            long newBlock = seq >>> 6;
            long diff = Math.min(newBlock - topBlock, blocks.length);
            for (long i = 1; i <= diff; i++) {
                blocks[(int) (topBlock + i) & blockMask] = 0;
            }
            top = seq;
        } else if (top - seq >= size) {
            return;
        }
        blocks[(int) (seq >>> 6) & blockMask] |= 1L << (seq & 63);
    }

    private long infer(final int seqLow) {
        long low = seqLow & 0xFFFF_FFFFL;
        if (!esn) {
            return low;
        }
        // RFC 4303 Appendix A2.2, with Tl/Th the halves of the highest accepted number and W the window.
        long tl = top & 0xFFFF_FFFFL;
        long th = top >>> 32;
        long w = size;
        long seqHigh;
        if (tl >= w - 1) {
            // Case A: the window lies within one subspace.
            seqHigh = low >= tl - w + 1 ? th : th + 1;
        } else {
            // Case B: the window spans two subspaces.
            long bottom = (tl - w + 1) & 0xFFFF_FFFFL;
            seqHigh = low >= bottom ? th - 1 : th;
            if (th == 0 && seqHigh < 0) {
                seqHigh = 0;
            }
        }
        if (seqHigh < 0) {
            return 0;
        }
        return (seqHigh << 32) | low;
    }
}
