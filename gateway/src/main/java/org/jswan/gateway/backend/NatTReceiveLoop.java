package org.jswan.gateway.backend;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.jswan.esp.engine.InboundProcessor;
import org.jswan.gateway.net.DatagramReceiver;
import org.jswan.gateway.net.Port4500Demux;
import org.jswan.nativeio.posix.NativeException;
import org.jswan.nativeio.raw.RawEspSocket;
import org.jswan.nativeio.udp.UdpBatchReceiver;

/**
 * Reads the NAT-T socket (UDP 4500) on its own thread with recvmmsg, in place of Netty's event loop: each message,
 * a UDP GRO run or a single datagram, is cut by its segment size, and each datagram is sorted as RFC 3948 §2 says
 * ({@link Port4500Demux#kind}, as on the Netty path): ESP is copied into the {@link EspReceiver}'s batch (nothing
 * allocated per packet), IKE behind the non-ESP marker goes to the IKE daemon, NAT keepalives and runts are counted
 * and dropped. A batch ends when a read finds the socket drained, or when it is full.
 *
 * <p>With plain ESP sockets ({@link PlainEspSockets}) it reads those too, after each NAT-T batch, so one thread
 * decapsulates every inbound ESP packet: any SA may take ESP-in-UDP and plain ESP (RFC 7296 §2.23) and each SA's
 * replay window still has one writer.
 *
 * <p>Hostile input cannot stop it: whatever one datagram makes throw is counted and logged (at most once a minute)
 * and the next one is read. If the socket itself fails, {@code fallback} hands reading back to Netty.
 * Counters are written by this thread only and read after it stopped.
 */
public final class NatTReceiveLoop implements Runnable {
    private static final System.Logger NET = System.getLogger("NET");
    private static final long LOG_EVERY_MILLIS = 60_000;
    /** Batches read from one plain ESP socket per wake-up, at most. */
    private static final int PLAIN_ROUNDS = 8;

    private final UdpBatchReceiver rx;
    private final EspReceiver esp;
    private final DatagramReceiver ike;
    private final InetSocketAddress local;
    private final int capacity;
    private final Runnable fallback;
    /** Plain ESP sockets this thread reads too (its waiter also wakes for them), or none. */
    private final RawEspSocket[] plain;
    private long espDatagrams;
    private long ikeMessages;
    private long keepalives;
    private long runts;
    private long failures;
    private long lastFailureLog = Long.MIN_VALUE;

    /**
     * @param local    the socket's local address, given to the IKE daemon with each message (as Netty's recipient)
     * @param capacity messages per {@link UdpBatchReceiver#receive}, to tell a drained socket from a full read
     * @param fallback run on this thread, after it stopped reading for good because the socket failed
     */
    public NatTReceiveLoop(final UdpBatchReceiver rx, final int capacity, final EspReceiver esp,
            final DatagramReceiver ike, final InetSocketAddress local, final Runnable fallback) {
        this(rx, capacity, esp, ike, local, fallback, new RawEspSocket[0]);
    }

    /**
     * @param plain raw ESP sockets read on this thread after each NAT-T batch ({@code rx} must wake for their fds,
     *              and {@code esp} take any SA's packets: {@code Arrival.ANY})
     */
    public NatTReceiveLoop(final UdpBatchReceiver rx, final int capacity, final EspReceiver esp,
            final DatagramReceiver ike, final InetSocketAddress local, final Runnable fallback,
            final RawEspSocket[] plain) {
        this.plain = plain.clone();
        this.rx = rx;
        this.capacity = capacity;
        this.esp = esp;
        this.ike = ike;
        this.local = local;
        this.fallback = fallback;
    }

    @Override
    public void run() {
        try {
            while (rx.await()) {
                int n;
                do {
                    n = rx.receive();
                    for (int m = 0; m < n; m++) {
                        dispatch(m);
                    }
                } while (n == capacity); // more may be waiting; the batch flushes itself when it is full
                try {
                    esp.flush();
                } catch (RuntimeException e) {
                    failed(e);
                }
                readPlain();
            }
        } catch (NativeException e) {
            NET.log(System.Logger.Level.ERROR, "receiving on the NAT-T socket failed: " + e.getMessage()
                    + "; reading it through the event loop from now on");
            fallback.run();
        }
    }

    /**
     * What waits on the plain ESP sockets that the last poll found readable, a few batches each so one cannot starve
     * the others; received straight into the inbound batch. A socket that fails stops being read (logged once).
     */
    private void readPlain() {
        for (int k = 0; k < plain.length; k++) {
            RawEspSocket s = plain[k];
            if (s == null || !rx.alsoReady(k)) {
                continue; // no system call for a socket the last poll found empty: the default path pays nothing
            }
            try {
                for (int round = 0; round < PLAIN_ROUNDS; round++) {
                    int n = s.receiveEspNow(esp.batch(), InboundProcessor.HEADROOM);
                    if (n <= 0) {
                        break;
                    }
                    esp.processReceived(n);
                }
            } catch (IOException e) {
                NET.log(System.Logger.Level.ERROR, "receiving plain ESP failed, no more plain ESP is read: "
                        + e.getMessage());
                plain[k] = null;
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    /** Sorts the datagrams of message {@code m}; one that makes anything throw is counted, never fatal. */
    void dispatch(final int m) {
        int len = rx.length(m);
        if (len <= 0) {
            runts++; // empty, or truncated
            return;
        }
        ByteBuffer data = rx.data(m);
        int segment = rx.segmentSize(m);
        for (int off = 0; off < len; off += segment) {
            int l = Math.min(segment, len - off);
            try {
                sort(m, data, off, l);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private void failed(final RuntimeException e) {
        failures++;
        long now = System.currentTimeMillis();
        if (now - lastFailureLog >= LOG_EVERY_MILLIS) {
            lastFailureLog = now;
            NET.log(System.Logger.Level.WARNING, "dropped what arrived on the NAT-T socket (" + failures
                    + " times so far): " + e);
        }
    }

    private void sort(final int m, final ByteBuffer data, final int off, final int l) {
        int marker = Port4500Demux.NON_ESP_MARKER_LENGTH;
        switch (Port4500Demux.kind(l, data.get(off) & 0xff, l > marker ? data.getInt(off) : -1)) {
            case KEEPALIVE:
                keepalives++;
                break;
            case RUNT:
                runts++;
                break;
            case IKE:
                ikeMessages++;
                // A view of the receive buffer: onIke copies what it keeps (DatagramReceiver's contract).
                ike.onIke(Unpooled.wrappedBuffer(data.slice(off + marker, l - marker)), local, rx.source(m));
                break;
            default:
                espDatagrams++;
                esp.stage(data, off, l);
        }
    }

    /** For the daemon's shutdown line; read after the thread stopped. */
    public String counters() {
        return rx.messages() + " recvmmsg messages: " + espDatagrams + " ESP datagrams, " + ikeMessages + " IKE, "
                + keepalives + " NAT keepalives, " + runts + " runts, " + failures + " failed, " + rx.errors()
                + " socket errors";
    }
}
