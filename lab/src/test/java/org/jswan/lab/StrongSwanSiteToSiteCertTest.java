package org.jswan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The site-to-site tunnel with ECDSA P-256 certificates from the lab's generated PKI. */
class StrongSwanSiteToSiteCertTest {

    @RegisterExtension
    final Lab lab = Lab.create();

    static String certConf(String local, String remote, String localTs, String remoteTs, String id, String peerId,
                           String certFile) {
        return "connections {\n"
                + "    s2s {\n"
                + "        version = 2\n"
                + "        local_addrs = " + local + "\n"
                + "        remote_addrs = " + remote + "\n"
                + "        proposals = aes128gcm16-prfsha256-x25519\n"
                + "        local {\n            auth = pubkey\n            certs = " + certFile
                + "\n            id = " + id + "\n        }\n"
                + "        remote {\n            auth = pubkey\n            id = " + peerId + "\n        }\n"
                + "        children {\n"
                + "            net {\n"
                + "                local_ts = " + localTs + "\n"
                + "                remote_ts = " + remoteTs + "\n"
                + "                esp_proposals = aes128gcm16-x25519\n"
                + "            }\n"
                + "        }\n"
                + "    }\n"
                + "}\n";
    }

    @Test
    @Timeout(60)
    void ecdsaCertificateTunnelCarriesTraffic() {
        Lab.assumeCharon();
        TestPki pki = TestPki.create(lab.reportDir().resolve("pki"), KeyType.ECDSA_P256);
        HostCredential a = pki.issue("gwA", KeyType.ECDSA_P256, "CN=gwa.jswan.test, O=jswan lab",
                List.of("gwa.jswan.test"), List.of(SiteToSite.GW_A_WAN));
        HostCredential b = pki.issue("gwB", KeyType.ECDSA_P256, "CN=gwb.jswan.test, O=jswan lab",
                List.of("gwb.jswan.test"), List.of(SiteToSite.GW_B_WAN));
        SiteToSite net = SiteToSite.build(lab);

        Charon gwA = lab.charon(net.gwA(), "gwA")
                .addCredential("x509ca", pki.caCertFile())
                .addCredential("x509", a.certFile())
                .addCredential("private", a.pkcs8File())
                .swanctlConf(certConf(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                        SiteToSite.SUBNET_B, "gwa.jswan.test", "gwb.jswan.test", a.certFile().getFileName().toString()));
        Charon gwB = lab.charon(net.gwB(), "gwB")
                .addCredential("x509ca", pki.caCertFile())
                .addCredential("x509", b.certFile())
                // the traditional SEC1 form goes into ecdsa/, to prove strongSwan reads it too
                .addCredential("ecdsa", pki.writeTraditionalKey(b))
                .swanctlConf(certConf(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, "gwb.jswan.test", "gwa.jswan.test", b.certFile().getFileName().toString()));
        gwB.start();
        gwA.start();
        TunnelChecks.establishAndVerify(lab, net, gwA, gwB, "AES_GCM_16");
        assertEquals("gwb.jswan.test", gwA.ikeSa("s2s").remoteId());
        assertEquals("gwa.jswan.test", gwB.ikeSa("s2s").remoteId());
    }
}
