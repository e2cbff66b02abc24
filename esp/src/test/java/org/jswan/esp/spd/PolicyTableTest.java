package org.jswan.esp.spd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.jswan.esp.api.PolicySpec;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.esp.packet.InnerPacket;
import org.junit.jupiter.api.Test;

class PolicyTableTest {

    private static TrafficSelector ts(final String a, final int prefix) throws Exception {
        return TrafficSelector.of(InetAddress.getByName(a), prefix);
    }

    private static InnerPacket udp(final String src, final String dst, final int sport, final int dport)
            throws Exception {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putInt(0x4500_001c).putInt(0).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(InetAddress.getByName(src).getAddress()).put(InetAddress.getByName(dst).getAddress())
                .putShort((short) sport).putShort((short) dport).putInt(0x0008_0000);
        InnerPacket p = new InnerPacket();
        assertTrue(p.parse(b, 0, 28));
        return p;
    }

    @Test
    void mostSpecificPolicyWinsRegardlessOfInsertionOrder() throws Exception {
        PolicyTable t = PolicyTable.EMPTY
                .with(1, new PolicySpec(ts("0.0.0.0", 0), ts("0.0.0.0", 0), 10, 0))
                .with(2, new PolicySpec(ts("10.1.0.0", 16), ts("10.2.0.0", 16), 20, 0))
                .with(3, new PolicySpec(ts("10.1.0.0", 16), ts("10.2.3.0", 24), 30, 0))
                .with(4, new PolicySpec(ts("10.1.0.0", 16),
                        new TrafficSelector(InetAddress.getByName("10.2.3.0"), 24, 17, 53, 53), 40, 0));
        assertEquals(40, t.lookupOutbound(udp("10.1.0.1", "10.2.3.4", 1000, 53)));
        assertEquals(30, t.lookupOutbound(udp("10.1.0.1", "10.2.3.4", 1000, 54)));
        assertEquals(20, t.lookupOutbound(udp("10.1.0.1", "10.2.9.4", 1000, 53)));
        assertEquals(10, t.lookupOutbound(udp("192.168.0.1", "8.8.8.8", 1000, 53)));
        PolicyTable fewer = t.without(4).without(1);
        assertEquals(30, fewer.lookupOutbound(udp("10.1.0.1", "10.2.3.4", 1000, 53)));
        assertEquals(-1, fewer.lookupOutbound(udp("192.168.0.1", "8.8.8.8", 1000, 53)));
        assertEquals(4, t.size());
    }

    @Test
    void ipv6PrefixesAcrossTheLongBoundary() throws Exception {
        Selector s = new Selector(TrafficSelector.of(InetAddress.getByName("2001:db8:0:1:8000::"), 65));
        ByteBuffer b = ByteBuffer.allocate(48);
        b.putInt(0x6000_0000).putShort((short) 8).put((byte) 17).put((byte) 64)
                .put(InetAddress.getByName("2001:db8:0:1:8000::5").getAddress())
                .put(InetAddress.getByName("2001:db8:0:1::5").getAddress());
        InnerPacket p = new InnerPacket();
        assertTrue(p.parse(b, 0, 48));
        assertTrue(s.matchesSource(p));
        assertEquals(false, s.matchesDestination(p));
    }
}
