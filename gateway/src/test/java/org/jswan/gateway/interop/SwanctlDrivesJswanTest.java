package org.jswan.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jswan.lab.Charon;
import org.jswan.lab.ChildSa;
import org.jswan.lab.CommandResult;
import org.jswan.lab.HostCredential;
import org.jswan.lab.IkeSa;
import org.jswan.lab.KeyType;
import org.jswan.lab.Lab;
import org.jswan.lab.Ping;
import org.jswan.lab.PingResult;
import org.jswan.lab.SiteToSite;
import org.jswan.lab.SwanctlSas;
import org.jswan.lab.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * strongSwan's own, unmodified {@code swanctl} drives a jswan daemon over VICI: the daemon starts without
 * connections, {@code swanctl --load-all} loads the PSK and connection from a swanctl.conf the test writes, then
 * list-conns, initiate, list-sas, rekey, stats and terminate are asserted on swanctl's output and exit codes and on
 * what the strongSwan peer reports; removing the connection from the file and loading again unloads it.
 */
class SwanctlDrivesJswanTest {
    private static final String SWANCTL = "/usr/sbin/swanctl";
    private static final String IKE = "aes128gcm16-prfsha256-x25519";
    private static final String ESP = "aes128gcm16";

    @RegisterExtension
    final Lab lab = Lab.create();

    @Test
    @Timeout(150)
    void swanctlLoadsInitiatesRekeysAndTerminatesOnJswan() throws IOException {
        Lab.assumeCharon();
        Lab.assumeTool("swanctl");
        SiteToSite net = SiteToSite.build(lab);
        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 2, chd 2")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, "gwb.jswan.test", "gwa.jswan.test", IKE, ESP, "none", "", ""));
        strongswan.start();
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .swanctlConf("# no connections: swanctl loads them over VICI\n")
                .start();
        jswan.awaitLog("loaded 0 connection(s)", Duration.ofSeconds(10));
        jswan.awaitLog("VICI control socket at", Duration.ofSeconds(10));

        Path swanctlDir = swanctlDir();
        Path conf = swanctlDir.resolve("swanctl.conf");
        Swanctl swanctl = new Swanctl(swanctlDir,
                jswan, net);

        // A typo in the file: swanctl reports jswan's errmsg, which names the key, and exits non-zero.
        Files.writeString(conf, SiteToSiteConfigs.psk(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                SiteToSite.SUBNET_B, "gwa.jswan.test", "gwb.jswan.test", IKE, "aes128gmc16", "none", "", ""));
        CommandResult bad = swanctl.run("--load-all", "--file", conf.toString());
        assertNotEquals(0, bad.exitCode(), bad.describe());
        assertTrue(bad.output().contains("loading connection 's2s' failed: "
                + "connections.s2s.children.net.esp_proposals: "), bad.output());
        assertTrue(bad.output().contains("loaded 0 of 1 connections, 1 failed to load, 0 unloaded"), bad.output());

        Files.writeString(conf, SiteToSiteConfigs.psk(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                SiteToSite.SUBNET_B, "gwa.jswan.test", "gwb.jswan.test", IKE, ESP, "none", "", ""));
        CommandResult load = swanctl.run("--load-all", "--file", conf.toString());
        assertEquals(0, load.exitCode(), load.describe());
        assertTrue(load.output().contains("loaded ike secret 'ike-s2s'"), load.output());
        assertTrue(load.output().contains("loaded connection 's2s'"), load.output());
        assertTrue(load.output().contains("successfully loaded 1 connections, 0 unloaded"), load.output());

        CommandResult conns = swanctl.run("--list-conns");
        assertEquals(0, conns.exitCode(), conns.describe());
        assertTrue(conns.output().contains("s2s: IKEv2"), conns.output());
        assertTrue(conns.output().contains("remote: " + SiteToSite.GW_B_WAN), conns.output());
        assertTrue(conns.output().contains("net: TUNNEL"), conns.output());
        assertTrue(conns.output().contains("local:  " + SiteToSite.SUBNET_A), conns.output());

        CommandResult initiate = swanctl.run("--initiate", "--child", "net", "--timeout", "15");
        assertEquals(0, initiate.exitCode(), initiate.describe() + "\n" + jswan.log());
        assertTrue(initiate.output().contains("initiating 'net'"), initiate.output());
        assertTrue(initiate.output().contains("initiate completed successfully"), initiate.output());
        // As with charon, the answer comes once the CHILD_SA is up, not when the first message is sent.
        assertTrue(initiate.output().contains("CHILD_SA net{1} established with SPIs"), initiate.output());

        IkeSa peer = StrongSwanInteropPskTest.awaitEstablished(strongswan);
        assertEquals("gwa.jswan.test", peer.remoteId());
        String sas = swanctl.awaitOutput(out -> out.contains("INSTALLED"), "--list-sas");
        assertTrue(sas.contains("s2s: #"), sas);
        assertTrue(sas.contains("ESTABLISHED"), sas);
        assertTrue(sas.contains("AES_GCM_16-128/PRF_HMAC_SHA2_256/CURVE_25519"), sas);
        assertTrue(sas.contains("net: #"), sas);
        assertTrue(sas.contains("INSTALLED, TUNNEL"), sas);
        assertTrue(sas.contains("local  " + SiteToSite.SUBNET_A), sas);
        assertTrue(sas.contains("remote " + SiteToSite.SUBNET_B), sas);

        PingResult ping = Ping.ping(net.hostA(), SiteToSite.HOST_B, 3, Duration.ofSeconds(8));
        assertEquals(3, ping.received(), ping.output());

        String spiBefore = childSpiIn(swanctl);
        CommandResult rekey = swanctl.run("--rekey", "--child", "net");
        assertEquals(0, rekey.exitCode(), rekey.describe());
        assertTrue(rekey.output().contains("rekey completed successfully"), rekey.output());
        long deadline = System.currentTimeMillis() + 20_000;
        String spiAfter = spiBefore;
        while (spiAfter == null || spiAfter.equals(spiBefore)) {
            assertTrue(System.currentTimeMillis() < deadline, "no new CHILD_SA SPI after rekey: " + spiBefore
                    + "\n" + jswan.log());
            pause();
            spiAfter = childSpiIn(swanctl);
        }
        assertNotEquals(spiBefore, spiAfter);
        ChildSa peerChild = StrongSwanInteropPskTest.awaitEstablished(strongswan).child("net");
        assertEquals(spiAfter, peerChild.spiOut(), "strongSwan sends to the rekeyed CHILD_SA");
        PingResult again = Ping.ping(net.hostA(), SiteToSite.HOST_B, 3, Duration.ofSeconds(8));
        assertEquals(3, again.received(), again.output());

        CommandResult stats = swanctl.run("--stats");
        assertEquals(0, stats.exitCode(), stats.describe());
        assertTrue(stats.output().contains("uptime: "), stats.output());
        assertTrue(stats.output().contains("IKE_SAs: 1 total, 0 half-open"), stats.output());

        CommandResult terminate = swanctl.run("--terminate", "--ike", "s2s", "--timeout", "15");
        assertEquals(0, terminate.exitCode(), terminate.describe());
        assertTrue(terminate.output().contains("terminate completed successfully"), terminate.output());
        deadline = System.currentTimeMillis() + 10_000;
        while (!strongswan.listSas().isEmpty()) {
            assertTrue(System.currentTimeMillis() < deadline, "strongSwan still has SAs: " + strongswan.listSas());
            pause();
        }

        // The connection leaves the file: swanctl --load-all unloads it from jswan.
        Files.writeString(conf, "secrets {\n    ike-s2s {\n        id-a = gwa.jswan.test\n"
                + "        id-b = gwb.jswan.test\n        secret = \"" + SiteToSiteConfigs.PSK + "\"\n    }\n}\n");
        CommandResult unload = swanctl.run("--load-all", "--file", conf.toString());
        assertEquals(0, unload.exitCode(), unload.describe());
        assertTrue(unload.output().contains("no connections found, 1 unloaded"), unload.output());
        CommandResult none = swanctl.run("--list-conns");
        assertEquals(0, none.exitCode(), none.describe());
        assertFalse(none.output().contains("s2s"), none.output());
        assertEquals(0, jswan.stop());
    }

