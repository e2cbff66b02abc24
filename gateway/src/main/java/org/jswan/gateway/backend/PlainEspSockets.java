package org.jswan.gateway.backend;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.engine.EspDataPlane;
import org.jswan.esp.engine.InboundProcessor;
import org.jswan.nativeio.posix.Errno;
import org.jswan.nativeio.posix.NativeException;
import org.jswan.nativeio.raw.RawEspSocket;
import org.jswan.nativeio.tun.PacketBatch;
import org.jswan.nativeio.tun.TunDevice;
import org.jswan.nativeio.udp.UdpBatchSender;

/**
 * Plain ESP (IP protocol 50: RFC 4303 without RFC 3948's UDP header) for CHILD_SAs negotiated without UDP
 * encapsulation: no NAT between the peers under {@code --esp-encap nat}, or a peer that does not do NAT traversal
 * at all. One unconnected raw socket per address family: the TUN thread sends on it with sendmmsg (through
 * {@link DualEspTransport}). The NAT-T socket's reader ({@link NatTReceiveLoop}) reads them too ({@link #sockets}),
 * so one thread decapsulates all inbound ESP; only when Netty reads the NAT-T socket does each get a reader thread
 * of its own ({@link #start}: {@code jswan-esp-raw4}, {@code jswan-esp-raw6}). Raw sockets have no GSO or GRO, so
 * each datagram crosses the kernel on its own: ESP-in-UDP stays the fast path.
 */
public final class PlainEspSockets implements AutoCloseable {
    private static final System.Logger NET = System.getLogger("NET");
    /** As the NAT-T socket's: a burst of full-size datagrams waits here while the reader decrypts. */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private final Family v4;
    private final Family v6;

    private PlainEspSockets(final Family v4, final Family v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    /**
     * Opens the IPv4 socket and, unless this host has no IPv6, the IPv6 one; nothing runs until {@link #start}.
     *
     * @throws NativeException without CAP_NET_RAW (the message says how to grant it)
     */
    public static PlainEspSockets open(final TunDevice tun, final EspDataPlane plane, final int batchSize,
            final int maxDatagram) throws NativeException {
        Family v4 = new Family(RawEspSocket.open((Inet4Address) null), tun, plane, batchSize, maxDatagram);
        Family v6 = null;
        try {
            v6 = new Family(RawEspSocket.open((Inet6Address) null), tun, plane, batchSize, maxDatagram);
        } catch (NativeException e) {
            if (e.errno() != Errno.EAFNOSUPPORT) {
                v4.socket.close();
                throw e;
            }
            NET.log(System.Logger.Level.INFO, "no IPv6 on this host: plain ESP over IPv4 only");
        }
        return new PlainEspSockets(v4, v6);
    }

    /** The sockets, for a thread that reads them with the NAT-T socket ({@code receiveEspNow}, {@code pollFd}). */
    public RawEspSocket[] sockets() {
        return v6 == null ? new RawEspSocket[] {v4.socket} : new RawEspSocket[] {v4.socket, v6.socket};
    }

    /** Their fds, for that thread's poll. */
    public int[] pollFds() {
        RawEspSocket[] s = sockets();
        int[] fds = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            fds[i] = s[i].pollFd();
        }
        return fds;
    }

    /** Starts a reader thread per socket, when no NAT-T reader reads them. */
    public void start() {
        v4.start("jswan-esp-raw4");
        if (v6 != null) {
            v6.start("jswan-esp-raw6");
        }
    }

    /** Whether plain ESP can reach {@code peer} (its address family has a socket). */
    public boolean reaches(final InetAddress peer) {
        return peer instanceof Inet4Address || v6 != null;
    }

    /** TUN thread: sends the batch's packets whose SA is not UDP-encapsulated; the others are skipped. */
    void send(final PacketBatch batch, final EspEndpoint[] destinations) {
        v4.send(batch, destinations);
        if (v6 != null) {
            v6.send(batch, destinations);
        }
    }

    /** For the stop log: what each socket moved. */
    public String counters() {
        return "plain ESP sockets: IPv4 " + v4.counters() + (v6 == null ? "" : "; IPv6 " + v6.counters());
    }

    /**
     * Closes the sockets (waking their readers) and waits for the readers. A send in progress on the TUN thread
     * finishes first; later ones fail quietly (the sender is closed).
     */
    @Override
    public void close() {
        v4.close();
        if (v6 != null) {
            v6.close();
        }
    }

    /** One address family: its socket, its sender, and (only if it gets one) its reader thread. */
    private static final class Family {
        final RawEspSocket socket;
        final UdpBatchSender sender;
        final InetSocketAddress[] to;
        final boolean ipv6;
        private final TunDevice tun;
        private final EspDataPlane plane;
        private final int maxDatagram;
        Thread thread;
        private boolean sendFailed;

        Family(final RawEspSocket socket, final TunDevice tun, final EspDataPlane plane, final int batchSize,
                final int maxDatagram) throws NativeException {
            this.socket = socket;
            socket.receiveBuffer(RECEIVE_BUFFER);
            try {
                this.sender = socket.batchSender(batchSize);
            } catch (NativeException e) {
                socket.close();
                throw e;
            }
            this.ipv6 = !socket.ipv4();
            this.to = new InetSocketAddress[batchSize];
            this.tun = tun;
            this.plane = plane;
            this.maxDatagram = maxDatagram;
        }

        void start(final String name) {
            PlainEspReader reader = new PlainEspReader(socket, new InboundProcessor(tun, plane, ipv6
                    ? InboundProcessor.Arrival.PLAIN_IPV6 : InboundProcessor.Arrival.PLAIN_IPV4, to.length,
                    maxDatagram));
            thread = new Thread(reader, name);
            thread.setDaemon(true);
            thread.start();
        }

        void send(final PacketBatch batch, final EspEndpoint[] destinations) {
            int n = batch.count();
            int count = 0;
            for (int i = 0; i < n && i < to.length; i++) {
                EspEndpoint d = destinations[i];
                // The backend gives plain-ESP endpoints port 0: raw IPv6 sockets refuse any other but 50.
                to[i] = !d.udpEncap() && d.ipv6() == ipv6 ? d.remote() : null;
                count += to[i] == null ? 0 : 1;
            }
            if (count == 0) {
                return;
            }
            try {
                sender.send(batch, to);
            } catch (ClosedChannelException e) {
                // shutting down
            } catch (IOException e) {
                if (!sendFailed) {
                    sendFailed = true;
                    NET.log(System.Logger.Level.ERROR, "sending plain ESP failed: " + e.getMessage());
                }
            }
        }

        String counters() {
            return socket.received() + " datagrams in (" + socket.runts() + " runts), " + sender.datagramsSent()
                    + " out, " + (sender.drops() + socket.sendDrops()) + " refused";
        }

        void close() {
            socket.close();
            if (thread != null) {
                try {
                    thread.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
