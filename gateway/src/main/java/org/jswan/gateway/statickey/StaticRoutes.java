package org.jswan.gateway.statickey;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;

import org.jswan.esp.api.Mode;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.nativeio.net.CommandRunner;
import org.jswan.nativeio.net.IpCommandConfigurator;
import org.jswan.nativeio.net.IpPrefix;
import org.jswan.nativeio.net.NetConfigException;
import org.jswan.nativeio.net.ProcessCommandRunner;
import org.jswan.nativeio.net.Route;

/**
 * Steers a static tunnel's traffic into its TUN device and undoes it on {@link #close()}.
 *
 * <p>Tunnel mode: one route per remote selector, with a source address inside the local selectors (strongSwan's
 * kernel_libipsec_router). Transport mode protects traffic to the peer's own outer address, which the ESP packets
 * themselves go to as well; so the peer's address is routed into the TUN device in table {@value #TABLE}, and two
 * rules send the ESP packets (UDP to the peer's port, or IP protocol 50) through the main table and everything else
 * to the peer through table {@value #TABLE}.
 */
final class StaticRoutes implements AutoCloseable {
    /** strongSwan's default routing table for IPsec routes. */
    static final int TABLE = 220;
    private static final System.Logger KNL = System.getLogger("KNL");

    private final CommandRunner runner = new ProcessCommandRunner(5000);
    private final IpCommandConfigurator ip = new IpCommandConfigurator("ip", runner);
    private final Deque<List<String>> undo = new ArrayDeque<>();

    void install(final StaticTunnelConfig c) throws NetConfigException {
        if (c.mode() == Mode.TUNNEL) {
            InetAddress src = c.routeSource() != null ? c.routeSource() : addressWithin(c.localTs());
            for (TrafficSelector r : c.remoteTs()) {
                Route route = Route.to(new IpPrefix(r.address(), r.prefixLength()), c.tun());
                if (src != null && src.getClass() == r.address().getClass()) {
                    route = route.withSource(src);
                }
                ip.addRoute(route);
                undo.push(List.of("ip", family(r.address()), "route", "del", route.destination().toString(), "dev",
                        c.tun()));
                KNL.log(System.Logger.Level.INFO, "installing route " + route.destination() + " dev " + c.tun()
                        + (route.source() == null ? "" : " src " + route.source().getHostAddress()));
            }
            return;
        }
        int bits = c.remote().getAddress().length * 8;
        String to = c.remote().getHostAddress() + "/" + bits;
        String fam = family(c.remote());
        Route route = Route.to(new IpPrefix(c.remote(), bits), c.tun()).withTable(TABLE).withSource(c.local());
        ip.addRoute(route);
        undo.push(List.of("ip", fam, "route", "del", to, "dev", c.tun(), "table", Integer.toString(TABLE)));
        List<String> esp = new ArrayList<>(List.of("pref", Integer.toString(TABLE - 1), "to", to));
        if (c.udpEncap()) {
            esp.addAll(List.of("ipproto", "udp", "dport", Integer.toString(c.remotePort())));
        } else {
            esp.addAll(List.of("ipproto", "50"));
        }
        esp.addAll(List.of("lookup", "main"));
        rule(fam, esp);
        rule(fam, List.of("pref", Integer.toString(TABLE), "to", to, "lookup", Integer.toString(TABLE)));
        KNL.log(System.Logger.Level.INFO, "transport mode: traffic to " + c.remote().getHostAddress() + " goes to "
                + c.tun() + " (table " + TABLE + "), its ESP packets through the main table");
    }

    private void rule(final String family, final List<String> selector) throws NetConfigException {
        List<String> add = new ArrayList<>(List.of("ip", family, "rule", "add"));
        add.addAll(selector);
        run(add);
        List<String> del = new ArrayList<>(List.of("ip", family, "rule", "del"));
        del.addAll(selector);
        undo.push(del);
    }

    private void run(final List<String> command) throws NetConfigException {
        CommandRunner.Result r;
        try {
            r = runner.run(command);
        } catch (IOException e) {
            throw new NetConfigException(command, -1, String.valueOf(e.getMessage()), e);
        }
        if (r.exitStatus() != 0) {
            throw new NetConfigException(command, r.exitStatus(), r.stderr(), null);
        }
    }

    private static String family(final InetAddress a) {
        return a.getAddress().length == 4 ? "-4" : "-6";
    }

    /** An address of this host inside the local selectors, so traffic this host sends itself is protected. */
    static InetAddress addressWithin(final List<TrafficSelector> selectors) {
        try {
            Enumeration<NetworkInterface> ifs = NetworkInterface.getNetworkInterfaces();
            while (ifs.hasMoreElements()) {
                Enumeration<InetAddress> addrs = ifs.nextElement().getInetAddresses();
                while (addrs.hasMoreElements()) {
                    InetAddress a = addrs.nextElement();
                    for (TrafficSelector s : selectors) {
                        if (s.covers(a)) {
                            // without the scope id (fd01::1%lo), which `ip route ... src` does not accept
                            return InetAddress.getByAddress(a.getAddress());
                        }
                    }
                }
            }
        } catch (SocketException | java.net.UnknownHostException e) {
            return null;
        }
        return null;
    }

    /** Removes what {@link #install} added, newest first; what is already gone is skipped. */
    @Override
    public void close() {
        while (!undo.isEmpty()) {
            List<String> command = undo.pop();
            try {
                run(command);
            } catch (NetConfigException e) {
                KNL.log(System.Logger.Level.DEBUG, () -> String.join(" ", command) + ": " + e.getMessage());
            }
        }
    }
}
