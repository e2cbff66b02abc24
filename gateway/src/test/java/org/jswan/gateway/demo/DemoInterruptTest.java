package org.jswan.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ctrl-C on a running {@code jswan demo} (a real process, SIGINT as a terminal sends it): the demo says it is
 * stopping what it started, and afterwards none of its namespaces and none of its gateway processes remain.
 */
class DemoInterruptTest {

    @Test
    @Timeout(120)
    void ctrlCRemovesNamespacesAndProcesses() throws Exception {
        String why = DemoRun.cannotRunReason();
        assumeTrue(why == null, "skipped: " + why);
        Path work = Path.of("target", "demo-runs", "interrupted").toAbsolutePath();
        Path log = Files.createDirectories(work.getParent()).resolve("interrupted.out");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.jswan.gateway.cli.Main", "demo", "--seconds", "30", "--work-dir", work.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String prefix = "jd" + demo.pid() + "-";
        try {
            // Interrupt once the tunnel is up and the traffic steps run: everything is then in place.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!read(log).contains("[5/7]") && demo.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(read(log).contains("[5/7]"), "the demo got going:\n" + read(log));
            assertTrue(namespaces().contains(prefix), namespaces());
            List<ProcessHandle> children = demo.descendants().toList();
            assertFalse(children.isEmpty(), "the demo runs its gateways as child processes");

            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
            assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "the demo exits after Ctrl-C:\n" + read(log));
            String out = read(log);
            assertTrue(out.contains("interrupted; stopping what it started"), out);
            assertFalse(namespaces().contains(prefix), "namespaces left behind: " + namespaces());
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "still running: " + child.info().commandLine().orElse("?"));
            }
        } finally {
            if (demo.isAlive()) {
                new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
                if (!demo.waitFor(20, TimeUnit.SECONDS)) {
                    demo.destroyForcibly();
                }
            }
            for (String ns : namespaces().split("\\s+")) {
                if (ns.startsWith(prefix)) {
                    HostCommand.run(Duration.ofSeconds(5), List.of("ip", "netns", "del", ns));
                }
            }
        }
    }

    private static String read(final Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static String namespaces() {
        return HostCommand.run(Duration.ofSeconds(5), List.of("ip", "netns", "list")).text();
    }
}
