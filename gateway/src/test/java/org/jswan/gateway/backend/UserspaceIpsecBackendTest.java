package org.jswan.gateway.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.jswan.esp.api.Direction;
import org.jswan.esp.engine.EspDataPlane;
import org.jswan.lab.Lab;
import org.jswan.nativeio.tun.TunDevice;
import org.mockito.Mockito;
import org.jswan.ike.spi.AddSaRequest;
import org.jswan.ike.spi.BackendException;
import org.jswan.ike.spi.BackendFeature;
import org.jswan.ike.spi.PolicyRequest;
import org.jswan.ike.spi.SaId;
import org.jswan.ike.spi.Selector;
import org.jswan.nativeio.net.IpPrefix;
import org.jswan.nativeio.net.NetworkConfigurator;
import org.jswan.nativeio.net.Route;
import org.jswan.nativeio.net.RoutingRule;
import org.junit.jupiter.api.Test;

/** Routes and rules the backend installs, recorded by a fake configurator; and the route source it picks. */
class UserspaceIpsecBackendTest {
    private final List<String> calls = new ArrayList<>();
    private final NetworkConfigurator net = new NetworkConfigurator() {
        @Override
        public void setMtu(final String device, final int mtu) {
        }

        @Override
        public void addAddress(final String device, final IpPrefix address, final boolean noDad) {
        }

        @Override
        public void linkUp(final String device) {
        }

        @Override
        public void linkDown(final String device) {
        }

        @Override
        public void addRoute(final Route route) {
            calls.add("route add " + route.destination() + " table " + route.table());
        }

        @Override
        public void deleteRoute(final Route route) {
            calls.add("route del " + route.destination() + " table " + route.table());
        }

        @Override
        public void deleteLink(final String device) {
        }

        @Override
        public boolean linkExists(final String device) {
            return true;
        }

        @Override
        public void addRule(final RoutingRule r) {
            calls.add("rule add " + r.priority() + " " + r.to() + " " + r.ipProtocol() + "/" + r.portFrom() + "-"
                    + r.portTo() + " " + r.table());
        }

        @Override
        public void deleteRule(final RoutingRule r) {
            calls.add("rule del " + r.priority() + " " + r.to());
        }
    };
    private final UserspaceIpsecBackend backend = new UserspaceIpsecBackend(new EspDataPlane(), net, "jt0");

