package org.jswan.esp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jswan.esp.api.DropReason;
import org.jswan.nativeio.tun.ChannelTun;
import org.jswan.nativeio.tun.PacketBatch;
import org.junit.jupiter.api.Test;

/** How a receiver fills the batch: {@link InboundProcessor#reserve} (AllocationTest shows it allocates nothing). */
class InboundProcessorTest {
    @Test
    void reserveHandsOutAViewOfTheSlotAndRefusesWhatDoesNotFit() throws Exception {
        EspDataPlane plane = new EspDataPlane();
        InboundProcessor rx = new InboundProcessor(new ChannelTun("t", 1400, 4), plane, InboundProcessor.Arrival.UDP, 4, 100);
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
}
