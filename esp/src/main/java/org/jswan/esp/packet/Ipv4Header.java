package org.jswan.esp.packet;

import java.nio.ByteBuffer;

/**
 * IPv4 header writer and checksum (RFC 791) for transport mode, where ESP rewrites the original header in place.
 *
 * <pre>
 *  0 ver/ihl | 1 tos | 2-3 total length | 4-5 id | 6-7 flags/frag | 8 ttl | 9 protocol | 10-11 checksum
 * 12-15 source | 16-19 destination
 * </pre>
 */
public final class Ipv4Header {
    public static final int LENGTH = 20;
    public static final int TOTAL_LENGTH_OFFSET = 2;
    public static final int PROTOCOL_OFFSET = 9;
    public static final int CHECKSUM_OFFSET = 10;

    private Ipv4Header() {
    }

    /** Writes a minimal header (no options, DF clear, TTL 64). */
    public static void write(final ByteBuffer b, final int off, final int totalLength, final int protocol,
            final byte[] src, final byte[] dst) {
        b.putInt(off, 0x4500_0000 | totalLength);
        b.putInt(off + 4, 0);
        b.put(off + 8, (byte) 64);
        b.put(off + 9, (byte) protocol);
        b.putShort(off + 10, (short) 0);
        for (int i = 0; i < 4; i++) {
            b.put(off + 12 + i, src[i]);
            b.put(off + 16 + i, dst[i]);
        }
        updateChecksum(b, off, LENGTH);
    }

    /** Recomputes the header checksum over {@code headerLength} bytes. */
    public static void updateChecksum(final ByteBuffer b, final int off, final int headerLength) {
        b.putShort(off + CHECKSUM_OFFSET, (short) 0);
        int sum = 0;
        for (int i = 0; i < headerLength; i += 2) {
            sum += b.getShort(off + i) & 0xFFFF;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        b.putShort(off + CHECKSUM_OFFSET, (short) ~sum);
    }
}