    private static InetAddress ip(final String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static Selector host(final String a) throws Exception {
        return new Selector(ip(a), ip(a), 0, 0, 65535);
    }

    private void outboundSa(final String local, final String peer, final int peerPort, final AddSaRequest.Mode mode,
            final Selector src, final Selector dst) throws Exception {
        backend.addSa(new AddSaRequest(new SaId(ip(local), ip(peer), 0x1234, SaId.ESP), 1, false, mode, List.of(src),
                List.of(dst), 20, new byte[20], 0, new byte[0], 0, false,
                new AddSaRequest.UdpEncapsulation(4500, peerPort), null, null));
    }

    /**
     * With raw ESP sockets and {@code --esp-encap nat}, IKE may negotiate plain ESP: such an SA installs, and a route
     * that covers the peer also keeps IP protocol 50 to it in the main table (else ESP to the peer would loop into
     * the TUN device).
     */
    @Test
    void withRawSocketsPlainEspInstallsAndBypassesTheTun() throws Exception {
        Lab.assumeRoot();
        EspDataPlane plane = new EspDataPlane();
        try (PlainEspSockets raw = PlainEspSockets.open(Mockito.mock(TunDevice.class), plane, 4, 2000)) {
            UserspaceIpsecBackend b = new UserspaceIpsecBackend(plane, net, "jt0", false, raw, null);
            assertFalse(b.features().contains(BackendFeature.REQUIRE_UDP_ENCAPSULATION), "IKE may go plain");
            Selector src = host("192.0.2.1");
            Selector dst = host("192.0.2.2");
            SaId sa = new SaId(ip("192.0.2.1"), ip("192.0.2.2"), 0x1234, SaId.ESP);
            b.addSa(new AddSaRequest(sa, 1, false, AddSaRequest.Mode.TRANSPORT, List.of(src), List.of(dst), 20,
                    new byte[20], 0, new byte[0], 0, false, null, null, null));
            assertNotNull(plane.querySa(0x1234, Direction.OUTBOUND), "the plain-ESP SA is installed");
            b.addPolicy(new PolicyRequest(src, dst, PolicyRequest.Direction.OUT, 1, sa, AddSaRequest.Mode.TRANSPORT,
                    0));
            assertEquals(List.of(
                    "rule add 219 192.0.2.2/32 17/500-500 254",
                    "rule add 219 192.0.2.2/32 17/4500-4500 254",
                    "rule add 219 192.0.2.2/32 50/0-0 254",
                    "route add 192.0.2.2/32 table 220",
                    "rule add 220 192.0.2.2/32 0/0-0 220"), calls);
        }
    }

    /**
     * Without raw ESP sockets IKE is told to UDP-encapsulate everything; a CHILD_SA negotiated without it anyway (a
     * peer that does not do NAT traversal) is refused with the reason, not installed to send ESP-in-UDP to a peer
     * that cannot take it.
     */
    @Test
    void withoutRawSocketsAChildSaWithoutEncapsulationIsRefused() throws Exception {
        UserspaceIpsecBackend noRaw = new UserspaceIpsecBackend(new EspDataPlane(), net, "jt0", false, null,
                "raw sockets need CAP_NET_RAW");
        assertTrue(noRaw.features().contains(BackendFeature.REQUIRE_UDP_ENCAPSULATION));
        Selector src = host("10.1.0.1");
        Selector dst = host("10.2.0.1");
        BackendException e = assertThrows(BackendException.class, () -> noRaw.addSa(new AddSaRequest(
                new SaId(ip("192.0.2.1"), ip("192.0.2.2"), 0x1234, SaId.ESP), 1, false, AddSaRequest.Mode.TUNNEL,
                List.of(src), List.of(dst), 20, new byte[20], 0, new byte[0], 0, false, null, null, null)));
        assertTrue(e.getMessage().contains("without UDP encapsulation") && e.getMessage().contains("CAP_NET_RAW"),
                e.getMessage());
    }

    /**
     * Transport mode protects traffic to the peer's own address: a main-table route would send the ESP-in-UDP and
     * IKE packets to the peer back into the TUN device. The route goes to table 220, selected by a rule for the
     * protected protocol, after rules that keep UDP 500 and the peer's ESP port in the main table.
     */
    @Test
    void transportModeRouteCannotCatchTheTunnelsOwnPackets() throws Exception {
        Selector src = new Selector(ip("192.0.2.1"), ip("192.0.2.1"), 6, 0, 65535);
        Selector dst = new Selector(ip("192.0.2.2"), ip("192.0.2.2"), 6, 0, 65535);
        outboundSa("192.0.2.1", "192.0.2.2", 4501, AddSaRequest.Mode.TRANSPORT, src, dst);
        PolicyRequest out = new PolicyRequest(src, dst, PolicyRequest.Direction.OUT, 1,
                new SaId(ip("192.0.2.1"), ip("192.0.2.2"), 0x1234, SaId.ESP), AddSaRequest.Mode.TRANSPORT, 0);
        backend.addPolicy(out);
        assertEquals(List.of(
                "rule add 219 192.0.2.2/32 17/500-500 254",
                "rule add 219 192.0.2.2/32 17/4501-4501 254",
                "route add 192.0.2.2/32 table 220",
                "rule add 220 192.0.2.2/32 6/0-0 220"), calls);
        calls.clear();
        backend.deletePolicy(out);
        assertEquals(List.of("rule del 220 192.0.2.2/32", "route del 192.0.2.2/32 table 220"), calls);
        calls.clear();
        backend.removeAllRoutes();
        assertEquals(List.of("rule del 219 192.0.2.2/32", "rule del 219 192.0.2.2/32"), calls);
    }

    /** A transport-mode trap policy has no SA yet: its remote selector is the peer, so it gets the rules too. */
    @Test
    void transportTrapPolicyWithoutSaStillBypassesIke() throws Exception {
        backend.addPolicy(new PolicyRequest(host("192.0.2.1"), host("192.0.2.7"), PolicyRequest.Direction.OUT, 3,
                null, AddSaRequest.Mode.TRANSPORT, 0));
        assertEquals(List.of(
                "rule add 219 192.0.2.7/32 17/500-500 254",
                "rule add 219 192.0.2.7/32 17/4500-4500 254",
                "route add 192.0.2.7/32 table 220",
                "rule add 220 192.0.2.7/32 0/0-0 220"), calls);
    }

    /** A tunnel whose remote subnet includes the peer's outer address needs the same protection. */
    @Test
    void tunnelCoveringThePeerUsesTable220ElseTheMainTable() throws Exception {
        Selector local = new Selector(ip("10.1.0.0"), ip("10.1.0.255"), 0, 0, 65535);
        Selector all = new Selector(ip("0.0.0.0"), ip("255.255.255.255"), 0, 0, 65535);
        Selector subnet = new Selector(ip("10.2.0.0"), ip("10.2.0.255"), 0, 0, 65535);
        SaId sa = new SaId(ip("192.0.2.1"), ip("192.0.2.2"), 0x1234, SaId.ESP);
        backend.addPolicy(new PolicyRequest(local, subnet, PolicyRequest.Direction.OUT, 1, sa,
                AddSaRequest.Mode.TUNNEL, 0));
        assertEquals(List.of("route add 10.2.0.0/24 table 0"), calls);
        calls.clear();
        backend.addPolicy(new PolicyRequest(local, all, PolicyRequest.Direction.OUT, 2, sa, AddSaRequest.Mode.TUNNEL,
                0));
        assertEquals(List.of(
                "rule add 219 192.0.2.2/32 17/500-500 254",
                "rule add 219 192.0.2.2/32 17/4500-4500 254",
                "route add 0.0.0.0/0 table 220",
                "rule add 220 0.0.0.0/0 0/0-0 220"), calls);
    }

    /** {@code ip route ... src} takes neither a scope id nor a link-local address (valid on one link only). */
    @Test
    void routeSourceIsGlobalAndWithoutScopeId() throws Exception {
        Selector any6 = new Selector(ip("::"), ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 0, 0, 65535);
        InetAddress linkLocal = InetAddress.getByName("fe80::1%1");
        InetAddress scopedGlobal = java.net.Inet6Address.getByAddress(null, ip("fd00::5").getAddress(), 1);
        InetAddress chosen = UserspaceIpsecBackend.sourceWithin(any6, false,
                List.of(ip("::1"), linkLocal, ip("10.1.0.1"), scopedGlobal));
        assertEquals(ip("fd00::5"), chosen);
        assertEquals("fd00:0:0:0:0:0:0:5", chosen.getHostAddress(), "no %scope suffix");
        assertNull(UserspaceIpsecBackend.sourceWithin(any6, false, List.of(ip("::1"), linkLocal)));
        Selector local4 = host("10.1.0.1");
        assertEquals(ip("10.1.0.1"), UserspaceIpsecBackend.sourceWithin(local4, true,
                List.of(ip("127.0.0.1"), ip("10.9.0.1"), ip("10.1.0.1"))));
    }
}
