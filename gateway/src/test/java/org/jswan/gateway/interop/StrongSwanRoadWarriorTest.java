package org.jswan.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jswan.lab.Charon;
import org.jswan.lab.ChildSa;
import org.jswan.lab.IkeSa;
import org.jswan.lab.Lab;
import org.jswan.lab.Ping;
import org.jswan.lab.PingResult;
import org.jswan.lab.SiteToSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * jswan as a remote-access gateway for a strongSwan road warrior ({@code vips = 0.0.0.0}): jswan assigns a
 * virtual IP from its pool in a CFG_REPLY (RFC 7296 §2.19) along with the pool's DNS server, narrows the CHILD_SA
 * to that address, and the client reaches the network behind jswan from its virtual IP.
 */
class StrongSwanRoadWarriorTest {
    private static final String IKE = "aes128gcm16-prfsha256-x25519";
    private static final String ESP = "aes128gcm16";

    @RegisterExtension
    final Lab lab = Lab.create();

    @Test
    @Timeout(60)
    void clientGetsAVirtualIpFromThePool() {
        Lab.assumeCharon();
        SiteToSite net = SiteToSite.build(lab);
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_A_WAN, "%any", SiteToSite.SUBNET_A, "dynamic",
                        "gwa.jswan.test", "gwb.jswan.test", IKE, ESP, "none", "pools = rw", "")
                        + "pools {\n    rw {\n        addrs = 10.3.0.0/24\n        dns = 10.1.0.53\n    }\n}\n")
                .start();
        Charon client = lab.charon(net.gwB(), "gwB").logLevels("ike 1, cfg 1, enc 1")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, "dynamic",
                        SiteToSite.SUBNET_A, "gwb.jswan.test", "gwa.jswan.test", IKE, ESP, "none", "vips = 0.0.0.0",
                        ""))
                .start();
        client.initiate("net");
        jswan.awaitLog("CHILD_SA net{", Duration.ofSeconds(20));

        IkeSa ike = StrongSwanInteropPskTest.awaitEstablished(client);
        ChildSa child = ike.child("net");
        assertEquals("INSTALLED", child.state(), child.toString());
        assertEquals(List.of("10.3.0.1/32"), child.localTs(), "the client's side is its virtual IP");
        assertEquals(List.of(SiteToSite.SUBNET_A), child.remoteTs());
        String log = client.logTail(100_000);
        assertTrue(log.contains("installing new virtual IP 10.3.0.1"), log);
        assertTrue(log.contains("CPRP(ADDR DNS)"), "the CFG_REPLY carried an address and the pool's DNS server:\n"
                + log);
        assertTrue(jswan.log().contains("assigning virtual IP 10.3.0.1 to peer 'gwb.jswan.test'"), jswan.log());

        PingResult ping = Ping.ping(net.gwB(), SiteToSite.HOST_A, 4, Duration.ofSeconds(8));
        assertEquals(4, ping.received(), "from the virtual IP through the tunnel:\n" + ping.output());
        assertEquals(0, jswan.stop(), "SIGTERM exits 0");
    }
}
