package org.jswan.esp.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.jswan.esp.api.Direction;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.Framing;
import org.jswan.esp.api.Mode;
import org.jswan.esp.api.SaSpec;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.esp.crypto.EspTransformFactory;
import org.jswan.esp.packet.InnerPacket;
import org.jswan.esp.sa.SecurityAssociation;
import org.junit.jupiter.api.Test;

class OutboundInboundTest {
    private static final byte[] KEY = new byte[20];

    private static SecurityAssociation sa(final Direction d, final EspEndpoint ep, final int tfc) throws Exception {
        TrafficSelector a = TrafficSelector.of(InetAddress.getByName("10.1.0.0"), 16);
        TrafficSelector b = TrafficSelector.of(InetAddress.getByName("10.2.0.0"), 16);
        return new SecurityAssociation(new SaSpec(0x4242, d, Mode.TUNNEL, 1, ep,
                EspTransformFactory.ENCR_AES_GCM_16, 0, 128, KEY, null, false, 64, null, null,
                d == Direction.OUTBOUND ? List.of(a) : List.of(b), d == Direction.OUTBOUND ? List.of(b) : List.of(a),
                tfc));
    }

    @Test
    void ipFramingWritesOuterIpv6AndUdpEncapHeaders() throws Exception {
        EspEndpoint ep = TwoPeerTest.ep("2001:db8::1", "2001:db8::2");
        SecurityAssociation out = sa(Direction.OUTBOUND, ep, 0);
        byte[] inner = TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 30);
        ByteBuffer buf = ByteBuffer.allocateDirect(96 + inner.length + 64);
        buf.put(96, inner);
        InnerPacket p = new InnerPacket();
        assertTrue(p.parse(buf, 96, inner.length));
        Outbound o = new Outbound(Framing.IP);
        assertNull(o.encap(out, buf, 96, inner.length, p));
        int off = o.resultOffset();
        assertEquals(6, (buf.get(off) & 0xFF) >>> 4);
        assertEquals(17, buf.get(off + 6), "next header UDP (RFC 3948)");
        assertEquals(o.resultLength() - 40, buf.getShort(off + 4) & 0xFFFF);
        assertEquals(4500, buf.getShort(off + 40) & 0xFFFF);
        assertEquals(4500, buf.getShort(off + 42) & 0xFFFF);
        assertEquals(o.resultLength() - 40, buf.getShort(off + 44) & 0xFFFF);
        assertEquals(0, buf.getShort(off + 46), "UDP checksum 0");
        assertEquals(0x4242, buf.getInt(off + 48));

        SecurityAssociation in = sa(Direction.INBOUND, TwoPeerTest.ep("2001:db8::2", "2001:db8::1"), 0);
        Inbound i = new Inbound();
        assertNull(i.decap(in, buf, off + 48, o.resultLength() - 48));
        byte[] got = new byte[i.resultLength()];
        buf.get(i.resultOffset(), got);
        assertArrayEquals(inner, got);
    }

    @Test
    void tfcPaddingIsAddedAndTrimmed() throws Exception {
        EspEndpoint ep = TwoPeerTest.ep("192.0.2.1", "192.0.2.2");
        SecurityAssociation out = sa(Direction.OUTBOUND, ep, 400);
        byte[] inner = TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 30);
        ByteBuffer buf = ByteBuffer.allocateDirect(96 + 400 + 64);
        buf.put(96, inner);
        InnerPacket p = new InnerPacket();
        assertTrue(p.parse(buf, 96, inner.length));
        Outbound o = new Outbound();
        assertNull(o.encap(out, buf, 96, inner.length, p));
        assertEquals(8 + 8 + 400 + 4 + 16, o.resultLength(), "padded to 400, then 2 pad + 2 trailer");
        Inbound i = new Inbound();
        assertNull(i.decap(sa(Direction.INBOUND, TwoPeerTest.ep("192.0.2.2", "192.0.2.1"), 0), buf,
                o.resultOffset(), o.resultLength()));
        assertEquals(inner.length, i.resultLength());
    }

    @Test
    void garbageNeverThrowsAndIsCounted() throws Exception {
        SecurityAssociation in = sa(Direction.INBOUND, TwoPeerTest.ep("192.0.2.2", "192.0.2.1"), 0);
        Inbound i = new Inbound();
        Random r = new Random(42);
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        for (int n = 0; n < 2000; n++) {
            int len = r.nextInt(200);
            for (int k = 0; k < len; k++) {
                buf.put(64 + k, (byte) r.nextInt());
            }
            buf.putInt(68, 1 + r.nextInt(1000));
            DropReason d = i.decap(in, buf, 64, len);
            assertNotNull(d);
        }
    }

    @Test
    void noRoomIsADropNotACrash() throws Exception {
        SecurityAssociation out = sa(Direction.OUTBOUND, TwoPeerTest.ep("192.0.2.1", "192.0.2.2"), 0);
        byte[] inner = TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 30);
        ByteBuffer buf = ByteBuffer.allocateDirect(4 + inner.length + 64);
        buf.put(4, inner);
        InnerPacket p = new InnerPacket();
        assertTrue(p.parse(buf, 4, inner.length));
        assertEquals(DropReason.NO_ROOM, new Outbound().encap(out, buf, 4, inner.length, p));
    }
}
