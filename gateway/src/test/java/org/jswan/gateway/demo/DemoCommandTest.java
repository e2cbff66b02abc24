package org.jswan.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jswan.gateway.cli.DemoCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code jswan demo} end to end, in process through picocli as a user would run it (root only): the tunnel comes
 * up, the summary shows ESTABLISHED SAs, no ping loss and a throughput above zero, and no namespace remains.
 */
class DemoCommandTest {
    private static final Pattern THROUGHPUT = Pattern.compile("(?m)^throughput\\s+([0-9.]+) (Mbit|Gbit)/s");

    private static void assumeRoot() {
        String why = DemoRun.cannotRunReason();
        assumeTrue(why == null, "skipped: " + why);
    }

    /** Runs {@code jswan demo ARGS --work-dir target/demo-runs/NAME} in process; asserts exit 0. */
    private static String runDemo(final String name, final String... args) {
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new DemoCommand());
        cl.setOut(new PrintWriter(sw, true));
        cl.setErr(new PrintWriter(sw, true));
        List<String> argv = new java.util.ArrayList<>(List.of(args));
        argv.addAll(List.of("--work-dir", workDir(name)));
        int exit = cl.execute(argv.toArray(new String[0]));
        String out = sw.toString();
        assertEquals(0, exit, out);
        return out;
    }

    private static String workDir(final String name) {
        return java.nio.file.Path.of("target", "demo-runs", name).toAbsolutePath().toString();
    }

    private static void assertTunnelWorked(final String out) {
        assertTrue(out.contains("ESTABLISHED"), out);
        assertTrue(out.contains("INSTALLED"), out);
        assertTrue(out.contains(" 0% loss"), out);
        Matcher m = THROUGHPUT.matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) > 0, out);
        assertTrue(out.contains("result      OK"), out);
        assertNoDemoNamespaceLeft();
    }

    private static void assertNoDemoNamespaceLeft() {
        String prefix = DemoTopology.forThisProcess().prefix();
        HostCommand.Output list = HostCommand.run(Duration.ofSeconds(5), List.of("ip", "netns", "list"));
        assertTrue(list.ok(), list.text());
        assertTrue(!list.text().contains(prefix), "namespaces left behind: " + list.text());
    }

    @Test
    @Timeout(90)
    void pskJswanToJswanWithBuiltinThroughput() {
        assumeRoot();
        String out = runDemo("psk-builtin", "--seconds", "1", "--throughput", "builtin");
        assertTunnelWorked(out);
        assertTrue(out.contains("gateway B   jswan, responder"), out);
        assertTrue(out.contains("built-in TCP transfer"), out);
    }

    @Test
    @Timeout(90)
    void certificatesJswanToJswan() {
        assumeRoot();
        String out = runDemo("cert", "--auth", "cert", "--seconds", "1");
        assertTunnelWorked(out);
        assertTrue(out.contains("ECDSA P-256 certificates"), out);
    }

    @Test
    @Timeout(90)
    void pskJswanToStrongSwan() {
        assumeRoot();
        assumeTrue(StrongSwanGateway.missingPackages() == null, "skipped: " + StrongSwanGateway.missingPackages());
        String out = runDemo("strongswan-psk", "--peer", "strongswan", "--seconds", "1");
        assertTunnelWorked(out);
        assertTrue(out.contains("TUNNEL-in-UDP, ESP:AES_GCM_16-128"), out);
        assertTrue(out.contains("gateway B (strongSwan) counted in  (A -> B)"), out);
    }

    /** jswan initiates with an ECDSA certificate; strongSwan verifies it against the demo CA and answers in kind. */
    @Test
    @Timeout(90)
    void certificatesJswanToStrongSwan() {
        assumeRoot();
        assumeTrue(StrongSwanGateway.missingPackages() == null, "skipped: " + StrongSwanGateway.missingPackages());
        String out = runDemo("strongswan-cert", "--peer", "strongswan", "--auth", "cert", "--seconds", "1");
        assertTunnelWorked(out);
        assertTrue(out.contains("ECDSA P-256 certificates"), out);
        assertTrue(out.contains("gateway B   strongSwan, responder"), out);
        assertTrue(out.contains("gateway B (strongSwan) counted in  (A -> B)"), out);
    }

    @Test
    @Timeout(60)
    void failedNegotiationExitsNonZeroWithTheLogTail() {
        assumeRoot();
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new DemoCommand());
        cl.setOut(new PrintWriter(sw, true));
        int exit = cl.execute("--wrong-psk", "--timeout", "20", "--work-dir", workDir("wrong-psk"));
        String out = sw.toString();
        assertEquals(DemoRun.FAILED, exit, out);
        assertTrue(out.contains("jswan demo FAILED: the tunnel did not come up"), out);
        assertTrue(out.contains("--- last lines of gateway"), out);
        assertTrue(out.contains("[IKE]"), "a daemon log tail is shown: " + out);
        assertNoDemoNamespaceLeft();
    }

    @Test
    void helpShowsExamples() {
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new DemoCommand());
        cl.setOut(new PrintWriter(sw, true));
        assertEquals(0, cl.execute("--help"));
        assertTrue(sw.toString().contains("jswan demo --peer strongswan"), sw.toString());
        assertTrue(sw.toString().contains("--cleanup"), sw.toString());
    }
}
