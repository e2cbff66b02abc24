package org.jswan.nativeio.tun;

import java.nio.ByteBuffer;

/**
 * {@code struct virtio_net_hdr} (linux/virtio_net.h), the 10-byte header in front of each packet on a TUN fd opened
 * with {@code IFF_VNET_HDR}. Fields are little-endian (virtio 1.0, which TUN uses on little-endian hosts).
 * Absolute-index reads over a slot, no allocation.
 *
 * <pre>
 *  0      1      2             4             6             8             10
 *  +------+------+-------------+-------------+-------------+-------------+
 *  |flags |gso_  | hdr_len     | gso_size    | csum_start  | csum_offset |
 *  |      |type  |             |             |             |             |
 *  +------+------+-------------+-------------+-------------+-------------+
 * </pre>
 */
public final class VirtioNetHeader {
    public static final int LENGTH = 10;

    public static final int FLAG_NEEDS_CSUM = 1;
    public static final int FLAG_DATA_VALID = 2;

    public static final int GSO_NONE = 0;
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_UDP = 3;
    public static final int GSO_TCPV6 = 4;
    public static final int GSO_UDP_L4 = 5;
    public static final int GSO_ECN = 0x80;

    private VirtioNetHeader() {
    }

    public static int flags(final ByteBuffer b, final int at) {
        return b.get(at) & 0xff;
    }

    public static int gsoType(final ByteBuffer b, final int at) {
        return b.get(at + 1) & 0xff;
    }

    public static int gsoSize(final ByteBuffer b, final int at) {
        return (b.get(at + 4) & 0xff) | (b.get(at + 5) & 0xff) << 8;
    }

    public static int csumStart(final ByteBuffer b, final int at) {
        return (b.get(at + 6) & 0xff) | (b.get(at + 7) & 0xff) << 8;
    }

    public static int csumOffset(final ByteBuffer b, final int at) {
        return (b.get(at + 8) & 0xff) | (b.get(at + 9) & 0xff) << 8;
    }

    /** Writes the header of a plain packet: no checksum offload, no segmentation. */
    public static void putNone(final ByteBuffer b, final int at) {
        for (int i = 0; i < LENGTH; i++) {
            b.put(at + i, (byte) 0);
        }
    }

    /** Writes a header asking the kernel to finish a checksum and, for a GSO type, to segment (little-endian). */
    public static void put(final ByteBuffer b, final int at, final int flags, final int gsoType, final int hdrLen,
            final int gsoSize, final int csumStart, final int csumOffset) {
        b.put(at, (byte) flags);
        b.put(at + 1, (byte) gsoType);
        putLe16(b, at + 2, hdrLen);
        putLe16(b, at + 4, gsoSize);
        putLe16(b, at + 6, csumStart);
        putLe16(b, at + 8, csumOffset);
    }

    private static void putLe16(final ByteBuffer b, final int at, final int v) {
        b.put(at, (byte) v);
        b.put(at + 1, (byte) (v >>> 8));
    }
}
