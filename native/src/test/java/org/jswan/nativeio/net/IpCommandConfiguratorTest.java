package org.jswan.nativeio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IpCommandConfiguratorTest {
    private final List<String> commands = new ArrayList<>();
    private CommandRunner.Result next = new CommandRunner.Result(0, "", "");
    private final IpCommandConfigurator ip = new IpCommandConfigurator("ip", command -> {
        commands.add(String.join(" ", command));
        return next;
    });

    @Test
    void linkAndAddressCommands() throws Exception {
        ip.setMtu("jt1", 1400);
        ip.addAddress("jt1", IpPrefix.parse("198.18.7.1/30"));
        ip.addAddress("jt1", IpPrefix.parse("198.18.8.1/30"), true);
        ip.addAddress("jt1", IpPrefix.parse("2001:2::1/64"), true);
        ip.linkUp("jt1");
        ip.linkDown("jt1");
        ip.deleteLink("jt1");
        assertEquals(List.of(
                "ip link set dev jt1 mtu 1400",
                "ip -4 addr add 198.18.7.1/30 dev jt1",
                "ip -4 addr add 198.18.8.1/30 dev jt1",
                "ip -6 addr add 2001:2:0:0:0:0:0:1/64 dev jt1 nodad",
                "ip link set dev jt1 up",
                "ip link set dev jt1 down",
                "ip link del dev jt1"), commands);
    }

    @Test
    void routeCommandsWithOptionalTableMetricAndSource() throws Exception {
        Route plain = Route.to(IpPrefix.parse("10.1.0.0/16"), "jt1");
        ip.addRoute(plain);
        ip.addRoute(plain.withTable(220).withMetric(5).withSource(InetAddress.getByName("198.18.7.1")));
        ip.deleteRoute(Route.to(IpPrefix.parse("2001:db8::/32"), "jt1").withMetric(0));
        assertEquals(List.of(
                "ip -4 route add 10.1.0.0/16 dev jt1",
                "ip -4 route add 10.1.0.0/16 dev jt1 table 220 metric 5 src 198.18.7.1",
                "ip -6 route del 2001:db8:0:0:0:0:0:0/32 dev jt1 metric 0"), commands);
    }

    @Test
    void routeRejectsMixedFamilies() {
        assertThrows(IllegalArgumentException.class, () -> Route.to(IpPrefix.parse("10.0.0.0/8"), "jt1")
                .withSource(InetAddress.getByName("::1")));
    }

    @Test
    void failureCarriesCommandAndStderr() {
        next = new CommandRunner.Result(2, "", "RTNETLINK answers: Operation not permitted\n");
        NetConfigException e = assertThrows(NetConfigException.class, () -> ip.linkUp("jt1"));
        assertEquals(List.of("ip", "link", "set", "dev", "jt1", "up"), e.command());
        assertEquals(2, e.exitStatus());
        assertEquals("'ip link set dev jt1 up' failed with exit status 2: RTNETLINK answers: Operation not permitted",
                e.getMessage());
    }

    @Test
    void runnerFailureBecomesNetConfigException() {
        IpCommandConfigurator broken = new IpCommandConfigurator("/nonexistent/ip", command -> {
            throw new IOException("Cannot run program \"/nonexistent/ip\"");
        });
        NetConfigException e = assertThrows(NetConfigException.class, () -> broken.setMtu("jt1", 1400));
        assertEquals(-1, e.exitStatus());
        assertTrue(e.getMessage().contains("/nonexistent/ip link set dev jt1 mtu 1400"), e.getMessage());
        assertTrue(e.getMessage().contains("Cannot run program"), e.getMessage());
    }

    @Test
    void linkExistsReadsTheAnswer() throws Exception {
        assertTrue(ip.linkExists("lo"));
        next = new CommandRunner.Result(1, "", "Device \"jt9\" does not exist.\n");
        assertFalse(ip.linkExists("jt9"));
        next = new CommandRunner.Result(255, "", "Cannot open netlink socket\n");
        assertThrows(NetConfigException.class, () -> ip.linkExists("jt9"));
    }

    @Test
    void realIpCommandReportsItsStderr() {
        // Runs the real binary (no privilege needed to fail): the message must carry ip's own words.
        NetworkConfigurator real = new IpCommandConfigurator();
        NetConfigException e = assertThrows(NetConfigException.class, () -> real.linkUp("jtnosuchdev0"));
        assertTrue(e.stderr().contains("jtnosuchdev0"), e.stderr());
        assertTrue(e.getMessage().startsWith("'ip link set dev jtnosuchdev0 up' failed"), e.getMessage());
    }

    @Test
    void ruleCommandsWithProtocolAndPorts() throws Exception {
        ip.addRule(RoutingRule.to(220, IpPrefix.parse("192.0.2.2/32"), 220));
        ip.addRule(new RoutingRule(219, IpPrefix.parse("192.0.2.2/32"), 17, 4500, 4500, RoutingRule.MAIN));
        ip.deleteRule(new RoutingRule(220, IpPrefix.parse("2001:db8::2/128"), 6, 1000, 2000, 220));
        assertEquals(List.of(
                "ip -4 rule add pref 220 to 192.0.2.2/32 lookup 220",
                "ip -4 rule add pref 219 to 192.0.2.2/32 ipproto 17 dport 4500 lookup main",
                "ip -6 rule del pref 220 to 2001:db8:0:0:0:0:0:2/128 ipproto 6 dport 1000-2000 lookup 220"), commands);
        assertThrows(IllegalArgumentException.class,
                () -> new RoutingRule(220, IpPrefix.parse("192.0.2.2/32"), 0, 80, 80, 220), "a port needs a protocol");
    }
}
