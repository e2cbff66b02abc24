package org.jswan.gateway.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jswan.gateway.demo.DemoAuth;
import org.jswan.gateway.demo.DemoOptions;
import org.jswan.gateway.demo.DemoPeer;
import org.jswan.gateway.demo.DemoRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jswan demo}: a two-site tunnel in network namespaces, traffic through it, a summary, cleanup. */
@Command(name = "demo",
        description = {"Build a throwaway two-site lab in network namespaces and run a tunnel through it:",
            "  hostA -- gwA (jswan) ==== gwB (jswan or strongSwan) -- hostB",
            "Gateway A initiates; then ping and a short TCP throughput run (iperf3 if installed, else built in)",
            "go from host A to host B through the tunnel, and a summary shows the SAs, traffic and files.",
            "Everything (processes, namespaces jd<pid>-*) is removed at the end, on failure and on Ctrl-C,",
            "unless --keep. Needs root. Exit code 0 when the tunnel came up and traffic crossed it."},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {"  sudo ./jswan demo                       # jswan <-> jswan, pre-shared key",
            "  sudo ./jswan demo --auth cert           # throwaway CA and ECDSA certificates",
            "  sudo ./jswan demo --peer strongswan     # gateway B is strongSwan's charon (kernel-libipsec)",
            "  sudo ./jswan demo --keep                # leave the lab running to poke at it",
            "  sudo ./jswan demo --cleanup             # remove labs left by --keep"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--auth", paramLabel = "psk|cert", description = "Authentication (default: ${DEFAULT-VALUE}).",
            converter = AuthConverter.class)
    DemoAuth auth = DemoAuth.PSK;

    @Option(names = "--peer", paramLabel = "jswan|strongswan",
            description = "What runs as gateway B (default: ${DEFAULT-VALUE}).", converter = PeerConverter.class)
    DemoPeer peer = DemoPeer.JSWAN;

    @Option(names = "--keep", description = "Leave the lab running at the end and print how to use and remove it.")
    boolean keep;

    @Option(names = "--cleanup", description = "Remove the namespaces and processes of earlier demos (--keep) "
            + "and exit.")
    boolean cleanup;

    @Option(names = "--seconds", paramLabel = "N", description = "Throughput run length (default: ${DEFAULT-VALUE}).")
    int seconds = 3;

    @Option(names = "--pings", paramLabel = "N", description = "Echo requests host A to host B (default: "
            + "${DEFAULT-VALUE}).")
    int pings = 5;

    @Option(names = "--throughput", paramLabel = "auto|iperf3|builtin",
            description = "Throughput tool (default: ${DEFAULT-VALUE}: iperf3 when installed).",
            converter = ToolConverter.class)
    DemoOptions.ThroughputTool throughput = DemoOptions.ThroughputTool.AUTO;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Wait this long for the tunnel (default: "
            + "${DEFAULT-VALUE}).")
    int timeout = 30;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where configs and logs go (default: a new "
            + "/tmp/jswan-demo-* folder, kept after the run).")
    Path workDir;

    @Option(names = "--wrong-psk", hidden = true, description = "Give gateway B a different PSK (a failed run).")
    boolean wrongPsk;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        java.io.PrintStream out = new java.io.PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true,
                java.nio.charset.StandardCharsets.UTF_8);
        if (cleanup) {
            return DemoRun.cleanup(out);
        }
        if (seconds < 1 || seconds > 60 || pings < 1 || pings > 100 || timeout < 1 || timeout > 300) {
            out.println("jswan demo: --seconds must be 1..60, --pings 1..100, --timeout 1..300");
            return 2;
        }
        return DemoRun.run(new DemoOptions(auth, peer, workDir, seconds, pings, throughput,
                Duration.ofSeconds(timeout), keep, wrongPsk, out));
    }

    /** Lets the demo print to picocli's configured writer (System.out by default, a test's writer in tests). */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final java.io.PrintWriter w;

        WriterOutputStream(final java.io.PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(final int b) {
            w.write(b);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) {
            w.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            w.flush();
        }
    }

    static final class AuthConverter implements picocli.CommandLine.ITypeConverter<DemoAuth> {
        @Override
        public DemoAuth convert(final String value) {
            return DemoAuth.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static final class PeerConverter implements picocli.CommandLine.ITypeConverter<DemoPeer> {
        @Override
        public DemoPeer convert(final String value) {
            return DemoPeer.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static final class ToolConverter implements picocli.CommandLine.ITypeConverter<DemoOptions.ThroughputTool> {
        @Override
        public DemoOptions.ThroughputTool convert(final String value) {
            return DemoOptions.ThroughputTool.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
