package org.jswan.nativeio.tun;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/** IPv4 + TCP packets (no options) with valid checksums, for tests that play a TCP peer through a TUN device. */
final class TcpPacket {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    private static final int PROTO_TCP = 6;

    private TcpPacket() {
    }

    static byte[] of(final InetAddress src, final InetAddress dst, final int sport, final int dport, final int seq,
            final int ack, final int flags, final byte[] payload) {
        int tcpLength = 20 + payload.length;
        byte[] p = new byte[20 + tcpLength];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put(0, (byte) 0x45).putShort(2, (short) p.length).put(8, (byte) 64).put(9, (byte) PROTO_TCP);
        b.put(12, src.getAddress()).put(16, dst.getAddress());
        b.putShort(10, (short) PingPacket.checksum(p, 0, 20, 0));
        b.putShort(20, (short) sport).putShort(22, (short) dport).putInt(24, seq).putInt(28, ack);
        b.put(32, (byte) 0x50).put(33, (byte) flags).putShort(34, (short) 65535);
        b.put(40, payload);
        long pseudo = 0;
        for (int i = 12; i < 20; i += 2) {
            pseudo += (p[i] & 0xff) << 8 | p[i + 1] & 0xff;
        }
        pseudo += PROTO_TCP + tcpLength;
        b.putShort(36, (short) PingPacket.checksum(p, 20, tcpLength, pseudo));
        return p;
    }

    /** True for a TCP packet from {@code src:sport} to {@code dst:dport} whose flags include all of {@code flags}. */
    static boolean is(final byte[] p, final InetAddress src, final InetAddress dst, final int sport, final int dport,
            final int flags) {
        if (p.length < 40 || p[0] != 0x45 || p[9] != PROTO_TCP) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(p);
        return b.getInt(12) == ByteBuffer.wrap(src.getAddress()).getInt()
                && b.getInt(16) == ByteBuffer.wrap(dst.getAddress()).getInt()
                && (b.getShort(20) & 0xffff) == sport && (b.getShort(22) & 0xffff) == dport
                && (p[33] & flags) == flags;
    }
}
