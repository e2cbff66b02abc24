package org.jswan.nativeio.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class PingPacketTest {
    @Test
    void checksumMatchesRfc1071Example() {
        // RFC 1071 §3: the bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2 (ones' complement), checksum is its complement.
        byte[] data = HexFormat.of().parseHex("0001f203f4f5f6f7");
        assertEquals(~0xddf2 & 0xffff, PingPacket.checksum(data, 0, data.length, 0));
    }

    @Test
    void builtRequestsCarryValidChecksums() throws Exception {
        InetAddress a = InetAddress.getByName("198.18.0.2");
        InetAddress b = InetAddress.getByName("198.18.0.1");
        byte[] p = PingPacket.echoRequest(a, b, 1, 2, new byte[5]);
        assertEquals(0, PingPacket.checksum(p, 0, 20, 0));
        assertEquals(0, PingPacket.checksum(p, 20, p.length - 20, 0));
        assertFalse(PingPacket.isEchoReply(p, a, b, 1, 2, new byte[5]), "a request is not a reply");
    }
}
