package org.jswan.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jswan daemon --settings}: loggers from a strongswan.conf-style file, checked before anything starts. */
class DaemonSettingsTest {

    private static final String CONF = """
            connections {
                site-b {
                    remote_addrs = 198.51.100.1
                    local {
                        auth = psk
                        id = a.example
                    }
                    remote {
                        auth = psk
                        id = b.example
                    }
                    children {
                        net {
                            local_ts = 10.1.0.0/16
                            remote_ts = 10.2.0.0/16
                        }
                    }
                }
            }
            secrets {
                ike-b {
                    secret = 0sv+NkxY9LLZvwj4qCC2o/gGrWDF2d21jL0D+wSZz1+wc=
                }
            }
            """;

    @Test
    void badSettingsFileStopsTheDaemonBeforeItStartsWithFileAndLine(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("swanctl.conf"), CONF);
        Files.writeString(dir.resolve("jswan.conf"), "jswan {\n    filelog {\n        x {\n"
                + "            ike = loud\n        }\n    }\n}\n");
        Outcome o = daemon(dir);
        assertEquals(1, o.exit());
        assertEquals("jswan daemon: jswan.conf:4: jswan.filelog.x.ike: 'loud' is not a log level; expected -1 to 4\n",
                o.err());
    }

    @Test
    void anUnknownEspEncapsulationIsAUsageErrorThatNamesTheChoices(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("swanctl.conf"), CONF);
        Outcome o = daemon(dir, "--esp-encap", "sometimes");
        assertEquals(2, o.exit());
        assertTrue(o.err().contains("--esp-encap takes 'always' or 'nat', not 'sometimes'"), o.err());
    }

    private record Outcome(int exit, String err) {
    }

    /** Runs `jswan daemon` on {@code dir} with {@code more} options, for a start that fails: exit code and stderr. */
    private static Outcome daemon(final Path dir, final String... more) {
        List<String> argv = new java.util.ArrayList<>(List.of("daemon", "--config-dir", dir.toString(),
                "--vici-socket", dir.resolve("v.vici").toString()));
        argv.addAll(List.of(more));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new JswanCommand()).execute(argv.toArray(new String[0]));
            return new Outcome(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void helpShowsTheSettingsOptionAndAnExample() {
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new JswanCommand());
        cl.setOut(new PrintWriter(sw));
        assertEquals(0, cl.execute("daemon", "--help"));
        String help = sw.toString();
        assertTrue(help.contains("--settings=FILE"), help);
        assertTrue(help.contains("time_format = %b %e %T"), help);
        assertTrue(help.contains("jswan daemon --settings /etc/strongswan.d/charon-logging.conf"), help);
    }

    /**
     * A real daemon process (no data plane, high ports, no root needed) logs to the file its settings name, at the
     * levels they give, with the command line's --debug on top.
     */
    @Test
    @Timeout(60)
    void daemonWritesTheConfiguredFileAtTheConfiguredLevels(@TempDir final Path dir) throws Exception {
        Files.writeString(dir.resolve("swanctl.conf"), CONF);
        Path log = dir.resolve("daemon.log");
        Path settings = dir.resolve("logging.conf");
        Files.writeString(settings, "charon {\n    filelog {\n        daemon-log {\n"
                + "            path = " + log + "\n"
                + "            default = 0\n"
                + "            net = 1\n"
                + "            dmn = 1\n"
                + "            log_level = yes\n"
                + "            flush_line = yes\n"
                + "        }\n    }\n}\n");
        int ike;
        int natT;
        try (DatagramSocket a = new DatagramSocket(0); DatagramSocket b = new DatagramSocket(0)) {
            ike = a.getLocalPort();
            natT = b.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.jswan.gateway.cli.Main", "daemon", "--config-dir", dir.toString(), "--vici-socket",
                dir.resolve("v.vici").toString(), "--port", Integer.toString(ike), "--port-nat-t",
                Integer.toString(natT), "--no-dataplane", "--settings", settings.toString(), "--debug", "cfg 1"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            // The control socket comes up last in start-up.
            while (!(Files.exists(log) && Files.readString(log).contains("VICI control socket at"))) {
                assertTrue(p.isAlive(), "daemon exited: " + Files.readString(dir.resolve("stdout.txt")));
                assertTrue(System.nanoTime() < deadline, "no 'listening' in " + (Files.exists(log)
                        ? Files.readString(log) : "(no log file)"));
                Thread.sleep(100);
            }
            // SIGHUP re-reads the loggers: the next lines go to the file the edited settings name.
            Path moved = dir.resolve("moved.log");
            Files.writeString(settings, Files.readString(settings).replace(log.toString(), moved.toString()));
            assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor());
            while (!(Files.exists(moved) && Files.readString(moved).contains("loaded 1 connection"))) {
                assertTrue(System.nanoTime() < deadline, "nothing in the new log after SIGHUP");
                Thread.sleep(100);
            }
        } finally {
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "daemon stops on SIGTERM");
        }
        String text = Files.readString(log);
        assertTrue(text.matches("(?s).*\\d\\d\\[NET1\\] listening on UDP ports " + ike + ".*"), text);
        assertTrue(text.matches("(?s).*\\d\\d\\[CFG1\\] loaded 1 connection.*"), "--debug 'cfg 1' on top: " + text);
        for (String line : text.split("\n")) {
            assertTrue(line.matches("\\d\\d\\[(NET1|CFG1|DMN1|[A-Z]{3}0)\\] .*"),
                    "only what the levels allow: " + line);
        }
        assertFalse(Files.readString(dir.resolve("stdout.txt")).contains("[NET"), "nothing logged to stdout");
    }
}
