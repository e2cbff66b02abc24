package org.jswan.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jswan initiates to strongSwan 5.9 with each IKE and ESP proposal both implement (PSK authentication), and
 * answers strongSwan's CBC+HMAC proposal once: strongSwan must report the algorithms proposed, traffic must cross, and the CHILD_SA keys (encryption and, for
 * CBC+HMAC, integrity) strongSwan logged must equal jswan's.
 */
class StrongSwanInteropProposalsTest {

    /** What strongSwan's {@code --list-sas} prints for a negotiated proposal; null: the attribute is absent. */
    record Expected(String encr, String encrKeysize, String integ, String prf, String dh, String childEncr,
                    String childKeysize, String childInteg) {
    }

    @RegisterExtension
    final Lab lab = Lab.create();

    static Stream<Arguments> proposals() {
        return Stream.of(
                Arguments.of("aes256-sha384-ecp384", "aes256gcm16", new Expected("AES_CBC", "256",
                        "HMAC_SHA2_384_192", "PRF_HMAC_SHA2_384", "ECP_384", "AES_GCM_16", "256", null)),
                Arguments.of("aes128-sha256-modp2048", "aes128-sha256", new Expected("AES_CBC", "128",
                        "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256", "MODP_2048", "AES_CBC", "128",
                        "HMAC_SHA2_256_128")),
                Arguments.of("chacha20poly1305-prfsha512-x25519", "chacha20poly1305", new Expected(
                        "CHACHA20_POLY1305", null, null, "PRF_HMAC_SHA2_512", "CURVE_25519", "CHACHA20_POLY1305",
                        null, null)),
                Arguments.of("aes256gcm16-prfsha384-ecp521", "aes256-sha512", new Expected("AES_GCM_16", "256",
                        null, "PRF_HMAC_SHA2_384", "ECP_521", "AES_CBC", "256", "HMAC_SHA2_512_256")),
                Arguments.of("aes128-sha256-x448", "aes128-sha256", new Expected("AES_CBC", "128",
                        "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256", "CURVE_448", "AES_CBC", "128",
                        "HMAC_SHA2_256_128")));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("proposals")
    @Timeout(60)
    void jswanInitiatesWith(final String ike, final String esp, final Expected expected) {
        Lab.assumeCharon();
        SiteToSite net = SiteToSite.build(lab);
        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 4, chd 4")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, "gwb.jswan.test", "gwa.jswan.test", ike, esp, "none", "", ""));
        strongswan.start();
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                        SiteToSite.SUBNET_B, "gwa.jswan.test", "gwb.jswan.test", ike, esp, "start", "", ""))
                .start();
        jswan.awaitLog("CHILD_SA net{", Duration.ofSeconds(20));

        IkeSa sa = StrongSwanInteropPskTest.awaitEstablished(strongswan);
        assertEquals(expected.encr(), sa.encrAlg(), sa.toString());
        assertEquals(expected.encrKeysize(), sa.encrKeysize(), sa.toString());
        assertEquals(expected.integ(), sa.integAlg(), sa.toString());
        assertEquals(expected.prf(), sa.prfAlg(), sa.toString());
        assertEquals(expected.dh(), sa.dhGroup(), sa.toString());
        ChildSa child = sa.child("net");
        assertEquals("INSTALLED", child.state(), child.toString());
        assertEquals(expected.childEncr(), child.encrAlg(), child.toString());
        assertEquals(expected.childKeysize(), child.encrKeysize(), child.toString());
        assertEquals(expected.childInteg(), child.get("integ-alg"), child.toString());
        assertNull(child.get("dh-group"), "no PFS group configured: " + child);

        PingResult ping = Ping.ping(net.hostA(), SiteToSite.HOST_B, 4, Duration.ofSeconds(8));
        assertEquals(4, ping.received(), ping.output());
        PingResult back = Ping.ping(net.hostB(), SiteToSite.HOST_A, 2, Duration.ofSeconds(8));
        assertEquals(2, back.received(), back.output());

        assertKeysAgree(strongswan, jswan, child, expected.childInteg() != null, SiteToSite.GW_A_WAN);
        lab.note("IKE " + ike + ", ESP " + esp + ": " + sa + " / " + child);
    }

    /** jswan as responder selects from strongSwan's proposal (CBC+HMAC on both SAs, an ECP group). */
    @Test
    @Timeout(60)
    void strongSwanInitiatesWithCbcHmac() {
        Lab.assumeCharon();
        String ike = "aes256-sha384-ecp384";
        String esp = "aes256-sha512";
        SiteToSite net = SiteToSite.build(lab);
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                        SiteToSite.SUBNET_B, "gwa.jswan.test", "gwb.jswan.test", ike, esp, "none", "", ""))
                .start();
        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 4, chd 4")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, "gwb.jswan.test", "gwa.jswan.test", ike, esp, "none", "", ""))
                .start();
        strongswan.initiate("net");
        jswan.awaitLog("CHILD_SA net{", Duration.ofSeconds(20));

        IkeSa sa = StrongSwanInteropPskTest.awaitEstablished(strongswan);
        assertEquals("AES_CBC", sa.encrAlg(), sa.toString());
        assertEquals("256", sa.encrKeysize());
        assertEquals("HMAC_SHA2_384_192", sa.integAlg());
        assertEquals("PRF_HMAC_SHA2_384", sa.prfAlg());
        assertEquals("ECP_384", sa.dhGroup());
        ChildSa child = sa.child("net");
        assertEquals("AES_CBC", child.encrAlg(), child.toString());
        assertEquals("256", child.encrKeysize());
        assertEquals("HMAC_SHA2_512_256", child.get("integ-alg"));
        PingResult ping = Ping.ping(net.hostB(), SiteToSite.HOST_A, 4, Duration.ofSeconds(8));
        assertEquals(4, ping.received(), ping.output());
        assertKeysAgree(strongswan, jswan, child, true, SiteToSite.GW_B_WAN);
    }

    /** strongSwan's level-4 CHILD_SA keys equal jswan's esp_sa file ({@code initiator}: the initiator's address). */
    static void assertKeysAgree(final Charon strongswan, final JswanNode jswan, final ChildSa child,
                                final boolean integrity, final String initiator) {
        String log = strongswan.logTail(100_000);
        List<String> encI = JswanNode.strongSwanChildKeys(log, "encryption initiator key");
        List<String> encR = JswanNode.strongSwanChildKeys(log, "encryption responder key");
        List<String> intI = JswanNode.strongSwanChildKeys(log, "integrity initiator key");
        List<String> intR = JswanNode.strongSwanChildKeys(log, "integrity responder key");
        assertEquals(1, encI.size(), "one CHILD_SA keyed");
        assertEquals(integrity ? 1 : 0, intI.size(), "integrity keys logged");
        List<JswanNode.EspKey> ours = jswan.espKeys();
        assertEquals(2, ours.size(), ours.toString());
        for (JswanNode.EspKey k : ours) {
            boolean fromInitiator = k.src().equals(initiator);
            String what = k.src() + " -> " + k.dst();
            boolean toStrongSwan = k.src().equals(SiteToSite.GW_A_WAN);
            assertEquals(toStrongSwan ? child.spiIn() : child.spiOut(), k.spi(), "SPI " + what);
            assertEquals(fromInitiator ? encI.get(0) : encR.get(0), k.encryptionKey(), "encryption key " + what);
            if (integrity) {
                assertEquals(fromInitiator ? intI.get(0) : intR.get(0), k.integrityKey(), "integrity key " + what);
            }
        }
    }
}
