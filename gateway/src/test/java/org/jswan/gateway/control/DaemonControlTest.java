package org.jswan.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.daemon.DaemonSettings;
import org.jswan.ike.daemon.IkeDaemon;
import org.jswan.ike.spi.LoggingBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonControlTest {
    private static final String CONF = """
            connections {
                site-b {
                    local_addrs = 192.0.2.1
                    remote_addrs = 198.51.100.1
                    proposals = aes256gcm16-prfsha384-ecp384
                    local {
                        auth = psk
                        id = moon.example.org
                    }
                    remote {
                        auth = psk
                        id = sun.example.org
                    }
                    children {
                        net {
                            local_ts = 10.1.0.0/16
                            remote_ts = 10.2.0.0/16
                            esp_proposals = aes256gcm16
                        }
                    }
                }
            }
            secrets {
                ike-b {
                    id = sun.example.org
                    secret = "a secret of some length"
                }
            }
            """;

    @TempDir
    Path dir;
    private IkeDaemon ike;
    private DaemonControl control;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("swanctl.conf"), CONF);
        ike = new IkeDaemon(DaemonSettings.defaults(), new LoggingBackend(), (message, port, remote) -> { },
                new CredentialStore(List.of(), List.of(), List.of()));
        control = new DaemonControl(ike, dir, () -> Map.of("replay", 4L));
    }

    @AfterEach
    void tearDown() {
        ike.close();
    }

    @Test
    void reloadLoadsConnectionsAndListsThem() {
        assertTrue(control.reload().success());
        List<ConnView> conns = control.listConns(null);
        assertEquals(1, conns.size());
        ConnView c = conns.get(0);
        assertEquals("site-b", c.name());
        assertEquals(List.of("198.51.100.1"), c.remoteAddrs());
        assertEquals("pre-shared key", c.localAuths().get(0).authClass());
        assertEquals("net", c.children().get(0).name());
        assertEquals(List.of("site-b"), control.getConns());
        assertTrue(control.listConns("other").isEmpty());
    }

    @Test
    void reloadWithErrorsKeepsTheOldConfigAndNamesFileAndLine() throws IOException {
        assertTrue(control.reload().success());
        Files.writeString(dir.resolve("swanctl.conf"), CONF.replace("aes256gcm16-prfsha384-ecp384",
                "aes128gmc16-prfsha256-x25519"));
        ControlResult r = control.reloadSettings();
        assertFalse(r.success());
        assertTrue(r.errmsg().startsWith("swanctl.conf:5: connections.site-b.proposals: "), r.errmsg());
        assertEquals(1, ike.connections().size());
    }

    @Test
    void initiateListStatsTerminate() throws Exception {
        assertTrue(control.reload().success());
        List<String> log = new ArrayList<>();
        ControlResult r = control.initiate(new InitiateRequest("net", "site-b", -1, 1),
                (g, l, n, id, m) -> log.add(m));
        assertTrue(r.success(), r.errmsg());
        assertFalse(log.isEmpty());
        List<IkeSaView> sas = control.listSas(null, 0);
        assertEquals(1, sas.size());
        IkeSaView sa = sas.get(0);
        assertEquals("site-b", sa.name());
        assertEquals(2, sa.ikeVersion());
        assertTrue(sa.initiator());
        assertEquals(1, control.listSas("site-b", 0).size());
        assertEquals(0, control.listSas("other", 0).size());
        assertEquals(0, control.listSas(null, sa.uniqueId() + 100).size());
        GatewayStats stats = control.stats();
        assertEquals(1, stats.ikeSasTotal());
        assertEquals(1, stats.ikeSasHalfOpen());
        assertEquals(4L, control.drops().get("esp:replay"));

        assertFalse(control.rekey(new RekeyRequest(null, "site-b", 0, 0, false)).success(),
                "nothing established to rekey");
        assertTrue(control.terminate(new TerminateRequest(null, null, 0, sa.uniqueId(), false, 0, 1),
                ControlLogSink.NONE).success());
        assertFalse(control.terminate(new TerminateRequest(null, "nope", 0, 0, false, 0, 1),
                ControlLogSink.NONE).success());
    }

    /** Like charon's initiate, the answer waits for the CHILD_SA: a peer that never answers is a timeout. */
    @Test
    void initiateWaitsForTheChildSaAndTimesOut() {
        assertTrue(control.reload().success());
        List<String> log = new ArrayList<>();
        ControlResult r = control.initiate(new InitiateRequest("net", "site-b", 300, 1),
                (g, l, n, id, m) -> log.add(m));
        assertFalse(r.success());
        assertTrue(r.errmsg().contains("timed out"), r.errmsg());
        assertTrue(log.get(log.size() - 1).startsWith("initiated site-b["), log.toString());
    }

    @Test
    void initiateUnknownChildFails() {
        assertTrue(control.reload().success());
        ControlResult r = control.initiate(new InitiateRequest("nope", null, 0, 1), ControlLogSink.NONE);
        assertFalse(r.success());
        assertTrue(r.errmsg().contains("nope"), r.errmsg());
    }

    @Test
    void viciLoadConnUnloadConnLoadShared() {
        assertTrue(control.reload().success());
        ControlResult other = control.loadConn("other", ViciMessage.EMPTY);
        assertFalse(other.success(), "a connection without authentication rounds is refused");
        assertTrue(other.errmsg().contains("connections.other"), other.errmsg());
        assertTrue(control.loadShared(new SharedSecret("IKE", List.of("moon.example.org"),
                "another secret".getBytes(StandardCharsets.UTF_8))).success());
        assertEquals(2, ike.secrets().size());
        assertTrue(control.clearCreds().success());
        assertEquals(1, ike.secrets().size());
        assertFalse(control.loadShared(new SharedSecret("EAP", List.of(), new byte[4])).success());
        assertTrue(control.unloadConn("site-b").success());
        assertTrue(ike.connections().isEmpty());
        assertFalse(control.unloadConn("site-b").success());
    }

    /** swanctl --load-all: load-shared by section name, get-shared lists them, unload-shared drops stale ones. */
    @Test
    void sharedSecretsByIdCanBeListedAndUnloaded() {
        assertTrue(control.reload().success());
        ViciCommands vici = new ViciCommands(control);
        ViciMessage load = ViciMessage.builder().add("id", "ike-moon").add("type", "ike")
                .add("data", "another secret".getBytes(StandardCharsets.UTF_8))
                .addList("owners", List.of("moon.example.org")).build();
        assertEquals("yes", vici.handle("load-shared", load, null).get("success"));
        assertEquals(2, ike.secrets().size());
        assertEquals(List.of("ike-moon"), vici.handle("get-shared", ViciMessage.EMPTY, null).list("keys"));
        // Loading the same id again replaces the secret rather than adding a second one.
        assertEquals("yes", vici.handle("load-shared", load, null).get("success"));
        assertEquals(2, ike.secrets().size());
        assertEquals("yes", vici.handle("unload-shared", ViciMessage.builder().add("id", "ike-moon").build(), null)
                .get("success"));
        assertEquals(1, ike.secrets().size());
        assertEquals(List.of(), control.getShared());
        assertEquals("no", vici.handle("unload-shared", ViciMessage.builder().add("id", "ike-moon").build(), null)
                .get("success"));
    }

    @Test
    void loadCertAddsToTheDirectorysCredentials() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        java.security.KeyPair kp = g.generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=Test CA");
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE,
                new java.util.Date(System.currentTimeMillis() - 60_000),
                new java.util.Date(System.currentTimeMillis() + 86_400_000L), name, kp.getPublic());
        builder.addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
                new org.bouncycastle.asn1.x509.BasicConstraints(true));
        byte[] der = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                        .build(kp.getPrivate()))).getEncoded();
        assertTrue(control.reload().success());
        ControlResult loaded = control.loadCert("X509", "CA", der);
        assertTrue(loaded.success(), loaded.errmsg());
        assertEquals(1, ike.credentials().authorities().size());
        assertFalse(control.loadCert("X509", "CA", new byte[] {1, 2, 3}).success());
        assertFalse(control.loadCert("X509_CRL", "NONE", der).success());

        Files.createDirectories(dir.resolve("x509ca"));
        Files.write(dir.resolve("x509ca").resolve("ca.der"), der);
        ControlResult reloaded = control.reload();
        assertTrue(reloaded.success(), reloaded.errmsg());
        assertTrue(control.loadCert("X509", "CA", der).success());
        assertEquals(1, ike.credentials().authorities().size(), "the same CA once");
        assertTrue(control.loadKey("ECDSA", kp.getPrivate().getEncoded()).success(), "PKCS#8 is accepted");
        assertFalse(control.loadKey("DSA", kp.getPrivate().getEncoded()).success());
    }

    @Test
    void dropsOverVici() throws Exception {
        Path socket = Files.createTempDirectory(Path.of("/tmp"), "jswan-dc").resolve("s.vici");
        try (ViciServer server = ViciServer.start(socket, control.viciHandler());
             ViciClient client = ViciClient.connect(socket)) {
            ViciMessage m = client.request(DaemonControl.DROPS_COMMAND, ViciMessage.EMPTY);
            assertEquals("4", m.get("esp:replay"));
            assertEquals("jswan", client.request("version", ViciMessage.EMPTY).get("daemon"));
            java.io.StringWriter out = new java.io.StringWriter();
            picocli.CommandLine cl = new picocli.CommandLine(new org.jswan.gateway.cli.JswanCommand());
            cl.setOut(new java.io.PrintWriter(out));
            assertEquals(0, cl.execute("stats", "--vici-socket", socket.toString()));
            assertTrue(out.toString().matches("(?s).*drops:\\n  esp:replay\\s+4\\n.*"), out.toString());
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        }
    }
}
