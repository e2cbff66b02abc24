package org.jswan.gateway.statickey;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.jswan.esp.api.Direction;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.PolicySpec;
import org.jswan.esp.api.SaSpec;
import org.jswan.esp.api.SaStats;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.esp.engine.EspDataPlane;
import org.jswan.esp.engine.InboundProcessor;
import org.jswan.esp.engine.TunReaderAgent;
import org.jswan.nativeio.net.IpCommandConfigurator;
import org.jswan.nativeio.tun.LinuxTunDevice;
import org.jswan.nativeio.tun.TunOptions;

/**
 * One running static-key tunnel: its TUN device, an {@link EspDataPlane} with the two SAs and the outbound policy,
 * the routes, a UDP or raw ESP socket, and two threads (TUN reader: encapsulate and send; socket reader: decapsulate
 * and write to the TUN device). {@link #close()} undoes everything.
 */
public final class StaticTunnel implements AutoCloseable {
    private static final System.Logger ESP = System.getLogger("ESP");
    private static final int REQID = 1;
    private static final int MAX_DATAGRAM = 65535;
    // No anti-replay by default (replay_window = 0): RFC 4303 §3.3.3 / RFC 4301 §4.5 — with manual keys the
    // sequence number restarts whenever either side restarts, so a window would lock out a restarted peer.

    private final StaticTunnelConfig config;
    private final EspDataPlane plane;
    private final LinuxTunDevice tun;
    private final StaticRoutes routes;
    private final TunReaderAgent agent;
    private final Runnable closeSocket;

    private StaticTunnel(final StaticTunnelConfig config, final EspDataPlane plane, final LinuxTunDevice tun,
            final StaticRoutes routes, final TunReaderAgent agent, final Runnable closeSocket) {
        this.config = config;
        this.plane = plane;
        this.tun = tun;
        this.routes = routes;
        this.agent = agent;
        this.closeSocket = closeSocket;
    }

    /** Sets everything up and starts the threads; on failure nothing is left behind. */
    public static StaticTunnel start(final StaticTunnelConfig c) throws IOException {
        EspDataPlane plane = new EspDataPlane();
        EspEndpoint endpoint = new EspEndpoint(new InetSocketAddress(c.local(), c.localPort()),
                new InetSocketAddress(c.remote(), c.remotePort()), c.udpEncap());
        plane.installSa(spec(c, c.out(), Direction.OUTBOUND, endpoint));
        plane.installSa(spec(c, c.in(), Direction.INBOUND, endpoint));
        for (TrafficSelector l : c.localTs()) {
            for (TrafficSelector r : c.remoteTs()) {
                if (l.ipv6() == r.ipv6()) {
                    plane.addPolicy(new PolicySpec(l, r, REQID, 0));
                }
            }
        }
        LinuxTunDevice tun = LinuxTunDevice.open(TunOptions.of(c.tun(), c.mtu()));
        StaticRoutes routes = new StaticRoutes();
        Runnable closeSocket = null;
        boolean ok = false;
        try {
            IpCommandConfigurator ip = new IpCommandConfigurator();
            ip.setMtu(c.tun(), c.mtu());
            ip.linkUp(c.tun());
            TunReaderAgent agent;
            Runnable receiver;
            if (c.udpEncap()) {
                // One datagram per receive() call, so a batch of one.
                UdpEspSocket udp = new UdpEspSocket(endpoint.local(), endpoint.remote(),
                        new InboundProcessor(tun, plane, InboundProcessor.Arrival.UDP, 1, MAX_DATAGRAM));
                closeSocket = udp::close;
                receiver = udp;
                agent = new TunReaderAgent(tun, plane, udp);
            } else {
                // A raw socket delivers up to a batch at once; stage them all.
                RawEspChannel raw = new RawEspChannel(c.local(), c.remote(),
                        new InboundProcessor(tun, plane, c.local() instanceof Inet6Address
                                ? InboundProcessor.Arrival.PLAIN_IPV6 : InboundProcessor.Arrival.PLAIN_IPV4,
                                tun.batchSize(), MAX_DATAGRAM));
                closeSocket = raw::close;
                receiver = raw;
                agent = new TunReaderAgent(tun, plane, raw);
            }
            routes.install(c);
            start(agent, "jswan-tun-" + c.tun());
            start(receiver, "jswan-esp-" + c.tun());
            ok = true;
            ESP.log(System.Logger.Level.INFO, "static tunnel " + c.tun() + " up: " + c.mode() + " mode, "
                    + c.local().getHostAddress() + " <=> " + c.remote().getHostAddress() + ", "
                    + (c.udpEncap() ? "ESP-in-UDP " + c.localPort() + " <=> " + c.remotePort() : "plain ESP")
                    + ", out " + c.out() + ", in " + c.in() + ", " + prefixes(c.localTs()) + " <=> "
                    + prefixes(c.remoteTs()));
            return new StaticTunnel(c, plane, tun, routes, agent, closeSocket);
        } finally {
            if (!ok) {
                routes.close();
                if (closeSocket != null) {
                    closeSocket.run();
                }
                tun.close();
            }
        }
    }

    private static String prefixes(final List<TrafficSelector> selectors) {
        StringBuilder b = new StringBuilder();
        for (TrafficSelector s : selectors) {
            b.append(b.length() == 0 ? "" : ",").append(s.address().getHostAddress()).append('/')
                    .append(s.prefixLength());
        }
        return b.toString();
    }

    private static void start(final Runnable r, final String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static SaSpec spec(final StaticTunnelConfig c, final StaticSa sa, final Direction direction,
            final EspEndpoint endpoint) {
        return new SaSpec(sa.spi(), direction, c.mode(), REQID, endpoint, sa.algorithm().encrId(),
                sa.algorithm().integId(), sa.algorithm().keyBits(), sa.encryptionKey().clone(),
                sa.integrityKey().clone(), c.esn(), c.replayWindow(), null, null, c.localTs(), c.remoteTs(), 0,
                sa.initialSeq());
    }

    public StaticTunnelConfig config() {
        return config;
    }

    /** One line of counters: packets each way and the drops by reason. */
    public String stats() {
        SaStats out = plane.querySa(config.out().spi(), Direction.OUTBOUND);
        SaStats in = plane.querySa(config.in().spi(), Direction.INBOUND);
        StringBuilder b = new StringBuilder(config.tun()).append(": out ").append(out.packets()).append(" packets, in ")
                .append(in.packets()).append(" packets");
        for (Map.Entry<DropReason, Long> e : plane.dropCounters().entrySet()) {
            if (e.getValue() > 0) {
                b.append(", ").append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        agent.stop();
        closeSocket.run();
        tun.close();
        routes.close();
        plane.removeSa(config.out().spi(), Direction.OUTBOUND);
        plane.removeSa(config.in().spi(), Direction.INBOUND);
    }
}
