package org.jswan.esp.packet;

import java.nio.ByteBuffer;

/**
 * IPv6 fixed header writer (RFC 8200 §3): version/class/flow (4), payload length (2), next header, hop limit,
 * source (16), destination (16).
 */
public final class Ipv6Header {
    public static final int LENGTH = 40;
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    public static final int NEXT_HEADER_OFFSET = 6;

    private Ipv6Header() {
    }

    public static void write(final ByteBuffer b, final int off, final int payloadLength, final int nextHeader,
            final byte[] src, final byte[] dst) {
        b.putInt(off, 0x6000_0000);
        b.putShort(off + 4, (short) payloadLength);
        b.put(off + 6, (byte) nextHeader);
        b.put(off + 7, (byte) 64);
        for (int i = 0; i < 16; i++) {
            b.put(off + 8 + i, src[i]);
            b.put(off + 24 + i, dst[i]);
        }
    }
}
