package org.jswan.esp.engine;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Builds ping-like ICMP / ICMPv6 echo requests with valid IPv4 header checksums for the data-plane tests. */
final class TestPackets {
    private TestPackets() {
    }

    static byte[] ping(final String src, final String dst, final int seq, final int payloadLength) throws Exception {
        byte[] s = InetAddress.getByName(src).getAddress();
        byte[] d = InetAddress.getByName(dst).getAddress();
        int icmpLen = 8 + payloadLength;
        ByteBuffer b;
        if (s.length == 4) {
            b = ByteBuffer.allocate(20 + icmpLen);
            b.putInt(0x4500_0000 | (20 + icmpLen)).putInt(0x1234_0000 | seq).put((byte) 64).put((byte) 1)
                    .putShort((short) 0).put(s).put(d);
            int sum = 0;
            for (int i = 0; i < 20; i += 2) {
                sum += b.getShort(i) & 0xFFFF;
            }
            sum = (sum & 0xFFFF) + (sum >>> 16);
            sum = (sum & 0xFFFF) + (sum >>> 16);
            b.putShort(10, (short) ~sum);
            b.put((byte) 8).put((byte) 0);
        } else {
            b = ByteBuffer.allocate(40 + icmpLen);
            b.putInt(0x6000_0000).putShort((short) icmpLen).put((byte) 58).put((byte) 64).put(s).put(d);
            b.put((byte) 128).put((byte) 0);
        }
        b.putShort((short) 0).putShort((short) 0x77).putShort((short) seq);
        for (int i = 0; i < payloadLength; i++) {
            b.put((byte) i);
        }
        return b.array();
    }
}