    /**
     * Certificates over VICI: swanctl --load-all sends the CA ({@code load-cert}, flag CA), jswan's certificate and
     * its ECDSA key ({@code load-key}, SEC1 DER) and the connection (its {@code certs} as a blob) to a daemon whose
     * config dir holds no credentials; the tunnel to strongSwan then authenticates with them.
     */
    @Test
    @Timeout(120)
    void swanctlLoadsCertificatesAndKeyIntoJswan() throws IOException {
        Lab.assumeCharon();
        Lab.assumeTool("swanctl");
        SiteToSite net = SiteToSite.build(lab);
        TestPki pki = TestPki.create(lab.reportDir().resolve("pki"), KeyType.ECDSA_P256);
        HostCredential a = pki.issue("gwA", KeyType.ECDSA_P256, "CN=gwa.jswan.test, O=jswan lab",
                List.of("gwa.jswan.test"), List.of(SiteToSite.GW_A_WAN));
        HostCredential b = pki.issue("gwB", KeyType.ECDSA_P256, "CN=gwb.jswan.test, O=jswan lab",
                List.of("gwb.jswan.test"), List.of(SiteToSite.GW_B_WAN));
        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 2, cfg 2")
                .addCredential("x509", b.certFile()).addCredential("private", b.pkcs8File())
                .addCredential("x509ca", pki.caCertFile())
                .swanctlConf(SiteToSiteConfigs.pubkey(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, b.certFile().getFileName().toString(), "gwb.jswan.test",
                        "gwa.jswan.test", IKE, ESP, "none"));
        strongswan.start();
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA").swanctlConf("").start();
        jswan.awaitLog("VICI control socket at", Duration.ofSeconds(10));

        Path swanctlDir = swanctlDir();
        Files.copy(a.certFile(), swanctlDir.resolve("x509").resolve(a.certFile().getFileName()));
        Files.copy(pki.caCertFile(), swanctlDir.resolve("x509ca").resolve(pki.caCertFile().getFileName()));
        Files.copy(a.pkcs8File(), swanctlDir.resolve("private").resolve(a.pkcs8File().getFileName()));
        Path conf = swanctlDir.resolve("swanctl.conf");
        Files.writeString(conf, SiteToSiteConfigs.pubkey(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN,
                SiteToSite.SUBNET_A, SiteToSite.SUBNET_B, a.certFile().getFileName().toString(), "gwa.jswan.test",
                "gwb.jswan.test", IKE, ESP, "none"));
        Swanctl swanctl = new Swanctl(swanctlDir, jswan, net);

        CommandResult load = swanctl.run("--load-all", "--file", conf.toString());
        assertEquals(0, load.exitCode(), load.describe() + "\n" + jswan.log());
        assertTrue(load.output().contains("loaded certificate from '" + swanctlDir.resolve("x509")), load.output());
        assertTrue(load.output().contains("loaded certificate from '" + swanctlDir.resolve("x509ca")),
                load.output());
        assertTrue(load.output().contains("loaded ECDSA key from '" + swanctlDir.resolve("private")),
                load.output());
        assertTrue(load.output().contains("successfully loaded 1 connections, 0 unloaded"), load.output());
        CommandResult conns = swanctl.run("--list-conns");
        assertTrue(conns.output().contains("local public key authentication:"), conns.output());

        CommandResult initiate = swanctl.run("--initiate", "--child", "net", "--timeout", "15");
        assertEquals(0, initiate.exitCode(), initiate.describe());
        IkeSa peer = StrongSwanInteropPskTest.awaitEstablished(strongswan);
        assertEquals("gwa.jswan.test", peer.remoteId());
        assertTrue(strongswan.logTail(100_000).contains("authentication of 'gwa.jswan.test' with ECDSA"),
                "strongSwan verified jswan's VICI-loaded certificate and key");
        jswan.awaitLog("authentication of 'gwb.jswan.test' with", Duration.ofSeconds(10));
        // strongSwan, the responder, is up first; until jswan has installed its CHILD_SA (and the route into
        // its TUN device) the gateway answers pings with "network unreachable", which ends ping early.
        jswan.awaitLog("CHILD_SA net{", Duration.ofSeconds(10));
        PingResult ping = Ping.ping(net.hostA(), SiteToSite.HOST_B, 3, Duration.ofSeconds(8));
        assertEquals(3, ping.received(), ping.output());
        assertEquals(0, jswan.stop());
    }

