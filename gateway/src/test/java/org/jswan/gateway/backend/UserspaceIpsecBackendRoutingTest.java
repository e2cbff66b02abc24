package org.jswan.gateway.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.jswan.esp.engine.EspDataPlane;
import org.jswan.ike.spi.AddSaRequest;
import org.jswan.ike.spi.PolicyRequest;
import org.jswan.ike.spi.SaId;
import org.jswan.ike.spi.Selector;
import org.jswan.lab.Lab;
import org.jswan.lab.Namespace;
import org.jswan.nativeio.net.IpCommandConfigurator;
import org.jswan.nativeio.net.ProcessCommandRunner;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own routing decision after the backend installed a transport-mode CHILD_SA (root, one network
 * namespaces; a veth end stands in for the TUN device): traffic to the peer goes to the TUN device, but the
 * tunnel's own ESP-in-UDP and IKE packets to the same address leave on the physical interface. With a main-table
 * route to the peer (the old behaviour) the UDP 4500 lookup would also answer {@code dev jt0}: the loop.
 */
class UserspaceIpsecBackendRoutingTest {

    @Test
    void transportModeLeavesIkeAndEspToThePeerOnThePhysicalInterface() throws Exception {
        try (Lab lab = Lab.open("UserspaceIpsecBackendRoutingTest/transport")) {
            Namespace gw = lab.namespace("gw");
            Namespace peer = lab.namespace("peer");
            lab.link(gw, "wg0", peer, "wp0");
            gw.addAddress("wg0", "192.0.2.1/24");
            lab.link(gw, "jt0", lab.namespace("tun"), "jt1"); // this kernel has no dummy device
            gw.up("jt0");
            ProcessCommandRunner runner = new ProcessCommandRunner(5000);
            UserspaceIpsecBackend backend = new UserspaceIpsecBackend(new EspDataPlane(),
                    new IpCommandConfigurator("ip", command -> runner.run(gw.inside(command))), "jt0");
            InetAddress local = InetAddress.getByName("192.0.2.1");
            InetAddress remote = InetAddress.getByName("192.0.2.2");
            Selector src = new Selector(local, local, 0, 0, 65535);
            Selector dst = new Selector(remote, remote, 0, 0, 65535);
            SaId sa = new SaId(local, remote, 0x4321, SaId.ESP);
            backend.addSa(new AddSaRequest(sa, 1, false, AddSaRequest.Mode.TRANSPORT, List.of(src), List.of(dst), 20,
                    new byte[20], 0, new byte[0], 0, false, new AddSaRequest.UdpEncapsulation(4500, 4500), null,
                    null));
            PolicyRequest out = new PolicyRequest(src, dst, PolicyRequest.Direction.OUT, 1, sa,
                    AddSaRequest.Mode.TRANSPORT, 0);
            backend.addPolicy(out);

            assertTrue(routeGet(gw, "ipproto", "icmp").contains("dev jt0"), "protected traffic into the TUN device");
            assertTrue(routeGet(gw, "ipproto", "tcp", "dport", "443").contains("dev jt0"));
            assertTrue(routeGet(gw, "ipproto", "udp", "dport", "4500").contains("dev wg0"), "ESP-in-UDP and IKE");
            assertTrue(routeGet(gw, "ipproto", "udp", "dport", "500").contains("dev wg0"), "IKE on port 500");

            backend.deletePolicy(out);
            backend.removeAllRoutes();
            String rules = gw.execOk("ip", "rule", "show").output();
            assertFalse(rules.contains("192.0.2.2"), "rules left behind:\n" + rules);
            assertTrue(routeGet(gw, "ipproto", "icmp").contains("dev wg0"));
        }
    }

    private static String routeGet(final Namespace ns, final String... selector) {
        String[] argv = new String[4 + selector.length];
        argv[0] = "ip";
        argv[1] = "route";
        argv[2] = "get";
        argv[3] = "192.0.2.2";
        System.arraycopy(selector, 0, argv, 4, selector.length);
        return ns.execOk(argv).output();
    }
}
