package org.jswan.nativeio.tun;

import java.nio.ByteBuffer;

/**
 * GSO for the TUN read path (wireguard-go {@code gsoSplit}, Linux {@code tcp_gso_segment}): with TSO offload on, the
 * kernel hands the device TCP super-packets of up to 64 KB with a {@link VirtioNetHeader}; this cuts one into
 * {@code gso_size} segments, each with its own headers (sequence number, IPv4 length, ID and header checksum, IPv6
 * payload length, PSH/FIN only on the last, CWR only on the first) and a full TCP checksum, written into batch
 * slots. It also completes the checksum of a single packet that only asks for that ({@code NEEDS_CSUM}).
 *
 * <p>Stateless; absolute-index access, no allocation.
 */
final class TcpSegmenter {
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int CWR = 0x80;

    private TcpSegmenter() {
    }

    /** Header length (IP + TCP) of the TCP packet at {@code off}, or -1 if it is not one we can segment. */
    static int headerLength(final ByteBuffer b, final int off, final int len) {
        if (len < 40) {
            return -1;
        }
        int version = (b.get(off) & 0xff) >>> 4;
        int ip;
        if (version == 4) {
            ip = (b.get(off) & 0x0f) * 4;
            if (ip < 20 || b.get(off + 9) != 6) {
                return -1;
            }
        } else if (version == 6) {
            ip = 40;
            if (b.get(off + 6) != 6) {
                return -1;
            }
        } else {
            return -1;
        }
        if (ip + 20 > len) {
            return -1;
        }
        int tcp = ((b.get(off + ip + 12) & 0xff) >>> 4) * 4;
        return tcp < 20 || ip + tcp > len ? -1 : ip + tcp;
    }

    /** Number of segments the super-packet of {@code len} bytes with {@code hdr} header bytes splits into. */
    static int segments(final int len, final int hdr, final int gsoSize) {
        int payload = len - hdr;
        return payload <= 0 ? 1 : (payload + gsoSize - 1) / gsoSize;
    }

    /**
     * Writes segment {@code k} of the super-packet {@code [off, off + len)} of {@code src} to {@code dst} at
     * {@code at}; {@code srcSum} sums {@code src} (the device keeps one, so segmenting allocates nothing).
     *
     * @return the segment's length
     */
    static int segment(final ByteBuffer src, final OnesComplementSummer srcSum, final int off, final int len,
            final int hdr, final int gsoSize, final int k, final ByteBuffer dst, final int at) {
        int payloadStart = hdr + k * gsoSize;
        int payload = Math.min(gsoSize, len - payloadStart);
        int total = hdr + payload;
        boolean last = payloadStart + payload >= len;
        dst.put(at, src, off, hdr);
        dst.put(at + hdr, src, off + payloadStart, payload);
        boolean v4 = (src.get(off) & 0xff) >>> 4 == 4;
        int ip = v4 ? (src.get(off) & 0x0f) * 4 : 40;
        int t = at + ip;
        dst.putInt(t + 4, src.getInt(off + ip + 4) + k * gsoSize);
        int flags = src.get(off + ip + 13) & 0xff;
        if (!last) {
            flags &= ~(FIN | PSH);
        }
        if (k > 0) {
            flags &= ~CWR;
        }
        dst.put(t + 13, (byte) flags);
        long pseudo;
        if (v4) {
            dst.putShort(at + 2, (short) total);
            dst.putShort(at + 4, (short) (src.getShort(off + 4) + k)); // IPv4 ID increments per segment
            dst.putShort(at + 10, (short) 0);
            dst.putShort(at + 10, (short) ~fold(sum(dst, at, ip)));
            pseudo = sum(dst, at + 12, 8);
        } else {
            dst.putShort(at + 4, (short) (total - 40));
            pseudo = sum(dst, at + 8, 32);
        }
        dst.putShort(t + 16, (short) 0);
        // The payload starts at an even offset of the TCP header (lengths are multiples of 4): its sum just adds.
        long s = pseudo + 6 + (total - ip) + sum(dst, t, hdr - ip) + srcSum.sum(off + payloadStart, payload);
        dst.putShort(t + 16, (short) ~fold(s));
        return total;
    }

    /**
     * Completes a partial checksum ({@code NEEDS_CSUM}): the field at {@code start + offset} holds the pseudo-header
     * sum; the checksum covers everything from {@code start} to the end.
     */
    static boolean completeChecksum(final ByteBuffer b, final OnesComplementSummer bSum, final int off,
            final int len, final int start, final int offset) {
        if (start < 0 || start + offset + 2 > len) {
            return false;
        }
        b.putShort(off + start + offset, (short) ~fold(bSum.sum(off + start, len - start)));
        return true;
    }

    /** One's-complement sum of big-endian 16-bit words (a trailing odd byte is padded with zero), unfolded. */
    static long sum(final ByteBuffer b, final int off, final int len) {
        long s = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            s += b.getInt(off + i) & 0xFFFF_FFFFL;
        }
        // 2^16 = 1 in one's-complement arithmetic: a 16-bit word counts the same in either half of a 32-bit word.
        for (; i + 2 <= len; i += 2) {
            s += b.getShort(off + i) & 0xffff;
        }
        if (i < len) {
            s += (b.get(off + i) & 0xff) << 8; // odd length: pad with a zero byte
        }
        return s;
    }

    static int fold(final long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
