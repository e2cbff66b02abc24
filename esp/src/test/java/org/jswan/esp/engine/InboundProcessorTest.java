package org.jswan.esp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.nativeio.tun.ChannelTun;
import org.jswan.nativeio.tun.PacketBatch;
import org.junit.jupiter.api.Test;

/** How a receiver fills the batch: {@link InboundProcessor#reserve} (AllocationTest shows it allocates nothing). */
class InboundProcessorTest {
    @Test
    void reserveHandsOutAViewOfTheSlotAndRefusesWhatDoesNotFit() throws Exception {
        EspDataPlane plane = new EspDataPlane();
        InboundProcessor rx = new InboundProcessor(new ChannelTun("t", 1400, 4), plane, InboundProcessor.Arrival.UDP, 4,
                100);
        PacketBatch batch = rx.batch();
        ByteBuffer slot = batch.slot(1);
        int position = slot.position();
        int limit = slot.limit();

        ByteBuffer view = rx.reserve(1, 100);
        assertEquals(InboundProcessor.HEADROOM, view.position());
        assertEquals(100, view.remaining());
        byte[] datagram = new byte[100];
        Arrays.fill(datagram, (byte) 7);
        view.put(datagram);
        assertEquals(InboundProcessor.HEADROOM, batch.offset(1));
        assertEquals(100, batch.length(1));
        assertEquals(7, slot.get(InboundProcessor.HEADROOM + 99));
        assertEquals(position, slot.position(), "the slot's own position is not the caller's to move");
        assertEquals(limit, slot.limit());
        assertSame(view, rx.reserve(1, 10), "one view per slot, reused");
        assertEquals(10, view.remaining());

        assertNull(rx.reserve(1, 101), "larger than the slot after the headroom");
        assertNull(rx.reserve(4, 1), "past the batch");
        assertNull(rx.reserve(0, -1));
        rx.process(0); // publishes the counters
        assertEquals(3, plane.dropCounters().get(DropReason.MALFORMED));
    }

    /**
     * Which SA takes packets that came which way: with one reader for all sockets any SA takes both kinds (RFC 7296
     * §2.23); with several, its own encapsulation, and for plain ESP its own IP version.
     */
    @Test
    void anArrivalAcceptsExactlyTheSasNegotiatedForIt() throws Exception {
        InetAddress v4 = InetAddress.getByName("192.0.2.1");
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        EspEndpoint udp4 = endpoint(v4, true);
        EspEndpoint udp6 = endpoint(v6, true);
        EspEndpoint plain4 = endpoint(v4, false);
        EspEndpoint plain6 = endpoint(v6, false);
        assertEquals(List.of(true, true, false, false), accepts(InboundProcessor.Arrival.UDP, udp4, udp6,
                plain4, plain6));
        assertEquals(List.of(false, false, true, false), accepts(InboundProcessor.Arrival.PLAIN_IPV4, udp4,
                udp6, plain4, plain6));
        assertEquals(List.of(false, false, false, true), accepts(InboundProcessor.Arrival.PLAIN_IPV6, udp4,
                udp6, plain4, plain6));
        assertEquals(List.of(true, true, true, true), accepts(InboundProcessor.Arrival.ANY, udp4, udp6, plain4,
                plain6));
    }

    private static EspEndpoint endpoint(final InetAddress a, final boolean udp) {
        int port = udp ? 4500 : 0;
        return new EspEndpoint(new InetSocketAddress(a, port),
                new InetSocketAddress(a, port), udp);
    }

    private static List<Boolean> accepts(final InboundProcessor.Arrival arrival,
            final EspEndpoint... endpoints) {
        List<Boolean> out = new ArrayList<>();
        for (EspEndpoint e : endpoints) {
            out.add(arrival.accepts(e));
        }
        return out;
    }
}
