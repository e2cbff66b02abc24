package org.jswan.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jswan.esp.crypto.CryptoBackend;
import org.jswan.esp.crypto.EspCryptoException;
import org.jswan.esp.engine.EspDataPlane;
import org.jswan.esp.engine.InboundProcessor;
import org.jswan.esp.engine.TunReaderAgent;
import org.jswan.gateway.backend.DualEspTransport;
import org.jswan.gateway.backend.EspReceiver;
import org.jswan.gateway.backend.NatTReceiveLoop;
import org.jswan.esp.api.EspTransport;
import org.jswan.gateway.backend.NettyEspTransport;
import org.jswan.gateway.backend.PlainEspSockets;
import org.jswan.gateway.backend.SendmmsgEspTransport;
import org.jswan.gateway.backend.UserspaceIpsecBackend;
import org.jswan.gateway.control.ControlResult;
import org.jswan.gateway.control.DaemonControl;
import org.jswan.gateway.net.DatagramReceiver;
import org.jswan.gateway.net.UdpSockets;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.daemon.DaemonSettings;
import org.jswan.ike.daemon.IkeDaemon;
import org.jswan.ike.keys.WiresharkKeyFiles;
import org.jswan.ike.spi.IpsecBackend;
import org.jswan.ike.spi.LoggingBackend;
import org.jswan.nativeio.net.IpCommandConfigurator;
import org.jswan.nativeio.posix.NativeException;
import org.jswan.nativeio.raw.RawEspSocket;
import org.jswan.nativeio.tun.LinuxTunDevice;
import org.jswan.nativeio.tun.TunOptions;
import org.jswan.nativeio.udp.UdpBatchReceiver;

/**
 * The composition root of `jswan daemon` (STYLE.md B.2): configuration, credentials, the ESP engine on a TUN
 * device, the IKE daemon and the UDP sockets, started in that order and stopped in reverse.
 *
 * <pre>
 * threads: jswan-udp    Netty event loop: IKE sockets (datagrams copied to jswan-ike), IKE sends
 *          jswan-esp-rx recvmmsg (UDP GRO) on the NAT-T socket's fd, and recvmmsg on the plain ESP sockets: ESP
 *                       decapsulation, TUN writes (GRO), IKE on port 4500 copied to jswan-ike (without epoll, or
 *                       with -Djswan.esp.rx=netty: jswan-udp, and jswan-esp-raw4/6 for plain ESP)
 *          jswan-tun    TUN reads, encapsulation, sendmmsg (UDP GSO) on the NAT-T socket's fd
 *          jswan-ike   every IKE_SA and CHILD_SA, timers, control commands
 * </pre>
 */
public final class Gateway implements AutoCloseable {
    private static final System.Logger DMN = System.getLogger("DMN");
    private static final System.Logger CFG = System.getLogger("CFG");
    private static final System.Logger ESP = System.getLogger("ESP");
    /** The largest ESP datagram taken (jumbo frames); a batch slot holds one. */
    private static final int MAX_DATAGRAM = 9216;
    /** recvmmsg messages per read on the NAT-T socket; with UDP GRO each can be a 64 KB run. */
    private static final int NAT_T_READ_BATCH = 8;

    private final GatewayOptions options;
    private final IkeDaemon ike;
    private final UdpSockets sockets;
    private final EspDataPlane plane;
    private final LinuxTunDevice tun;
    private final UserspaceIpsecBackend backend;
    private final TunReaderAgent tunAgent;
    private final Thread tunThread;
    private final EspTransport espTransport;
    private final PlainEspSockets plainEsp;
    private final ScheduledExecutorService events;
    private final Reader natTReader;
    private final DaemonControl control;
    private volatile boolean closed;

    private Gateway(final GatewayOptions options, final IkeDaemon ike, final UdpSockets sockets,
                    final EspDataPlane plane, final LinuxTunDevice tun, final UserspaceIpsecBackend backend,
                    final TunReaderAgent tunAgent, final Thread tunThread, final EspTransport espTransport,
                    final PlainEspSockets plainEsp, final ScheduledExecutorService events, final Reader natTReader) {
        this.options = options;
        this.ike = ike;
        this.sockets = sockets;
        this.plane = plane;
        this.tun = tun;
        this.backend = backend;
        this.tunAgent = tunAgent;
        this.tunThread = tunThread;
        this.espTransport = espTransport;
        this.plainEsp = plainEsp;
        this.events = events;
        this.natTReader = natTReader;
        this.control = new DaemonControl(ike, options.configDir(), this::dataPlaneDrops);
    }

