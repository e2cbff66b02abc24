package org.jswan.esp.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.sa.SadSnapshot;
import org.jswan.esp.sa.SecurityAssociation;
import org.jswan.nativeio.tun.PacketBatch;
import org.jswan.nativeio.tun.TunDevice;

/**
 * The inbound path, on the thread that reads one socket (the NAT-T socket's "jswan-esp-rx", or a raw ESP socket's),
 * one batch per {@link #process}:
 *
 * <pre>
 * 1. Receive      the gateway stages received ESP datagrams (SPI first: the UDP payload with the RFC 3948 non-ESP
 *                 marker and keepalives already split off, or plain ESP after its IP header) into {@link #batch()}
 *                 at {@link #HEADROOM}, then calls process(n)
 * 2. Snapshot     SadSnapshot read once (volatile) for the whole batch
 * 3. SA lookup    SPI -> inbound SA (IntObjectHashMap, no boxing); unknown SPI: drop NO_SA; an SA that does not
 *                 take its packets the way this processor's came ({@link Arrival}): drop WRONG_TRANSPORT
 * 4. Replay       ReplayWindow.check(seq) before any crypto; replayed or too old: drop REPLAY
 * 5. Decrypt      transform.open in place: ICV verify + decrypt; failure: drop AUTH_FAILED
 * 6. Replay upd.  ReplayWindow.update(seq) only now
 * 7. Trailer      padding 1,2,3.. checked, next header by mode; transport mode rebuilds the IP header in front
 * 8. Policy       inner packet against the SA's selectors; outside: drop POLICY_MISMATCH
 * 9. Compact      kept packets become slots 0..n-1
 * 10. TUN write   TunDevice.write(batch) once per batch
 * 11. Lifetimes   each SA touched checks its marks once; crossings become events
 * </pre>
 *
 * Not thread-safe: exactly one thread (the one that reads the socket) uses an instance.
 */
public final class InboundProcessor {
    /** Room in front of a received ESP packet, enough for a rebuilt IPv6 header in transport mode. */
    public static final int HEADROOM = 64;

    /**
     * How the datagrams a processor gets reached this host. When one thread reads every ESP socket ({@link #ANY}),
     * an SA takes its packets either way, as RFC 7296 §2.23 asks (a peer may send ESP-in-UDP when no NAT was
     * detected). When there are several readers, each SA takes its packets only the way it was negotiated (RFC
     * 3948: with or without UDP encapsulation), so that one thread writes each SA's replay window and counters.
     */
    public enum Arrival {
        /** Every ESP socket (NAT-T, plain IPv4, plain IPv6) read by this processor's one thread. */
        ANY,
        /** ESP-in-UDP (RFC 3948) on the NAT-T socket, IPv4 or IPv6. */
        UDP,
        /** Plain ESP (IP protocol 50) over IPv4. */
        PLAIN_IPV4,
        /** Plain ESP over IPv6. */
        PLAIN_IPV6;

        boolean accepts(final EspEndpoint ep) {
            switch (this) {
                case ANY:
                    return true;
                case UDP:
                    return ep.udpEncap();
                default:
                    return !ep.udpEncap() && ep.ipv6() == (this == PLAIN_IPV6);
            }
        }
    }

    private final TunDevice tun;
    private final EspDataPlane plane;
    private final Arrival arrival;
    private final PacketBatch batch;
    private final EspCounters counters;
    private final Inbound inbound = new Inbound();
    private final SecurityAssociation[] touched;
    /** One view per slot for {@link #reserve}: its position and limit are the caller's to move, the slot's are not. */
    private final ByteBuffer[] fillViews;
    private long batchNo;

    public InboundProcessor(final TunDevice tun, final EspDataPlane plane, final Arrival arrival,
            final int batchSize, final int maxDatagram) {
        this.tun = tun;
        this.plane = plane;
        this.arrival = arrival;
        this.batch = new PacketBatch(batchSize, HEADROOM + maxDatagram);
        this.touched = new SecurityAssociation[batchSize];
        this.fillViews = new ByteBuffer[batchSize];
        for (int i = 0; i < batchSize; i++) {
            fillViews[i] = batch.slot(i).duplicate();
        }
        this.counters = plane.newCounters();
    }

    /** The batch the caller fills: slot i gets a datagram at {@link #HEADROOM}, then {@code batch.set(i, ...)}. */
    public PacketBatch batch() {
        return batch;
    }

    /**
     * Reserves slot {@code i} for a datagram of {@code len} bytes and returns a view of it positioned at
     * {@link #HEADROOM} with exactly {@code len} bytes remaining, for the caller to fill (Netty's
     * {@code ByteBuf.getBytes(index, ByteBuffer)} copies into it without making a view of its own); null, counted as
     * MALFORMED, if it does not fit. Nothing is allocated.
     */
    public ByteBuffer reserve(final int i, final int len) {
        if (i >= batch.capacity() || len < 0 || HEADROOM + len > batch.slotSize()) {
            counters.drop(DropReason.MALFORMED);
            return null;
        }
        batch.set(i, HEADROOM, len);
        ByteBuffer view = fillViews[i];
        view.limit(HEADROOM + len).position(HEADROOM);
        return view;
    }

    /** Convenience for callers holding a datagram in another buffer: copies it into slot {@code i}. */
    public boolean stage(final int i, final ByteBuffer datagram) {
        ByteBuffer into = reserve(i, datagram.remaining());
        if (into == null) {
            return false;
        }
        into.put(into.position(), datagram, datagram.position(), datagram.remaining());
        return true;
    }

    /**
     * Decapsulates the first {@code n} staged datagrams and writes the survivors to the TUN device.
     *
     * @return packets written
     */
    public int process(final int n) throws IOException {
        SadSnapshot snapshot = plane.sad().snapshot();
        inbound.clock(System.currentTimeMillis());
        long stamp = ++batchNo;
        int kept = 0;
        int touchedCount = 0;
        for (int i = 0; i < n; i++) {
            ByteBuffer slot = batch.slot(i);
            int off = batch.offset(i);
            int len = batch.length(i);
            int spi = Inbound.spi(slot, off, len);
            SecurityAssociation sa = spi == 0 ? null : snapshot.inbound(spi);
            DropReason drop;
            if (sa == null) {
                drop = spi == 0 ? DropReason.MALFORMED : DropReason.NO_SA;
            } else if (!arrival.accepts(sa.endpoint())) {
                drop = DropReason.WRONG_TRANSPORT;
            } else {
                drop = inbound.decap(sa, slot, off, len);
                if (sa.visit(stamp)) {
                    touched[touchedCount++] = sa;
                }
            }
            if (drop != null) {
                counters.drop(drop);
                continue;
            }
            kept = BatchCompactor.keep(batch, i, kept, inbound.resultOffset(), inbound.resultLength());
        }
        batch.count(kept);
        try {
            if (kept > 0) {
                tun.write(batch);
            }
        } finally {
            for (int i = 0; i < touchedCount; i++) {
                touched[i].checkLifetimes(plane.events());
                touched[i] = null;
            }
            counters.publish();
        }
        return kept;
    }
}
