package org.jswan.esp.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.esp.packet.InnerPacket;
import org.jswan.esp.sa.SadSnapshot;
import org.jswan.esp.sa.SecurityAssociation;
import org.jswan.nativeio.tun.PacketBatch;
import org.jswan.nativeio.tun.TunDevice;

/**
 * The outbound path, one thread ("gw-tun-rx"), one batch per {@link #doWork()}:
 *
 * <pre>
 * 1. TUN read     TunDevice.read(batch, HEADROOM): up to batchSize packets, each at HEADROOM in its slot
 * 2. Snapshot     SadSnapshot read once (volatile) for the whole batch
 * 3. Policy       parse the inner header, PolicyTable.lookupOutbound -> reqid -> outbound SA (no SA: drop, acquire)
 * 4. Encap        Outbound.encap in place: ESP header + IV into the headroom, padding + trailer + ICV behind;
 *                 seq from the SA (this thread is its only user), seal with the SA's transform
 * 5. Compact      kept packets become slots 0..n-1 (copy only behind a drop), destination = the SA's endpoint
 * 6. Transmit     EspTransport.send(batch, destinations): the socket writes them all, one flush (sendmmsg)
 * 7. Lifetimes    each SA touched in the batch checks its soft/hard marks once; crossings become events
 * </pre>
 *
 * Drops are counted per {@link DropReason} in this agent's {@link EspCounters}; nothing is logged per packet.
 * Not thread-safe: exactly one thread runs it.
 */
public final class TunReaderAgent implements Runnable {
    private final TunDevice tun;
    private final EspDataPlane plane;
    private final EspTransport transport;
    private final PacketBatch batch;
    private final EspCounters counters;
    private final Outbound outbound;
    private final InnerPacket inner = new InnerPacket();
    private final AcquireThrottle acquires = new AcquireThrottle(1000);
    private final EspEndpoint[] destinations;
    private final SecurityAssociation[] touched;
    private final int headroom;
    private long batchNo;
    private volatile boolean running = true;

    public TunReaderAgent(final TunDevice tun, final EspDataPlane plane, final EspTransport transport,
            final int headroom) {
        this.tun = tun;
        this.plane = plane;
        this.transport = transport;
        this.outbound = new Outbound(transport.framing());
        this.headroom = headroom;
        this.batch = new PacketBatch(tun.batchSize(), headroom + tun.mtu() + PacketBatch.DEFAULT_TAILROOM);
        this.destinations = new EspEndpoint[tun.batchSize()];
        this.touched = new SecurityAssociation[tun.batchSize()];
        this.counters = plane.newCounters();
    }

    public TunReaderAgent(final TunDevice tun, final EspDataPlane plane, final EspTransport transport) {
        this(tun, plane, transport, PacketBatch.DEFAULT_HEADROOM);
    }

    /**
     * Reads and processes one batch.
     *
     * @return packets sent, or -1 once the TUN device is closed
     */
    public int doWork() throws IOException {
        int n = tun.read(batch, headroom);
        if (n < 0) {
            return -1;
        }
        return process(n);
    }

    int process(final int n) {
        SadSnapshot snapshot = plane.sad().snapshot();
        long now = System.currentTimeMillis();
        outbound.clock(now);
        long stamp = ++batchNo;
        int kept = 0;
        int touchedCount = 0;
        for (int i = 0; i < n; i++) {
            ByteBuffer slot = batch.slot(i);
            int off = batch.offset(i);
            int len = batch.length(i);
            DropReason drop;
            SecurityAssociation sa = null;
            if (!inner.parse(slot, off, len)) {
                drop = DropReason.MALFORMED;
            } else {
                int reqid = snapshot.policies().lookupOutbound(inner);
                sa = reqid < 0 ? null : snapshot.outboundByReqid(reqid);
                if (reqid < 0) {
                    drop = DropReason.NO_POLICY;
                } else if (sa == null) {
                    drop = DropReason.NO_SA;
                    if (acquires.allow(reqid, now)) {
                        plane.events().acquire(reqid);
                    }
                } else {
                    drop = outbound.encap(sa, slot, off, len, inner);
                }
            }
            if (sa != null && sa.visit(stamp)) {
                touched[touchedCount++] = sa;
            }
            if (drop != null) {
                counters.drop(drop);
                continue;
            }
            destinations[kept] = sa.endpoint();
            kept = BatchCompactor.keep(batch, i, kept, outbound.resultOffset(), outbound.resultLength());
        }
        batch.count(kept);
        if (kept > 0) {
            transport.send(batch, destinations);
        }
        for (int i = 0; i < touchedCount; i++) {
            touched[i].checkLifetimes(plane.events());
            touched[i] = null;
        }
        for (int i = 0; i < kept; i++) {
            destinations[i] = null;
        }
        counters.publish();
        return kept;
    }

    /** Runs {@link #doWork()} until {@link #stop()} or the device closes; an I/O error ends the loop. */
    @Override
    public void run() {
        try {
            while (running && doWork() >= 0) {
                // busy with the next batch; TunDevice.read blocks when idle
            }
        } catch (IOException e) {
            plane.fatal(e);
        }
    }

    public void stop() {
        running = false;
    }
}