    /** Loads and checks the configuration, then starts everything; nothing is left running on failure. */
    public static Gateway start(final GatewayOptions o) throws GatewayException {
        DMN.log(System.Logger.Level.INFO, "Starting IKE daemon (jswan " + version() + ", Java "
                + System.getProperty("java.runtime.version") + ")");
        DaemonControl.DirConfig loaded = load(o);
        EspDataPlane plane = null;
        LinuxTunDevice tun = null;
        UserspaceIpsecBackend userspace = null;
        PlainEspSockets plainEsp = null;
        IpsecBackend backend;
        if (o.dataPlane()) {
            try {
                // As charon lists its crypto plugins: which library seals and opens ESP packets.
                ESP.log(System.Logger.Level.INFO, CryptoBackend.describe());
            } catch (EspCryptoException e) {
                throw new GatewayException(e.getMessage(), e);
            }
            plane = new EspDataPlane();
            try {
                // A virtio header lets a written batch's TCP segments go to the kernel as one GSO packet (GRO);
                // -Djswan.tun.gro=false turns it off, for comparisons.
                boolean gro = Boolean.parseBoolean(System.getProperty("jswan.tun.gro", "true"));
                tun = LinuxTunDevice.open(TunOptions.of(o.tunName(), o.mtu()).withVnetHeader(gro));
                // TSO: reads bring whole 64 KB TCP bursts, cut into segments in userspace (-Djswan.tun.tso=false).
                if (gro && Boolean.parseBoolean(System.getProperty("jswan.tun.tso", "true"))) {
                    tun.enableTso();
                }
                IpCommandConfigurator net = new IpCommandConfigurator();
                net.setMtu(o.tunName(), o.mtu());
                net.linkUp(o.tunName());
                plainEsp = openPlainEsp(o, tun, plane);
                userspace = new UserspaceIpsecBackend(plane, net, o.tunName(),
                        o.espEncapsulation() == EspEncapsulation.ALWAYS, plainEsp, plainEsp == null
                        ? "raw ESP sockets could not be opened (see the start log)" : null);
            } catch (IOException e) {
                if (plainEsp != null) {
                    plainEsp.close();
                }
                if (tun != null) {
                    tun.close();
                }
                throw new GatewayException("cannot set up TUN device " + o.tunName() + ": " + e.getMessage(), e);
            }
            backend = userspace;
            DMN.log(System.Logger.Level.INFO, "data plane: userspace ESP on TUN device " + o.tunName() + ", MTU "
                    + o.mtu() + (o.espEncapsulation() == EspEncapsulation.ALWAYS || plainEsp == null
                    ? ", ESP UDP-encapsulated (plain only to peers without NAT traversal)"
                    : ", plain ESP unless a NAT is detected"));
        } else {
            backend = new LoggingBackend();
            DMN.log(System.Logger.Level.INFO, "data plane disabled: CHILD_SAs are negotiated but not installed");
        }
        DaemonSettings settings = DaemonSettings.defaults().withPorts(o.ikePort(), o.natTPort());
        if (o.saveKeys() != null) {
            DMN.log(System.Logger.Level.WARNING, "!!! --save-keys is on: IKE and ESP keys are written to "
                    + o.saveKeys() + "; anyone who reads them can decrypt this gateway's traffic !!!");
            settings = settings.withKeyFiles(new WiresharkKeyFiles(o.saveKeys()));
        }
        Holder holder = new Holder();
        UdpSockets sockets;
        Receiver receiver = new Receiver(holder);
        try {
            sockets = UdpSockets.bind(null, o.ikePort(), o.natTPort(), receiver);
        } catch (InterruptedException | IllegalStateException e) {
            if (plainEsp != null) {
                plainEsp.close();
            }
            if (tun != null) {
                tun.close();
            }
            throw new GatewayException(e.getMessage(), e);
        }
        NatTReceiveLoop rxLoop = null;
        UdpBatchReceiver rx = null;
        Thread rxThread = null;
        if (tun != null) {
            // Before any CHILD_SA exists, so no ESP is lost while the reader is chosen.
            try {
                rx = nativeNatTReceiver(sockets, tun, plainEsp);
            } catch (GatewayException e) {
                if (plainEsp != null) {
                    plainEsp.close(); // the sockets and the TUN device are closed already
                }
                throw e;
            }
            if (rx != null) {
                // One thread reads the NAT-T socket and the plain ESP sockets: any SA takes either (RFC 7296 §2.23).
                EspReceiver espReceiver = new EspReceiver(tun, plane, plainEsp == null ? InboundProcessor.Arrival.UDP
                        : InboundProcessor.Arrival.ANY, tun.batchSize(), MAX_DATAGRAM);
                UdpSockets fallbackTo = sockets;
                LinuxTunDevice t = tun;
                EspDataPlane p = plane;
                PlainEspSockets raw = plainEsp;
                rxLoop = new NatTReceiveLoop(rx, NAT_T_READ_BATCH, espReceiver, receiver,
                        (InetSocketAddress) sockets.natTChannel().localAddress(), () -> {
                            // This thread stopped reading for good: the event loop reads UDP, raw readers the rest.
                            receiver.esp = raw == null ? espReceiver
                                    : new EspReceiver(t, p, InboundProcessor.Arrival.UDP, t.batchSize(), MAX_DATAGRAM);
                            fallbackTo.resumeNatTReads();
                            if (raw != null) {
                                raw.start();
                            }
                        }, plainEsp == null ? new RawEspSocket[0] : plainEsp.sockets());
                rxThread = new Thread(rxLoop, "jswan-esp-rx");
                rxThread.setDaemon(true);
                rxThread.start();
            } else {
                receiver.esp = new EspReceiver(tun, plane, InboundProcessor.Arrival.UDP, tun.batchSize(),
                        MAX_DATAGRAM);
                if (plainEsp != null) {
                    plainEsp.start(); // readers of their own: the event loop reads only UDP
                }
            }
        }
        UdpSockets s = sockets;
        IkeDaemon ike = new IkeDaemon(settings, backend, (message, localPort, remote) ->
                s.sendIke(message, remote, localPort == s.natTPort()), loaded.credentials());
        holder.ike = ike;
        TunReaderAgent agent = null;
        Thread tunThread = null;
        EspTransport transport = null;
        if (tun != null) {
            transport = espTransport(sockets, tun.batchSize());
            if (plainEsp != null) {
                transport = new DualEspTransport(transport, plainEsp);
            }
            agent = new TunReaderAgent(tun, plane, transport);
            tunThread = new Thread(agent, "jswan-tun");
            tunThread.setDaemon(true);
            tunThread.start();
        }
        ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jswan-events");
            t.setDaemon(true);
            return t;
        });
        if (plane != null) {
            EspDataPlane p = plane;
            events.scheduleWithFixedDelay(p::dispatchEvents, 100, 100, TimeUnit.MILLISECONDS);
        }
        Gateway g = new Gateway(o, ike, sockets, plane, tun, userspace, agent, tunThread, transport, plainEsp,
                events, new Reader(rx, rxLoop, rxThread));
        try {
            // The initial load goes through the control interface, which later merges VICI-loaded connections in.
            g.control.apply(loaded);
            ike.startConnections();
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    /**
     * The raw sockets for CHILD_SAs negotiated without UDP encapsulation. Without CAP_NET_RAW there are none: every
     * CHILD_SA is then UDP-encapsulated, and one with a peer that does not do NAT traversal cannot be installed.
     */
    private static PlainEspSockets openPlainEsp(final GatewayOptions o, final LinuxTunDevice tun,
            final EspDataPlane plane) {
        try {
            return PlainEspSockets.open(tun, plane, tun.batchSize(), MAX_DATAGRAM);
        } catch (NativeException e) {
            DMN.log(o.espEncapsulation() == EspEncapsulation.ALWAYS ? System.Logger.Level.INFO
                    : System.Logger.Level.WARNING, "plain ESP (IP protocol 50) unavailable: " + e.getMessage()
                    + "; every CHILD_SA is UDP-encapsulated, and peers that do not do NAT traversal cannot be reached");
            return null;
        }
    }

    /**
     * How ESP arrives: by default recvmmsg with UDP GRO on the NAT-T socket's fd, on a thread of its own (Netty stops
     * reading that socket); {@code -Djswan.esp.rx=netty} keeps Netty's event loop reading it, as it does without
     * epoll. Null when Netty reads.
     */
    private static UdpBatchReceiver nativeNatTReceiver(final UdpSockets sockets, final LinuxTunDevice tun,
            final PlainEspSockets plainEsp) throws GatewayException {
        if (!sockets.usesEpoll() || System.getProperty("jswan.esp.rx", "recvmmsg").equals("netty")) {
            return null;
        }
        UdpBatchReceiver rx;
        try {
            rx = UdpBatchReceiver.open(sockets.natTFd(), NAT_T_READ_BATCH,
                    plainEsp == null ? new int[0] : plainEsp.pollFds());
        } catch (IOException | RuntimeException e) {
            DMN.log(System.Logger.Level.WARNING, "recvmmsg ESP receiver unavailable (" + e.getMessage()
                    + "); receiving through the event loop");
            return null;
        }
        try {
            sockets.stopNatTReads();
        } catch (InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            rx.close();
            sockets.close();
            tun.close();
            throw new GatewayException("cannot hand the NAT-T socket to its reader: " + e, e);
        }
        return rx;
    }

    /** The NAT-T socket's own reader, if it has one; stopped before the TUN device and the socket close. */
    private record Reader(UdpBatchReceiver rx, NatTReceiveLoop loop, Thread thread) {
        void stop() {
            if (rx == null) {
                return;
            }
            rx.close();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * How ESP leaves: by default sendmmsg with UDP GSO on the NAT-T socket's fd from the TUN thread; the system
     * property {@code jswan.esp.tx} = {@code sendmmsg} (no GSO) or {@code netty} (hand-off to the event loop, also
     * the fallback without epoll) selects the others, for comparisons.
     */
    private static EspTransport espTransport(final UdpSockets sockets, final int batchSize) {
        String mode = System.getProperty("jswan.esp.tx", "gso");
        if (!sockets.usesEpoll() || mode.equals("netty")) {
            return new NettyEspTransport(sockets.natTChannel());
        }
        try {
            return SendmmsgEspTransport.open(sockets.natTChannel(), batchSize, !mode.equals("sendmmsg"));
        } catch (IOException e) {
            DMN.log(System.Logger.Level.WARNING, "sendmmsg ESP sender unavailable (" + e.getMessage()
                    + "); sending through the event loop");
            return new NettyEspTransport(sockets.natTChannel());
        }
    }

    private static DaemonControl.DirConfig load(final GatewayOptions o) throws GatewayException {
        DaemonControl.DirConfig dir = DaemonControl.read(o.configDir());
        if (!dir.ok()) {
            throw new GatewayException("configuration in " + o.configDir() + " cannot be used:\n  "
                    + dir.error().replace("\n", "\n  ") + "\n(run `jswan check-config " + o.configDir()
                    + "` after fixing it)");
        }
        CredentialStore creds = dir.credentials();
        CFG.log(System.Logger.Level.INFO, "loaded " + creds.certificates().size() + " certificate(s), "
                + creds.authorities().size() + " CA certificate(s), " + creds.privateKeys().size()
                + " private key(s)");
        return dir;
    }

    /**
     * Re-reads the config dir (SIGHUP, `jswan load-all`) through {@link DaemonControl}, so connections loaded over
     * VICI stay; unchanged connections keep their SAs.
     */
    public void reload() throws GatewayException {
        ControlResult r = control.reload();
        if (!r.success()) {
            throw new GatewayException(r.errmsg());
        }
        ike.startConnections();
    }

    /** The control interface the VICI socket serves; it owns the running configuration. */
    public DaemonControl control() {
        return control;
    }

    public IkeDaemon ike() {
        return ike;
    }

    public GatewayOptions options() {
        return options;
    }

    /** Drops of the data plane by reason, for stats and metrics. */
    public Map<String, Long> dataPlaneDrops() {
        Map<String, Long> out = new java.util.TreeMap<>();
        if (plane != null) {
            plane.dropCounters().forEach((reason, n) -> out.put(reason.name(), n));
        }
        return out;
    }

    /** Deletes every SA with a DELETE to its peer, then stops threads, sockets, routes and the TUN device. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        DMN.log(System.Logger.Level.INFO, "shutting down: deleting IKE_SAs");
        ike.shutdown(3000); // the NAT-T reader still runs: answers to the DELETEs may come on port 4500
        natTReader.stop(); // it writes to the TUN device and reads the socket: gone before either closes
        if (plainEsp != null) {
            plainEsp.close(); // its readers write to the TUN device too; a send in progress finishes first
        }
        ike.close();
        events.shutdownNow();
        if (tunAgent != null) {
            tunAgent.stop();
        }
        if (tun != null) {
            tun.close();
        }
        if (espTransport instanceof AutoCloseable c) {
            closeQuietly(c);
        }
        if (tunThread != null) {
            try {
                tunThread.join(2000); // it sends on the NAT-T socket's fd: it must be gone before the socket closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        logDataPathCounters();
        if (backend != null) {
            backend.removeAllRoutes();
        }
        sockets.close();
        DMN.log(System.Logger.Level.INFO, "jswan stopped");
    }

    /** How well batching worked: datagrams per sendmmsg entry (UDP GSO), segments per merged TUN write (GRO). */
    private void logDataPathCounters() {
        StringBuilder b = new StringBuilder("data path:");
        EspTransport udp = espTransport instanceof DualEspTransport d ? d.udp() : espTransport;
        if (udp instanceof SendmmsgEspTransport t) {
            b.append(" sent ").append(t.sender().datagramsSent()).append(" ESP datagrams in ")
                    .append(t.sender().messagesBuilt()).append(" sendmmsg entries (")
                    .append(t.sender().gsoMessagesBuilt()).append(" GSO), ").append(t.sender().drops())
                    .append(" dropped;");
        }
        if (tun != null) {
            b.append(" TUN: ").append(tun.splitSegments()).append(" segments cut from ").append(tun.splitReads())
                    .append(" TSO reads, ").append(tun.mergedSegments()).append(" segments in ")
                    .append(tun.mergedWrites())
                    .append(" merged writes, ").append(tun.writeDrops()).append(" write drops;");
        }
        if (natTReader.loop() != null) {
            b.append(" NAT-T socket: ").append(natTReader.loop().counters()).append(';');
        }
        if (plainEsp != null) {
            b.append(' ').append(plainEsp.counters()).append(';');
        }
        b.append(" ESP drops ").append(dataPlaneDrops());
        DMN.log(System.Logger.Level.INFO, b.toString());
    }

    private static void closeQuietly(final AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            DMN.log(System.Logger.Level.WARNING, "closing " + c + ": " + e.getMessage());
        }
    }

    static String version() {
        String v = Gateway.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** Lets the receiver reach the daemon, which is created after the sockets. */
    private static final class Holder {
        volatile IkeDaemon ike;
    }

    /**
     * Splits traffic of the UDP sockets between the IKE daemon and the ESP engine: on the event loop, and IKE on
     * port 4500 also from the NAT-T socket's own reader.
     */
    private static final class Receiver implements DatagramReceiver {
        private static final int LOCAL_FOR_LIMIT = 4096;
        private final Holder holder;
        private final Map<InetAddress, InetAddress> localFor = new ConcurrentHashMap<>();
        /** Set when Netty's event loop reads ESP (at start, or when the NAT-T socket's own reader gave up). */
        volatile EspReceiver esp;

        Receiver(final Holder holder) {
            this.holder = holder;
        }

        @Override
        public void onIke(final ByteBuf message, final InetSocketAddress local, final InetSocketAddress remote) {
            IkeDaemon ike = holder.ike;
            if (ike == null || remote.getPort() == 0) {
                return; // no IKE peer sends from port 0, and no answer could reach it
            }
            byte[] data = ByteBufUtil.getBytes(message);
            try {
                ike.receive(data, resolveLocal(local, remote), remote);
            } catch (RejectedExecutionException e) {
                // shutting down: the IKE daemon takes no more work
            }
        }

        /** A wildcard-bound socket does not say which address a datagram came to; ask the routing table. */
        private InetSocketAddress resolveLocal(final InetSocketAddress local, final InetSocketAddress remote) {
            if (local != null && !local.getAddress().isAnyLocalAddress()) {
                return local;
            }
            if (localFor.size() >= LOCAL_FOR_LIMIT) {
                localFor.clear(); // spoofed sources must not grow it without bound; real peers are looked up again
            }
            InetAddress addr = localFor.computeIfAbsent(remote.getAddress(), r -> {
                try (DatagramSocket probe = new DatagramSocket()) {
                    probe.connect(r, remote.getPort());
                    return probe.getLocalAddress();
                } catch (IOException | RuntimeException e) { // connect() reports some failures unchecked
                    return InetAddress.getLoopbackAddress();
                }
            });
            return new InetSocketAddress(addr, local == null ? 0 : local.getPort());
        }

        @Override
        public void onEsp(final ByteBuf datagram, final InetSocketAddress local, final InetSocketAddress remote) {
            EspReceiver e = esp;
            if (e != null) {
                e.stage(datagram);
            }
        }

        @Override
        public void onBatchEnd() {
            EspReceiver e = esp;
            if (e != null) {
                e.flush();
            }
        }
    }

    /** For tests: which sockets are bound. */
    public List<Integer> ports() {
        return List.of(sockets.ikePort(), sockets.natTPort());
    }
}
