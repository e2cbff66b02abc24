package org.jswan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two strongSwan charons (kernel-libipsec) build a PSK site-to-site tunnel through the lab; traffic crosses it. */
class StrongSwanSiteToSitePskTest {

    @RegisterExtension
    final Lab lab = Lab.create();

    static String pskConf(String local, String remote, String localTs, String remoteTs, String id, String peerId,
                          boolean initiator) {
        return "connections {\n"
                + "    s2s {\n"
                + "        version = 2\n"
                + "        local_addrs = " + local + "\n"
                + "        remote_addrs = " + remote + "\n"
                + "        proposals = aes128gcm16-prfsha256-x25519\n"
                + "        local {\n            auth = psk\n            id = " + id + "\n        }\n"
                + "        remote {\n            auth = psk\n            id = " + peerId + "\n        }\n"
                + "        children {\n"
                + "            net {\n"
                + "                local_ts = " + localTs + "\n"
                + "                remote_ts = " + remoteTs + "\n"
                + "                esp_proposals = aes128gcm16-x25519\n"
                + "                start_action = " + (initiator ? "none" : "none") + "\n"
                + "            }\n"
                + "        }\n"
                + "    }\n"
                + "}\n"
                + "secrets {\n"
                + "    ike-s2s {\n"
                + "        id-a = gwa.jswan.test\n"
                + "        id-b = gwb.jswan.test\n"
                + "        secret = \"lab-test-psk-0123456789abcdef\"\n"
                + "    }\n"
                + "}\n";
    }

    @Test
    @Timeout(60)
    void pskTunnelCarriesTraffic() {
        Lab.assumeCharon();
        SiteToSite net = SiteToSite.build(lab);
        Charon gwA = lab.charon(net.gwA(), "gwA").logLevels("ike 4, chd 4")
                .swanctlConf(pskConf(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                        SiteToSite.SUBNET_B, "gwa.jswan.test", "gwb.jswan.test", true));
        Charon gwB = lab.charon(net.gwB(), "gwB")
                .swanctlConf(pskConf(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, "gwb.jswan.test", "gwa.jswan.test", false));
        gwB.start();
        gwA.start();
        TunnelChecks.establishAndVerify(lab, net, gwA, gwB, "AES_GCM_16");
        assertTrue(Tail.of(gwA.logFile(), 100000).contains("Sk_ei secret"),
                "ike 4 should log the derived keys (tests compare them later)");
    }
}
