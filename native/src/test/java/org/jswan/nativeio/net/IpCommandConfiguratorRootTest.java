package org.jswan.nativeio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jswan.nativeio.tun.LinuxTunDevice;
import org.jswan.nativeio.tun.TunOptions;
import org.junit.jupiter.api.Test;

/** The real {@code ip} on a real TUN: routes with table, metric and source go in and out. Needs CAP_NET_ADMIN. */
class IpCommandConfiguratorRootTest {
    private final IpCommandConfigurator ip = new IpCommandConfigurator();

    @Test
    void routesWithTableMetricAndSourceAreAddedAndDeleted() throws Exception {
        assumeTrue(Files.exists(Path.of(LinuxTunDevice.CLONE_DEVICE)), "skipped: /dev/net/tun is missing");
        assumeTrue(hasNetAdmin(), "skipped: needs root or CAP_NET_ADMIN");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String name = String.format("jt%08x", random.nextInt());
        int x = random.nextInt(256);
        InetAddress local = InetAddress.getByName("198.18." + x + ".1");
        int table = 20_000 + random.nextInt(10_000);
        Route route = Route.to(IpPrefix.parse("198.19." + x + ".0/24"), name).withTable(table).withMetric(7)
                .withSource(local);
        try (LinuxTunDevice dev = LinuxTunDevice.open(TunOptions.of(name, 1400))) {
            ip.addAddress(name, new IpPrefix(local, 30));
            ip.linkUp(name);
            ip.addRoute(route);
            String shown = show(table);
            assertTrue(shown.contains("198.19." + x + ".0/24 dev " + name), shown);
            assertTrue(shown.contains("src " + local.getHostAddress()), shown);
            assertTrue(shown.contains("metric 7"), shown);
            NetConfigException dup = assertThrows(NetConfigException.class, () -> ip.addRoute(route));
            assertTrue(dup.stderr().contains("File exists"), dup.stderr());
            ip.deleteRoute(route);
            assertFalse(show(table).contains(name));
            ip.linkDown(name);
        }
        assertFalse(ip.linkExists(name));
    }

    private static String show(final int table) throws IOException {
        CommandRunner.Result r = new ProcessCommandRunner(5_000).run(List.of("ip", "-4", "route", "show", "table",
                Integer.toString(table)));
        assertEquals(0, r.exitStatus(), r.stderr());
        return r.stdout();
    }

    private static boolean hasNetAdmin() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) >> 12 & 1) != 0;
            }
        }
        return false;
    }
}
