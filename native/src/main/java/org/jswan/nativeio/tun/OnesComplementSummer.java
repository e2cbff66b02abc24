package org.jswan.nativeio.tun;

import com.kenai.jffi.MemoryIO;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The one's-complement sum of RFC 1071 over regions of one buffer, for the TCP checksums that TSO segmentation must
 * fill in: eight bytes per read, four independent sums (one chain of adds would wait on the previous add). On a
 * little-endian CPU a direct buffer is read straight from its memory through jffi, about twice as fast on JDK 17 as
 * {@code ByteBuffer.getLong}, which checks the index and the buffer's scope on every read; otherwise through a
 * little-endian view. Summing byte-swapped words gives the byte-swapped sum (RFC 1071 §2(B)), so the folded result
 * is swapped back.
 *
 * <p>Every region is checked against the buffer's capacity before the first read: a raw read past it would read
 * whatever memory follows.
 */
final class OnesComplementSummer {
    private static final MemoryIO MEMORY = MemoryIO.getInstance();
    /** CPUs where unaligned 8-byte loads are cheap and legal (a segment's payload sits at any offset). */
    private static final Set<String> UNALIGNED_OK = Set.of("amd64", "x86_64", "aarch64");
    /** Raw reads assume little-endian words and unaligned loads; elsewhere the view reads. */
    private static final boolean RAW_READS = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
            && UNALIGNED_OK.contains(System.getProperty("os.arch", "").toLowerCase(Locale.ROOT));

    /**
     * Keeps the memory reachable while {@link #address} is used (see the fence in {@link #sum}); also reads the
     * fallback and the tails, over the whole capacity.
     */
    private final ByteBuffer le;
    /** The buffer's first byte, or 0 to read through {@link #le}. */
    private final long address;
    private final int capacity;

    OnesComplementSummer(final ByteBuffer buf) {
        this.le = buf.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN);
        this.capacity = buf.capacity();
        this.address = RAW_READS && buf.isDirect() ? MEMORY.getDirectBufferAddress(buf) : 0;
    }

    /** The sum of the big-endian 16-bit words of {@code [off, off + len)}, a last odd byte padded with zero. */
    int sum(final int off, final int len) { // folded to 16 bits
        Objects.checkFromIndexSize(off, len, capacity);
        try {
            return sumChecked(off, len);
        } finally {
            Reference.reachabilityFence(le); // the raw loop uses only the address: the memory must outlive it
        }
    }

    private int sumChecked(final int off, final int len) {
        long s0 = 0;
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        int i = 0;
        // Each step adds at most 2^33 to a sum, so 64 KB cannot overflow a long.
        if (address != 0) {
            long at = address + off;
            for (; len - i >= 32; i += 32) {
                long a = MEMORY.getLong(at + i);
                long b = MEMORY.getLong(at + i + 8);
                long c = MEMORY.getLong(at + i + 16);
                long d = MEMORY.getLong(at + i + 24);
                s0 += (a & 0xFFFF_FFFFL) + (a >>> 32);
                s1 += (b & 0xFFFF_FFFFL) + (b >>> 32);
                s2 += (c & 0xFFFF_FFFFL) + (c >>> 32);
                s3 += (d & 0xFFFF_FFFFL) + (d >>> 32);
            }
        } else {
            for (; len - i >= 32; i += 32) {
                long a = le.getLong(off + i);
                long b = le.getLong(off + i + 8);
                long c = le.getLong(off + i + 16);
                long d = le.getLong(off + i + 24);
                s0 += (a & 0xFFFF_FFFFL) + (a >>> 32);
                s1 += (b & 0xFFFF_FFFFL) + (b >>> 32);
                s2 += (c & 0xFFFF_FFFFL) + (c >>> 32);
                s3 += (d & 0xFFFF_FFFFL) + (d >>> 32);
            }
        }
        long s = s0 + s1 + s2 + s3;
        for (; len - i >= 8; i += 8) {
            long w = le.getLong(off + i);
            s += (w & 0xFFFF_FFFFL) + (w >>> 32);
        }
        for (; i < len; i++) {
            int v = le.get(off + i) & 0xff;
            s += (i & 1) == 0 ? v : v << 8; // even offsets are the high byte of a big-endian word: low here
        }
        int f = TcpSegmenter.fold(s);
        return ((f & 0xff) << 8) | (f >>> 8);
    }
}
