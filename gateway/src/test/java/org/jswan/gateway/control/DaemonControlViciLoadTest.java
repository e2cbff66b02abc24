package org.jswan.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.daemon.DaemonSettings;
import org.jswan.ike.daemon.IkeDaemon;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.spi.LoggingBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load-conn, load-key and load-cert as swanctl sends them, against a daemon started without connections. */
class DaemonControlViciLoadTest {
    @TempDir
    Path dir;
    private IkeDaemon ike;
    private DaemonControl control;

    @BeforeEach
    void setUp() {
        ike = new IkeDaemon(DaemonSettings.defaults(), new LoggingBackend(), (message, port, remote) -> { },
                new CredentialStore(List.of(), List.of(), List.of()));
        control = new DaemonControl(ike, dir, Map::of);
    }

    @AfterEach
    void tearDown() {
        ike.close();
    }

    /** The layout of swanctl's load_conns.c: list keys as VICI lists, sub-sections as in swanctl.conf. */
    static ViciMessage conn(final String espProposals, final String remoteTs) {
        return ViciMessage.builder()
                .add("version", "2")
                .addList("local_addrs", List.of("192.0.2.1"))
                .addList("remote_addrs", List.of("198.51.100.1"))
                .addList("proposals", List.of("aes128gcm16-prfsha256-x25519", "aes256-sha256-modp2048"))
                .beginSection("local").add("auth", "psk").add("id", "moon.example.org").endSection()
                .beginSection("remote").add("auth", "psk").add("id", "sun.example.org").endSection()
                .beginSection("children")
                .beginSection("net")
                .addList("local_ts", List.of("10.1.0.0/16"))
                .addList("remote_ts", List.of(remoteTs, "10.3.0.0/16"))
                .addList("esp_proposals", List.of(espProposals))
                .add("start_action", "none")
                .endSection()
                .endSection()
                .build();
    }

    @Test
    void missingSwanctlConfStartsWithoutConnections() {
        ControlResult r = control.reload();
        assertTrue(r.success(), r.errmsg());
        assertTrue(ike.connections().isEmpty());
    }

    @Test
    void loadConnBuildsTheConnectionFromTheMessage() {
        assertTrue(control.reload().success());
        ControlResult r = control.loadConn("s2s", conn("aes128gcm16", "10.2.0.0/16"));
        assertTrue(r.success(), r.errmsg());
        assertEquals(List.of("s2s"), control.getConns());
        PeerConfig p = ike.connections().get(0);
        assertEquals(List.of("198.51.100.1"), p.remoteAddrs());
        assertEquals(2, p.proposals().size(), "the proposals list");
        assertEquals(2, p.child("net").remoteTs().size(), "the remote_ts list");
        assertEquals("moon.example.org", p.local().id().toString());

        PeerConfig before = ike.connections().get(0);
        assertTrue(control.loadConn("s2s", conn("aes128gcm16", "10.2.0.0/16")).success());
        assertEquals(before, ike.connections().get(0), "reloading the same content changes nothing");
        assertTrue(control.loadConn("s2s", conn("aes256gcm16", "10.2.0.0/16")).success());
        assertEquals(1, ike.connections().size(), "a connection of the same name is replaced");
        assertNotSame(before, ike.connections().get(0));
        assertTrue(control.unloadConn("s2s").success());
        assertTrue(ike.connections().isEmpty());
        assertFalse(control.unloadConn("s2s").success());
    }

    @Test
    void loadConnErrorsNameTheKey() {
        ControlResult bad = control.loadConn("s2s", conn("aes128gmc16", "10.2.0.0/16"));
        assertFalse(bad.success());
        assertTrue(bad.errmsg().contains("connections.s2s.children.net.esp_proposals"), bad.errmsg());
        ControlResult ts = control.loadConn("s2s", conn("aes128gcm16", "10.2.0.0/33"));
        assertFalse(ts.success());
        assertTrue(ts.errmsg().contains("connections.s2s.children.net.remote_ts"), ts.errmsg());
        ControlResult unknown = control.loadConn("s2s", ViciMessage.builder().add("lcal_addrs", "1.2.3.4")
                .build());
        assertFalse(unknown.success());
        assertTrue(unknown.errmsg().contains("connections.s2s.lcal_addrs"), unknown.errmsg());
        assertTrue(ike.connections().isEmpty(), "nothing loaded on errors");
    }

