package org.jswan.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jswan.lab.Charon;
import org.jswan.lab.ChildSa;
import org.jswan.lab.IkeSa;
import org.jswan.lab.Lab;
import org.jswan.lab.Ping;
import org.jswan.lab.PingResult;
import org.jswan.lab.SiteToSite;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jswan and strongSwan 5.9 with each IKE and ESP algorithm of the issue that both implement (PSK authentication),
 * every proposal in both roles (jswan initiator and strongSwan responder, then the reverse): strongSwan must report
 * the algorithms configured, traffic must cross (AES-GCM on ipsec-mb in the first role, on GnuTLS in the second),
 * and the CHILD_SA SPIs and keys (encryption and, for CBC+HMAC,
 * integrity) strongSwan logged must equal jswan's. Together the proposals cover AES-CBC 128/192/256, AES-GCM-16
 * 128/256, ChaCha20-Poly1305, HMAC-SHA2-256/384/512, PRF-HMAC-SHA2-256/384/512, MODP 2048/3072/4096, ECP
 * 256/384/521, Curve25519 and Curve448.
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
                        "HMAC_SHA2_256_128")),
                Arguments.of("aes192-sha512-modp3072", "aes192-sha384", new Expected("AES_CBC", "192",
                        "HMAC_SHA2_512_256", "PRF_HMAC_SHA2_512", "MODP_3072", "AES_CBC", "192",
                        "HMAC_SHA2_384_192")),
                Arguments.of("aes128gcm16-prfsha256-modp4096", "aes128gcm16", new Expected("AES_GCM_16", "128",
                        null, "PRF_HMAC_SHA2_256", "MODP_4096", "AES_GCM_16", "128", null)),
                Arguments.of("aes256-sha256-ecp256", "aes256-sha256", new Expected("AES_CBC", "256",
                        "HMAC_SHA2_256_128", "PRF_HMAC_SHA2_256", "ECP_256", "AES_CBC", "256",
                        "HMAC_SHA2_256_128")));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("proposals")
    @Timeout(60)
    void jswanInitiatesWith(final String ike, final String esp, final Expected expected) {
        negotiate(ike, esp, expected, false);
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("proposals")
    @Timeout(60)
    void strongSwanInitiatesWith(final String ike, final String esp, final Expected expected) {
        negotiate(ike, esp, expected, true);
    }

    private void negotiate(final String ike, final String esp, final Expected expected,
                           final boolean strongswanInitiates) {
        Lab.assumeCharon();
        SiteToSite net = SiteToSite.build(lab);
        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 4, chd 4")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, "gwb.jswan.test", "gwa.jswan.test", ike, esp, "none", "", ""));
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                        SiteToSite.SUBNET_B, "gwa.jswan.test", "gwb.jswan.test", ike, esp,
                        strongswanInitiates ? "none" : "start", "", ""))
                .debug("any 4");
        // AES-GCM runs on both of its libraries against strongSwan: ipsec-mb (the default) when jswan initiates,
        // GnuTLS when strongSwan does.
        if (strongswanInitiates) {
            jswan.jvm("-Djswan.esp.crypto=gnutls");
        }
        start(strongswan, jswan, strongswanInitiates);
        boolean ipsecMb = !strongswanInitiates && System.getProperty("os.arch").equals("amd64"); // x86-64 only
        String gcm = ipsecMb ? "ipsec-mb 1." : "GnuTLS 3.";
        assertTrue(jswan.log().contains("ESP crypto: AES-GCM on " + gcm), jswan.log());

        IkeSa sa = StrongSwanInteropPskTest.awaitEstablished(strongswan);
        assertEquals(expected.encr(), sa.encrAlg(), sa.toString());
        assertEquals(expected.encrKeysize(), sa.encrKeysize(), sa.toString());
        assertEquals(expected.integ(), sa.integAlg(), sa.toString());
        assertEquals(expected.prf(), sa.prfAlg(), sa.toString());
        assertEquals(expected.dh(), sa.dhGroup(), sa.toString());
        assertEquals(strongswanInitiates ? "yes" : null, sa.get("initiator"), "strongSwan's role: " + sa);
        ChildSa child = sa.child("net");
        assertEquals("INSTALLED", child.state(), child.toString());
        assertEquals(expected.childEncr(), child.encrAlg(), child.toString());
        assertEquals(expected.childKeysize(), child.encrKeysize(), child.toString());
        assertEquals(expected.childInteg(), child.get("integ-alg"), child.toString());
        assertNull(child.get("dh-group"), "no PFS group configured: " + child);
        assertEquals(List.of(SiteToSite.SUBNET_B), child.localTs(), child.toString());
        assertEquals(List.of(SiteToSite.SUBNET_A), child.remoteTs(), child.toString());

        assertTrafficCrosses(net);
        assertKeysAgree(strongswan, jswan, child, expected.childInteg() != null,
                strongswanInitiates ? SiteToSite.GW_B_WAN : SiteToSite.GW_A_WAN);
        assertNoSecretLogged(jswan);
        lab.note((strongswanInitiates ? "strongSwan" : "jswan") + " initiated, IKE " + ike + ", ESP " + esp + ": "
                + sa + " / " + child);
    }

    /**
     * Even at the highest log level jswan's log holds no key: not the PSK, nor any IKE or ESP key it wrote with
     * {@code --save-keys} (which it warns about loudly).
     */
    static void assertNoSecretLogged(final JswanNode jswan) {
        String log = jswan.log().toLowerCase(Locale.ROOT).replace(" ", "").replace(":", "");
        assertTrue(jswan.log().contains("!!! --save-keys is on"), "loud --save-keys warning");
        assertFalse(log.contains(SiteToSiteConfigs.PSK.toLowerCase(Locale.ROOT)), "PSK in the log");
        List<String> secrets = new ArrayList<>();
        for (JswanNode.EspKey k : jswan.espKeys()) {
            secrets.add(k.encryptionKey());
            secrets.add(k.integrityKey());
        }
        try {
            Path ike = jswan.configDir().resolve("keys").resolve("ikev2_decryption_table");
            for (String line : Files.exists(ike) ? Files.readAllLines(ike) : List.<String>of()) {
                String[] f = line.split(",");
                secrets.addAll(List.of(f[2], f[3], f[5], f[6]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(secrets.isEmpty(), "keys were saved");
        for (String key : secrets) {
            // Any 8-byte window of a key: hex dumps may break lines, but not that often.
            for (int i = 0; key.length() >= 16 && i + 16 <= key.length(); i += 16) {
                assertFalse(log.contains(key.substring(i, i + 16).toLowerCase(Locale.ROOT)),
                        "key material in jswan's log: " + key.substring(i, i + 16));
            }
        }
    }

    /**
     * Starts both daemons, the responder first (it must listen before the initiator's first IKE_SA_INIT), and waits
     * until jswan has the CHILD_SA {@code net}.
     */
    static void start(final Charon strongswan, final JswanNode jswan, final boolean strongswanInitiates) {
        if (strongswanInitiates) {
            jswan.start();
            strongswan.start();
            strongswan.initiate("net");
        } else {
            strongswan.start();
            jswan.start();
        }
        jswan.awaitLog("CHILD_SA net{", Duration.ofSeconds(20));
    }

    /** Pings cross the tunnel both ways, host A to host B and back. */
    static void assertTrafficCrosses(final SiteToSite net) {
        PingResult ping = Ping.ping(net.hostA(), SiteToSite.HOST_B, 4, Duration.ofSeconds(8));
        assertEquals(4, ping.received(), ping.output());
        PingResult back = Ping.ping(net.hostB(), SiteToSite.HOST_A, 2, Duration.ofSeconds(8));
        assertEquals(2, back.received(), back.output());
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
