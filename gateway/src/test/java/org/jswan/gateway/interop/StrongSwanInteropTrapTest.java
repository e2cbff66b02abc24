package org.jswan.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.jswan.lab.Charon;
import org.jswan.lab.IkeSa;
import org.jswan.lab.Lab;
import org.jswan.lab.Ping;
import org.jswan.lab.PingResult;
import org.jswan.lab.SiteToSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code start_action = trap} against strongSwan 5.9: jswan negotiates nothing until host A sends traffic to site
 * B; the first packet hits the trap policy, jswan initiates, and the ping gets through once the CHILD_SA is up.
 * After strongSwan deletes the IKE_SA, the trap brings the tunnel up again on the next packet.
 */
class StrongSwanInteropTrapTest {
    private static final String IKE = "aes128gcm16-prfsha256-x25519";
    private static final String ESP = "aes128gcm16";

    @RegisterExtension
    final Lab lab = Lab.create();

    @Test
    @Timeout(90)
    void trafficStartsTheTunnel() {
        Lab.assumeCharon();
        SiteToSite net = SiteToSite.build(lab);
        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 1")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, "gwb.jswan.test", "gwa.jswan.test", IKE, ESP, "none", "", ""))
                .start();
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                        SiteToSite.SUBNET_B, "gwa.jswan.test", "gwb.jswan.test", IKE, ESP, "trap", "", ""))
                .start();
        jswan.awaitLog("installed trap policy for CHILD_SA 'net'", Duration.ofSeconds(15));
        assertTrue(strongswan.listSas().isEmpty(), "no SA before traffic");

        PingResult first = Ping.ping(net.hostA(), SiteToSite.HOST_B, 10, Duration.ofSeconds(15));
        assertTrue(first.received() >= 5, "the tunnel came up on demand:\n" + first.output());
        assertTrue(jswan.log().contains("acquire for reqid"), jswan.process().tail(30));
        IkeSa ike = StrongSwanInteropPskTest.awaitEstablished(strongswan);
        assertEquals("INSTALLED", ike.child("net").state(), ike.toString());

        strongswan.swanctl("--terminate", "--ike", "s2s").orThrow();
        jswan.awaitLog("received DELETE for IKE_SA", Duration.ofSeconds(10));
        PingResult again = Ping.ping(net.hostA(), SiteToSite.HOST_B, 10, Duration.ofSeconds(15));
        assertTrue(again.received() >= 5, "the trap stayed and brought the tunnel up again:\n" + again.output());
        assertEquals(0, jswan.stop(), "SIGTERM exits 0");
        assertEquals("", net.gwA().execOk("ip", "route", "show", SiteToSite.SUBNET_B).output().strip(),
                "the trap's route is removed on shutdown");
    }
}
