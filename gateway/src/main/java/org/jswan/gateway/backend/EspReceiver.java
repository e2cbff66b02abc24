package org.jswan.gateway.backend;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jswan.esp.engine.EspDataPlane;
import org.jswan.esp.engine.InboundProcessor;
import org.jswan.nativeio.tun.PacketBatch;
import org.jswan.nativeio.tun.TunDevice;

/**
 * Stages ESP datagrams received on the NAT-T socket and decapsulates them a batch at a time, on one thread only: the
 * {@link NatTReceiveLoop}'s, or the socket's event loop when Netty reads ESP (the end of a recvmmsg batch, or a full
 * batch, ends a batch).
 */
public final class EspReceiver {
    private static final System.Logger ESP = System.getLogger("ESP");
    private final InboundProcessor processor;
    private final PacketBatch batch;
    private int staged;

    /** @param arrival {@code ANY} when this thread also reads the plain ESP sockets, else {@code UDP} */
    public EspReceiver(final TunDevice tun, final EspDataPlane plane, final InboundProcessor.Arrival arrival,
            final int batchSize, final int maxDatagram) {
        this.processor = new InboundProcessor(tun, plane, arrival, batchSize, maxDatagram);
        this.batch = processor.batch();
    }

    /**
     * Decapsulates what a plain ESP socket received straight into the batch ({@link #batch()}, at
     * {@link InboundProcessor#HEADROOM}); call it with nothing staged ({@link #flush} first).
     */
    public void processReceived(final int n) {
        if (staged != 0) {
            throw new IllegalStateException(staged + " datagrams still staged");
        }
        try {
            processor.process(n);
        } catch (IOException e) {
            ESP.log(System.Logger.Level.WARNING, "writing to the TUN device failed: " + e.getMessage());
        }
    }

    /** The processor's batch, for a plain ESP socket to receive into ({@link #processReceived}). */
    public PacketBatch batch() {
        return batch;
    }

    /** Copies one datagram (SPI first) into the batch. */
    public void stage(final ByteBuf datagram) {
        // Straight into the slot: datagram.nioBuffer() (or internalNioBuffer() of a slice) makes a new view each time.
        ByteBuffer slot = processor.reserve(staged, datagram.readableBytes());
        if (slot != null) {
            datagram.getBytes(datagram.readerIndex(), slot);
        }
        staged(slot);
    }

    /** Copies the datagram {@code [off, off + len)} of {@code data} (SPI first) into the batch. */
    public void stage(final ByteBuffer data, final int off, final int len) {
        ByteBuffer slot = processor.reserve(staged, len);
        if (slot != null) {
            slot.put(slot.position(), data, off, len);
        }
        staged(slot);
    }

    /** Counts a filled slot (null: the datagram did not fit and was counted as dropped); a full batch is flushed. */
    private void staged(final ByteBuffer slot) {
        if (slot != null && ++staged == batch.capacity()) {
            flush();
        }
    }

    /** Decapsulates what is staged and writes it to the TUN device. */
    public void flush() {
        if (staged == 0) {
            return;
        }
        int n = staged;
        staged = 0;
        try {
            processor.process(n);
        } catch (IOException e) {
            ESP.log(System.Logger.Level.WARNING, "writing to the TUN device failed: " + e.getMessage());
        }
    }
}