    private Path swanctlDir() throws IOException {
        Path swanctlDir = lab.reportDir().resolve("swanctl-for-jswan");
        for (String sub : List.of("x509", "x509ca", "x509ocsp", "x509aa", "x509ac", "x509crl", "private", "rsa",
                "ecdsa", "bliss", "pkcs8", "pkcs12", "pubkey")) {
            Files.createDirectories(swanctlDir.resolve(sub));
        }
        return swanctlDir;
    }

    private static String childSpiIn(final Swanctl swanctl) {
        CommandResult r = swanctl.run("--list-sas", "--pretty");
        assertEquals(0, r.exitCode(), r.describe());
        String spi = null;
        for (IkeSa sa : SwanctlSas.parse(r.output())) {
            for (ChildSa c : sa.children()) {
                if (c.installed()) {
                    spi = c.spiIn();
                }
            }
        }
        return spi;
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The real swanctl against jswan's VICI socket, with its own SWANCTL_DIR, run in jswan's namespace. */
    private record Swanctl(Path dir, JswanNode jswan, SiteToSite net) {
        CommandResult run(final String... args) {
            List<String> argv = new ArrayList<>(List.of("env", "SWANCTL_DIR=" + dir, SWANCTL));
            argv.addAll(List.of(args));
            argv.add("--uri");
            argv.add("unix://" + jswan.viciSocket());
            CommandResult r = net.gwA().exec(Duration.ofSeconds(30), argv.toArray(new String[0]));
            try {
                Files.writeString(dir.resolve("swanctl-outputs.txt"), "$ swanctl " + String.join(" ", args) + "\n"
                        + r.output() + "(exit " + r.exitCode() + ")\n\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return r;
        }

        String awaitOutput(final Predicate<String> done, final String... args) {
            long deadline = System.currentTimeMillis() + 20_000;
            while (true) {
                CommandResult r = run(args);
                if (r.ok() && done.test(r.output())) {
                    return r.output();
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("swanctl " + String.join(" ", args) + ": " + r.describe());
                }
                pause();
            }
        }
    }
}
