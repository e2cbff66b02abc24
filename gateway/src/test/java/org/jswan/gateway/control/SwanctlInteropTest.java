package org.jswan.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives a ViciServer + ViciCommands + FakeGatewayControl with strongSwan's unmodified swanctl binary. */
class SwanctlInteropTest {
    private static final Path SWANCTL = Path.of("/usr/sbin/swanctl");

    private Path dir;
    private ViciServer server;
    private FakeGatewayControl gateway;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Files.isExecutable(SWANCTL), "strongSwan's swanctl is not installed at " + SWANCTL
                + "; skipping VICI interop tests");
        dir = Files.createTempDirectory(Path.of("/tmp"), "jswan-vici");
        gateway = new FakeGatewayControl();
        server = ViciServer.start(dir.resolve("jswan.vici"), new ViciCommands(gateway));
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run swanctl(final String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SWANCTL.toString()));
        cmd.addAll(List.of(args));
        cmd.add("--uri");
        cmd.add("unix://" + server.path());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path swanctlDir = Files.createDirectories(dir.resolve("swanctl"));
        pb.environment().put("SWANCTL_DIR", swanctlDir.toString());
        Path outFile = dir.resolve("out.txt");
        Path errFile = dir.resolve("err.txt");
        pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "swanctl " + String.join(" ", args) + " hung");
        return new Run(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
    }

    @Test
    void version() throws Exception {
        Run r = swanctl("--version", "--daemon");
        assertEquals(0, r.exit(), r.err());
        // swanctl prints "strongSwan <version> <daemon> (<sysname>, <release>, <machine>)".
        assertTrue(r.out().contains("strongSwan 0.1.0-test jswan ("), r.out());
        assertTrue(gateway.calls.contains("version"), gateway.calls.toString());
    }

    @Test
    void stats() throws Exception {
        Run r = swanctl("--stats");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("uptime: 2 minutes, since "), r.out());
        assertTrue(r.out().contains("worker threads: 4 total, 3 idle, working: 0/0/0/0"), r.out());
        assertTrue(r.out().contains("IKE_SAs: 1 total, 0 half-open"), r.out());
        assertTrue(r.out().contains("jswan-ike jswan-esp"), r.out());
    }

    @Test
    void listSas() throws Exception {
        Run r = swanctl("--list-sas");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("gw: #3, ESTABLISHED, IKEv2, 0123456789abcdef_i* fedcba9876543210_r"), out);
        assertTrue(out.contains("local  'moon.example.org' @ 192.0.2.1[500]"), out);
        assertTrue(out.contains("remote 'sun.example.org' @ 198.51.100.2[4500]"), out);
        assertTrue(out.contains("AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/CURVE_25519"), out);
        assertTrue(out.contains("established 605s ago, rekeying in 13000s"), out);
        assertTrue(out.contains("net: #7, reqid 1, INSTALLED, TUNNEL, ESP:AES_GCM_16-256"), out);
        assertTrue(out.contains("installed 600s ago, rekeying in 3000s, expires in 3400s"), out);
        assertTrue(out.contains("in  c1a2b3d4,   8400 bytes,   100 packets,     3s ago"), out);
        assertTrue(out.contains("out 0e5f6071,  12600 bytes,   150 packets,     2s ago"), out);
        assertTrue(out.contains("local  10.1.0.0/16"), out);
        assertTrue(out.contains("remote 10.2.0.0/16"), out);
        assertTrue(gateway.calls.contains("listSas null 0"), gateway.calls.toString());
    }

    @Test
    void listSasFilteredByName() throws Exception {
        Run r = swanctl("--list-sas", "--ike", "other");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out().trim());
        assertTrue(gateway.calls.contains("listSas other 0"), gateway.calls.toString());
    }

    @Test
    void listConns() throws Exception {
        Run r = swanctl("--list-conns");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("gw: IKEv2, no reauthentication, rekeying every 14400s, dpd delay 30s"), out);
        assertTrue(out.contains("local:  192.0.2.1"), out);
        assertTrue(out.contains("remote: 198.51.100.2"), out);
        assertTrue(out.contains("local pre-shared key authentication:"), out);
        assertTrue(out.contains("id: sun.example.org"), out);
        assertTrue(out.contains("net: TUNNEL, rekeying every 3600s, dpd action is clear"), out);
        assertTrue(out.contains("local:  10.1.0.0/16"), out);
        assertTrue(out.contains("remote: 10.2.0.0/16"), out);
    }

    @Test
    void initiateStreamsControlLogUpToTheLogLevel() throws Exception {
        Run r = swanctl("--initiate", "--child", "net");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("[IKE] initiating IKE_SA gw[3] to 198.51.100.2"), r.out());
        assertTrue(r.out().contains("[CHD] CHILD_SA net{7} established"), r.out());
        assertTrue(!r.out().contains("detail only at level 2"), r.out());
        assertTrue(r.out().contains("initiate completed successfully"), r.out());
        assertTrue(gateway.calls.contains("initiate InitiateRequest[child=net, ike=null, timeoutMillis=0, logLevel=1]"),
                gateway.calls.toString());
    }

    @Test
    void initiateFailureReachesSwanctl() throws Exception {
        Run r = swanctl("--initiate", "--child", "nope", "--timeout", "5", "--loglevel", "2");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("initiate failed: CHILD_SA config 'nope' not found"), r.err());
        assertTrue(r.out().contains("detail only at level 2"), r.out());
        assertTrue(gateway.calls.contains(
                "initiate InitiateRequest[child=nope, ike=null, timeoutMillis=5000, logLevel=2]"),
                gateway.calls.toString());
    }

    @Test
    void terminate() throws Exception {
        Run r = swanctl("--terminate", "--ike", "x");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("[IKE] deleting IKE_SA gw[3]"), r.out());
        assertTrue(r.out().contains("terminate completed successfully"), r.out());
        assertTrue(gateway.calls.stream().anyMatch(c -> c.startsWith(
                "terminate TerminateRequest[child=null, ike=x, childId=0, ikeId=0, force=false")),
                gateway.calls.toString());
    }

    @Test
    void unsupportedCommandIsAnsweredNotCrashed() throws Exception {
        Run r = swanctl("--install", "--child", "net");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("install is not supported by jswan yet"), r.err());
    }

    @Test
    void loadConnsSendsTheParsedConfigTree() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("swanctl")).resolve("swanctl.conf");
        Files.writeString(conf, String.join("\n",
                "connections {",
                "  gw {",
                "    remote_addrs = 198.51.100.2",
                "    local { auth = psk\n id = moon.example.org }",
                "    remote { auth = psk\n id = sun.example.org }",
                "    children { net { local_ts = 10.1.0.0/16\n remote_ts = 10.2.0.0/16\n"
                        + " esp_proposals = aes256gcm16 } }",
                "  }",
                "}",
                "secrets { ike-gw { id = sun.example.org\n secret = 0sc2VjcmV0 } }",
                "pools { vips { addrs = 10.3.0.0/24\n dns = 10.3.0.1 } }",
                ""));
        Run r = swanctl("--load-conns");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("loaded connection 'gw'"), r.out());
        assertTrue(gateway.calls.contains("getConns"), gateway.calls.toString());
        assertTrue(gateway.calls.contains("loadConn gw"), gateway.calls.toString());
        ViciMessage gw = gateway.loadedConns.get(0);
        assertEquals("198.51.100.2", gw.list("remote_addrs").get(0));
        assertEquals("sun.example.org", gw.find("remote.id"));
        assertEquals("10.1.0.0/16", gw.section("children").section("net").list("local_ts").get(0));

        Run creds = swanctl("--load-creds", "--noprompt");
        assertEquals(0, creds.exit(), creds.out() + creds.err());
        assertTrue(creds.out().contains("loaded ike secret 'ike-gw'"), creds.out());
        assertEquals("secret", new String(gateway.lastSecret.secret(), StandardCharsets.UTF_8));
        assertEquals(List.of("sun.example.org"), gateway.lastSecret.owners());
        assertTrue(!gateway.calls.toString().contains("c2VjcmV0") && !gateway.calls.toString().contains("secret="
                + "secret"), gateway.calls.toString());

        Run all = swanctl("--load-all", "--noprompt");
        assertEquals(0, all.exit(), all.out() + all.err());
        assertTrue(all.out().contains("loaded pool 'vips'"), all.out());
        assertTrue(gateway.calls.contains("loadPool vips"), gateway.calls.toString());
    }

    /** swanctl's stdout is block-buffered into a file; line-buffer it where stdbuf exists so we can poll. */
    private static List<String> lineBuffered(final String... args) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/stdbuf"))) {
            cmd.addAll(List.of("/usr/bin/stdbuf", "-oL"));
        }
        cmd.add(SWANCTL.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void awaitContent(final Path file, final String... needles) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(file);
            if (java.util.Arrays.stream(needles).allMatch(text::contains)) {
                return;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void logAndMonitorStreamDaemonEvents() throws Exception {
        String uri = "unix://" + server.path();
        Path out = dir.resolve("log.txt");
        Process log = new ProcessBuilder(lineBuffered("--log", "--uri", uri))
                .redirectOutput(out.toFile()).redirectErrorStream(true).start();
        Path monOut = dir.resolve("monitor.txt");
        Process monitor = new ProcessBuilder(lineBuffered("--monitor-sa", "--uri", uri))
                .redirectOutput(monOut.toFile()).redirectErrorStream(true).start();
        java.util.logging.Logger ike = java.util.logging.Logger.getLogger("IKE");
        ViciEvents events = new ViciEvents(server);
        ViciLogHandler handler = new ViciLogHandler(events);
        ike.addHandler(handler);
        String logLine = "[IKE] IKE_SA gw[3] established between 192.0.2.1[moon]...198.51.100.2[sun]";
        String ikeLine = "gw: #3, ESTABLISHED, IKEv2";
        String childLine = "net: #7, reqid 1, INSTALLED, TUNNEL, ESP:AES_GCM_16-256";
        try {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (!(server.hasListeners("log") && server.hasListeners("child-updown"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(server.hasListeners("log") && server.hasListeners("child-updown"), "swanctl never registered");
            ike.info("IKE_SA gw[3] established between 192.0.2.1[moon]...198.51.100.2[sun]");
            events.ikeUpdown(FakeGatewayControl.IKE, true);
            events.childUpdown(FakeGatewayControl.IKE, true);
            awaitContent(out, logLine);
            awaitContent(monOut, ikeLine, childLine);
        } finally {
            ike.removeHandler(handler);
            log.destroy();
            monitor.destroy();
            log.waitFor(10, TimeUnit.SECONDS);
            monitor.waitFor(10, TimeUnit.SECONDS);
        }
        String logged = Files.readString(out);
        assertTrue(logged.contains(logLine), logged);
        // swanctl prints an SA when it meets its child-sas section, which only child-updown carries.
        String monitored = Files.readString(monOut);
        assertTrue(monitored.contains(ikeLine), monitored);
        assertTrue(monitored.contains(childLine), monitored);
    }
}
