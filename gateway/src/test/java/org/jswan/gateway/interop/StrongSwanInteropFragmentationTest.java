package org.jswan.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jswan.lab.Charon;
import org.jswan.lab.HostCredential;
import org.jswan.lab.IkeSa;
import org.jswan.lab.KeyType;
import org.jswan.lab.Lab;
import org.jswan.lab.Ping;
import org.jswan.lab.PingResult;
import org.jswan.lab.SiteToSite;
import org.jswan.lab.TestPki;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IKE fragmentation (RFC 7383) with strongSwan 5.9, whose default is {@code fragmentation = yes} with 1280-byte
 * fragments: with 4096-bit RSA certificates both IKE_AUTH messages outgrow that, so each side splits its own and
 * reassembles the other's, in both roles, as both logs show; then traffic crosses the tunnel.
 */
class StrongSwanInteropFragmentationTest {
    private static final String IKE = "aes128gcm16-prfsha256-x25519";
    private static final String ESP = "aes128gcm16";
    private static final String FQDN_A = "gwa.jswan.test";
    private static final String FQDN_B = "gwb.jswan.test";

    @RegisterExtension
    final Lab lab = Lab.create();

    @ParameterizedTest(name = "strongSwan initiates: {0}")
    @ValueSource(booleans = {false, true})
    @Timeout(90)
    void largeIkeAuthMessagesTravelAsFragments(final boolean strongswanInitiates) {
        Lab.assumeCharon();
        SiteToSite net = SiteToSite.build(lab);
        TestPki pki = TestPki.create(lab.reportDir().resolve("pki"), KeyType.RSA_4096);
        HostCredential a = pki.issue("gwA", KeyType.RSA_4096, "CN=" + FQDN_A, List.of(FQDN_A),
                List.of(SiteToSite.GW_A_WAN));
        HostCredential b = pki.issue("gwB", KeyType.RSA_4096, "CN=" + FQDN_B, List.of(FQDN_B),
                List.of(SiteToSite.GW_B_WAN));
        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 1, enc 1, net 1")
                .addCredential("x509", b.certFile()).addCredential("private", b.pkcs8File())
                .addCredential("x509ca", pki.caCertFile())
                .swanctlConf(SiteToSiteConfigs.pubkey(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, b.certFile().getFileName().toString(), FQDN_B, FQDN_A, IKE, ESP,
                        "none"));
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .addCredential("x509", a.certFile()).addCredential("private", a.pkcs8File())
                .addCredential("x509ca", pki.caCertFile())
                .swanctlConf(SiteToSiteConfigs.pubkey(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                        SiteToSite.SUBNET_B, a.certFile().getFileName().toString(), FQDN_A, FQDN_B, IKE, ESP,
                        strongswanInitiates ? "none" : "start"));
        if (strongswanInitiates) {
            jswan.start();
            strongswan.start();
            strongswan.initiate("net");
        } else {
            strongswan.start();
            jswan.start();
        }
        jswan.awaitLog("CHILD_SA net{", Duration.ofSeconds(30));
        IkeSa ike = StrongSwanInteropPskTest.awaitEstablished(strongswan);
        assertEquals(FQDN_A, ike.remoteId(), ike.toString());

        String theirs = strongswan.logTail(100_000);
        assertTrue(theirs.contains("splitting IKE message"), "strongSwan fragmented its IKE_AUTH:\n" + theirs);
        assertTrue(theirs.contains("reassembled fragmented IKE message"), "strongSwan reassembled jswan's:\n"
                + theirs);
        String ours = jswan.log();
        assertTrue(ours.contains("splitting IKE message into"), ours);
        assertTrue(ours.contains("reassembled fragmented IKE message"), ours);

        PingResult ping = Ping.ping(net.hostA(), SiteToSite.HOST_B, 3, Duration.ofSeconds(8));
        assertEquals(3, ping.received(), ping.output());
        assertEquals(0, jswan.stop());
    }
}
