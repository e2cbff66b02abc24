package org.jswan.nativeio.tun;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds and checks ICMP echo packets for TUN tests (wireguard-go's {@code tuntest.Ping}): IPv4 (RFC 791 header,
 * RFC 792 echo) and IPv6 (RFC 8200 header, RFC 4443 echo with the RFC 8200 §8.1 pseudo-header checksum).
 */
public final class PingPacket {
    public static final int ICMP_ECHO_REQUEST = 8;
    public static final int ICMP_ECHO_REPLY = 0;
    public static final int ICMPV6_ECHO_REQUEST = 128;
    public static final int ICMPV6_ECHO_REPLY = 129;

    private PingPacket() {
    }

    /** An echo request from {@code src} to {@code dst} (both of one family). */
    public static byte[] echoRequest(final InetAddress src, final InetAddress dst, final int id, final int seq,
            final byte[] payload) {
        return src instanceof Inet4Address ? echoV4(src, dst, id, seq, payload) : echoV6(src, dst, id, seq, payload);
    }

    private static byte[] echoV4(final InetAddress src, final InetAddress dst, final int id, final int seq,
            final byte[] payload) {
        int icmpLen = 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(20 + icmpLen);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + icmpLen)).putShort((short) seq)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 1).putShort((short) 0)
                .put(src.getAddress()).put(dst.getAddress());
        b.putShort(10, (short) checksum(b.array(), 0, 20, 0));
        b.put((byte) ICMP_ECHO_REQUEST).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq)
                .put(payload);
        b.putShort(22, (short) checksum(b.array(), 20, icmpLen, 0));
        return b.array();
    }

    private static byte[] echoV6(final InetAddress src, final InetAddress dst, final int id, final int seq,
            final byte[] payload) {
        int icmpLen = 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(40 + icmpLen);
        b.putInt(0x60000000).putShort((short) icmpLen).put((byte) 58).put((byte) 64)
                .put(src.getAddress()).put(dst.getAddress());
        b.put((byte) ICMPV6_ECHO_REQUEST).put((byte) 0).putShort((short) 0).putShort((short) id)
                .putShort((short) seq).put(payload);
        b.putShort(42, (short) checksum(b.array(), 40, icmpLen, pseudoHeaderSumV6(b.array(), icmpLen)));
        return b.array();
    }

    /** RFC 8200 §8.1: source, destination, upper-layer length, next header 58. */
    private static long pseudoHeaderSumV6(final byte[] packet, final int upperLength) {
        long sum = 0;
        for (int i = 8; i < 40; i += 2) {
            sum += (packet[i] & 0xff) << 8 | packet[i + 1] & 0xff;
        }
        return sum + upperLength + 58;
    }

    /** RFC 1071 Internet checksum of {@code [off, off + len)} with {@code initial} already added. */
    public static int checksum(final byte[] data, final int off, final int len, final long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += (data[off + i] & 0xff) << 8 | data[off + i + 1] & 0xff;
        }
        if ((len & 1) != 0) {
            sum += (data[off + len - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /**
     * True if {@code p} is a well-formed echo reply (valid checksums) from {@code src} to {@code dst} with this id,
     * sequence number and payload.
     */
    public static boolean isEchoReply(final byte[] p, final InetAddress src, final InetAddress dst, final int id,
            final int seq, final byte[] payload) {
        boolean v4 = src instanceof Inet4Address;
        int hdr = v4 ? 20 : 40;
        int alen = v4 ? 4 : 16;
        if (p.length != hdr + 8 + payload.length || (p[0] >> 4 & 0xf) != (v4 ? 4 : 6)) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(p);
        byte[] s = new byte[alen];
        byte[] d = new byte[alen];
        b.get(v4 ? 12 : 8, s).get(v4 ? 16 : 24, d);
        if (!Arrays.equals(s, src.getAddress()) || !Arrays.equals(d, dst.getAddress())) {
            return false;
        }
        int type = p[hdr] & 0xff;
        if (type != (v4 ? ICMP_ECHO_REPLY : ICMPV6_ECHO_REPLY) || (b.getShort(hdr + 4) & 0xffff) != id
                || (b.getShort(hdr + 6) & 0xffff) != seq) {
            return false;
        }
        for (int i = 0; i < payload.length; i++) {
            if (p[hdr + 8 + i] != payload[i]) {
                return false;
            }
        }
        long initial = v4 ? 0 : pseudoHeaderSumV6(p, p.length - 40);
        boolean ipOk = !v4 || checksum(p, 0, 20, 0) == 0;
        return ipOk && checksum(p, hdr, p.length - hdr, initial) == 0;
    }
}