    @Test
    void reloadKeepsViciConnectionsAndDirectoryWinsOnItsNames() throws IOException {
        assertTrue(control.loadConn("s2s", conn("aes128gcm16", "10.2.0.0/16")).success());
        Files.writeString(dir.resolve("swanctl.conf"), "connections {\n}\n");
        ControlResult r = control.reload();
        assertTrue(r.success(), r.errmsg());
        assertEquals(List.of("s2s"), control.getConns(), "a VICI connection survives a directory reload");
    }

    @Test
    void loadKeyTakesSwanctlsDerEncodings() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair ecKey = ec.generateKeyPair();
        // SEC1 as OpenSSL (and so swanctl) writes it: with the named curve, which the JDK's PKCS#8 leaves out.
        PrivateKeyInfo ecInfo = PrivateKeyInfo.getInstance(ecKey.getPrivate().getEncoded());
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                ((java.security.interfaces.ECPrivateKey) ecKey.getPrivate()).getS(),
                ecInfo.getPrivateKeyAlgorithm().getParameters()).getEncoded();
        assertTrue(control.loadKey("ecdsa", sec1).success(), "SEC1 ECPrivateKey");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaKey = rsa.generateKeyPair();
        byte[] pkcs1 = PrivateKeyInfo.getInstance(rsaKey.getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        assertTrue(control.loadKey("rsa", pkcs1).success(), "PKCS#1 RSAPrivateKey");
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertTrue(control.loadKey("ed25519", ed.getPrivate().getEncoded()).success(), "PKCS#8 Ed25519");
        assertEquals(3, ike.credentials().privateKeys().size());
        assertTrue(ike.credentials().privateKeyFor(ecKey.getPublic()).isPresent());
        assertFalse(control.loadKey("rsa", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}).success());
        assertTrue(control.clearCreds().success());
        assertTrue(ike.credentials().privateKeys().isEmpty(), "clear-creds drops VICI keys");
    }

    /** Keys jswan cannot honour: refused naming the key when they change behaviour it lacks, else logged. */
    @Test
    void keysJswanCannotHonour() {
        ViciMessage eap = ViciMessage.builder()
                .addList("remote_addrs", List.of("198.51.100.1"))
                .beginSection("local").add("auth", "eap-mschapv2").endSection()
                .beginSection("remote").add("auth", "psk").endSection()
                .build();
        ControlResult r = control.loadConn("rw", eap);
        assertFalse(r.success());
        assertTrue(r.errmsg().contains("connections.rw.local.auth: 'eap-mschapv2' is not supported"), r.errmsg());
        ViciMessage ikev1 = ViciMessage.builder().add("version", "1")
                .beginSection("local").add("auth", "psk").endSection()
                .beginSection("remote").add("auth", "psk").endSection()
                .build();
        ControlResult v1 = control.loadConn("v1", ikev1);
        assertFalse(v1.success());
        assertTrue(v1.errmsg().contains("connections.v1.version"), v1.errmsg());
        ViciMessage vips = ViciMessage.builder().addList("vips", List.of("0.0.0.0"))
                .addList("remote_addrs", List.of("198.51.100.1"))
                .beginSection("local").add("auth", "psk").endSection()
                .beginSection("remote").add("auth", "psk").endSection()
                .build();
        ControlResult warned = control.loadConn("vip", vips);
        assertTrue(warned.success(), "an unsupported key is a warning, as in the directory: " + warned.errmsg());
        assertEquals(List.of("vip"), control.getConns());
    }

    @Test
    void algorithmNamesAndKeySizesAreSplitAsStrongSwanShowsThem() {
        assertEquals("AES_GCM_16", DaemonControl.algorithm("AES_GCM_16_128"));
        assertEquals(256, DaemonControl.keySize("AES_CBC_256"));
        assertEquals("CHACHA20_POLY1305", DaemonControl.algorithm("CHACHA20_POLY1305"));
        assertEquals(0, DaemonControl.keySize("CHACHA20_POLY1305"));
    }
}
