package org.jswan.gateway.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code jswan demo} run: lab, configs, gateway B, gateway A (initiator), ping, throughput, summary, cleanup.
 * The lab is removed at the end, on failure, and from a shutdown hook on Ctrl-C, unless {@code --keep}.
 */
public final class DemoRun {
    /** Exit codes: 0 tunnel up and traffic crossed it, 1 it did not, 2 cannot run here (not root, no charon). */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int UNSUPPORTED = 2;

    static final String ESP_NOTATION = "AES_GCM_16_128";
    private static final int PING_BYTES = 84; // 20 IP + 8 ICMP + 56 data, iputils' default size
    private static final Pattern SWAN_COUNTERS = Pattern.compile(
            "(?m)^\\s*(in|out)\\s+([0-9a-f]{8})[^,\\n]*,\\s*(\\d+) bytes,\\s*(\\d+) packets");

    private final DemoOptions o;
    private final PrintStream out;
    private final DemoTopology topo;
    private DemoLab lab;
    private JswanGateway gwA;
    private DemoGateway gwB;
    private Thread hook;
    private volatile boolean interrupted;

    private DemoRun(final DemoOptions options, final DemoTopology topo) {
        this.o = options;
        this.out = options.out();
        this.topo = topo;
    }

    /** Runs the demo and returns the exit code; prints progress and the summary to {@code options.out()}. */
    public static int run(final DemoOptions options) {
        return new DemoRun(options, DemoTopology.forThisProcess()).execute();
    }

    /** Null when this process can build namespaces (root), else why not. */
    public static String cannotRunReason() {
        HostCommand.Output id = HostCommand.run(Duration.ofSeconds(5), List.of("id", "-u"));
        if (!id.ok() || !id.text().strip().equals("0")) {
            return "needs root (it creates network namespaces): run it with sudo";
        }
        HostCommand.Output ip = HostCommand.run(Duration.ofSeconds(5), List.of("ip", "-V"));
        if (!ip.ok()) {
            return "needs the ip command: apt-get install iproute2";
        }
        return null;
    }

    /** {@code jswan demo --cleanup}: removes labs left by --keep or by demos that died; returns the exit code. */
    public static int cleanup(final PrintStream out) {
        String why = cannotRunReason();
        if (why != null) {
            out.println("jswan demo: " + why);
            return UNSUPPORTED;
        }
        List<String> removed = DemoLab.sweep(false);
        out.println(removed.isEmpty() ? "no demo lab to clean up"
                : "removed " + removed.size() + " namespaces (and what ran in them): " + String.join(" ", removed));
        return OK;
    }

    private int execute() {
        String why = cannotRunReason();
        if (why == null && o.peer() == DemoPeer.STRONGSWAN) {
            why = StrongSwanGateway.missingPackages();
        }
        if (why != null) {
            out.println("jswan demo: " + why);
            return UNSUPPORTED;
        }
        DemoOptions.ThroughputTool tool = o.throughput();
        if (tool == DemoOptions.ThroughputTool.AUTO) {
            tool = TrafficProbe.iperf3Installed() ? DemoOptions.ThroughputTool.IPERF3
                    : DemoOptions.ThroughputTool.BUILTIN;
        }
        Path work;
        try {
            work = o.workDir() != null ? Files.createDirectories(o.workDir())
                    : Files.createTempDirectory("jswan-demo-");
        } catch (IOException e) {
            out.println("jswan demo: cannot create the work dir: " + e.getMessage());
            return FAILED;
        }
        lab = new DemoLab(topo);
        hook = new Thread(this::onShutdown, "jswan-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        gwA = new JswanGateway(topo.gwA(), work.resolve("gwA"));
        gwB = o.peer() == DemoPeer.STRONGSWAN ? new StrongSwanGateway(topo.gwB(), work.resolve("gwB-strongswan"))
                : new JswanGateway(topo.gwB(), work.resolve("gwB"));
        out.println("jswan demo: hostA -- gwA (jswan) ==== gwB (" + gwB.product() + ") -- hostB, "
                + (o.auth() == DemoAuth.PSK ? "pre-shared key" : "ECDSA certificates") + ", namespaces "
                + topo.prefix() + "*, work dir " + work);
        Progress p = new Progress(out, 7);
        boolean ok = false;
        try {
            p.begin("creating namespaces " + String.join(" ", topo.namespaces()));
            lab.build();
            p.done();

            p.begin("writing configuration (" + (o.auth() == DemoAuth.PSK ? "random PSK" : "CA + ECDSA certificates")
                    + ")");
            writeConfigs();
            p.done();

            p.begin("starting gateway B (" + gwB.product() + ", responder)");
            gwB.start(lab);
            p.done();

            p.begin("starting gateway A (jswan, initiator), bringing the tunnel up");
            gwA.start(lab);
            awaitTunnel();
            p.done();

            TrafficProbe traffic = new TrafficProbe(lab, work);
            p.begin("ping hostA -> hostB (" + DemoTopology.HOST_B + ") through the tunnel, " + o.pingCount()
                    + " packets");
            if (!traffic.awaitPath(Duration.ofSeconds(10))) {
                throw new DemoException("no ping answer from host B through the tunnel within 10 s");
            }
            PingResult ping = traffic.ping(o.pingCount());
            p.done(ping.received() + "/" + ping.transmitted() + " answered");

            boolean iperf = tool == DemoOptions.ThroughputTool.IPERF3;
            p.begin("throughput hostA -> hostB (" + (iperf ? "iperf3" : "built-in TCP transfer") + ", "
                    + o.seconds() + " s)");
            ThroughputResult tput = iperf ? traffic.iperf3(o.seconds()) : traffic.builtin(o.seconds());
            p.done(ThroughputResult.formatRate(tput.bitsPerSecond()));

            String sasA = gwA.listSas();
            String sasB = gwB.listSas();
            ok = ping.received() > 0 && tput.bytes() > 0;
            finish(p, o.keep() && ok);
            printSummary(work, ping, tput, sasA, sasB, ok);
            return ok ? OK : FAILED;
        } catch (RuntimeException e) { // DemoException, or a bug: either way clean up and show the logs
            if (interrupted) {
                return FAILED; // the shutdown hook said so and cleans up
            }
            p.failed();
            out.println();
            out.println("jswan demo FAILED: " + e.getMessage());
            printFailingLogs();
            finish(p, false);
            out.println("configs and logs: " + work);
            return FAILED;
        } finally {
            if (!o.keep() || !ok) {
                closeLab();
            }
            removeHook();
        }
    }

    /** Waits for gateway A's CHILD_SA; gives up early when its log says the IKE_SA was destroyed. */
    private void awaitTunnel() {
        Pattern destroyed = Pattern.compile("IKE_SA \\S+ destroyed: (.*)");
        String[] reason = new String[1];
        boolean up = LogFile.await(() -> {
            String log = LogFile.read(gwA.logFile());
            Matcher m = destroyed.matcher(log);
            if (!log.contains("CHILD_SA net{") && m.find()) {
                reason[0] = m.group(1).strip();
            }
            return log.contains("CHILD_SA net{") || reason[0] != null;
        }, gwA::isAlive, o.tunnelTimeout().toMillis()) && reason[0] == null;
        if (!up) {
            throw new DemoException("the tunnel did not come up: " + (reason[0] != null ? reason[0]
                    : !gwA.isAlive() ? "gateway A exited" : "no 'CHILD_SA net{' in gateway A's log within "
                    + o.tunnelTimeout().toSeconds() + " s"));
        }
    }

    private void writeConfigs() {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String psk = HexFormat.of().formatHex(raw);
        gwA.configure(SiteConfig.siteA(o.auth()), psk);
        gwB.configure(SiteConfig.siteB(o.auth()), o.wrongPsk() ? new StringBuilder(psk).reverse().toString() : psk);
        if (o.auth() == DemoAuth.CERT) {
            DemoPki pki = DemoPki.create();
            pki.issue(gwA.swanctlDir(), "gwA", DemoTopology.ID_A);
            pki.issue(gwB.swanctlDir(), "gwB", DemoTopology.ID_B);
        }
    }

    /** The cleanup step (or, with --keep, the note that the lab stays). */
    private void finish(final Progress p, final boolean keepLab) {
        if (keepLab) {
            return;
        }
        p.begin("cleaning up (stopping " + lab.pids().size() + " processes, deleting 4 namespaces)");
        closeLab();
        p.done();
    }

    private void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private void onShutdown() {
        // Ctrl-C or SIGTERM while the demo runs: remove what it built even if --keep was asked for.
        if (lab != null) {
            interrupted = true;
            out.println();
            out.println("jswan demo: interrupted; stopping what it started (PIDs " + lab.pids()
                    + ") and deleting its namespaces");
            lab.close();
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs
        }
    }

    private void printFailingLogs() {
        List<DemoGateway> dead = new ArrayList<>();
        for (DemoGateway g : List.of(gwA, gwB)) {
            if (Files.exists(g.logFile()) && !g.isAlive()) {
                dead.add(g);
            }
        }
        List<DemoGateway> show = dead.isEmpty() ? List.of(gwA, gwB) : dead;
        for (DemoGateway g : show) {
            if (!Files.exists(g.logFile())) {
                continue;
            }
            String which = g == gwA ? "gateway A" : "gateway B";
            out.println("--- last lines of " + which + " (" + g.product() + (g.isAlive() ? "" : ", exited") + "): "
                    + g.logFile());
            out.println(g.logTail(25));
        }
    }

    private void printSummary(final Path work, final PingResult ping, final ThroughputResult tput,
                              final String sasA, final String sasB, final boolean ok) {
        out.println();
        out.println("=== jswan demo summary ===");
        out.println("topology    hostA " + DemoTopology.HOST_A + " -- gwA " + DemoTopology.GW_A_WAN + " ==== "
                + DemoTopology.GW_B_WAN + " gwB -- hostB " + DemoTopology.HOST_B + "   (namespaces " + topo.prefix()
                + "*)");
        out.println("auth        " + (o.auth() == DemoAuth.PSK ? "pre-shared key (random, in the swanctl.conf files)"
                : "ECDSA P-256 certificates from a throwaway CA (x509ca/demo-ca.pem)"));
        printGateway("gateway A   jswan, initiator", gwA, sasA);
        printGateway("gateway B   " + gwB.product() + ", responder", gwB, sasB);
        out.printf(Locale.ROOT, "ping        hostA -> hostB: %d sent, %d received, %d%% loss", ping.transmitted(),
                ping.received(), ping.lossPercent());
        if (ping.rttAvgMs() >= 0) {
            out.printf(Locale.ROOT, ", rtt min/avg/max %.2f/%.2f/%.2f ms", ping.rttMinMs(), ping.rttAvgMs(),
                    ping.rttMaxMs());
        }
        out.println();
        out.printf(Locale.ROOT, "throughput  %s (%s, %s in %.1f s, one TCP stream hostA -> hostB)%n",
                ThroughputResult.formatRate(tput.bitsPerSecond()), tput.tool(), ThroughputResult.formatBytes(
                        tput.bytes()), tput.seconds());
        out.printf(Locale.ROOT, "traffic     A -> B: %d ICMP echo requests (%d bytes) + %s TCP payload%n",
                ping.transmitted(), ping.transmitted() * PING_BYTES, ThroughputResult.formatBytes(tput.bytes()));
        out.printf(Locale.ROOT, "            B -> A: %d ICMP echo replies (%d bytes) + TCP acknowledgements%n",
                ping.received(), ping.received() * PING_BYTES);
        printCounters("gateway A (" + gwA.product() + ")", sasA, "B -> A", "A -> B");
        printCounters("gateway B (" + gwB.product() + ")", sasB, "A -> B", "B -> A");
        out.println("files       work dir " + work);
        for (DemoGateway g : List.of(gwA, gwB)) {
            for (Path f : g.files()) {
                out.println("            " + (g == gwA ? "gwA " : "gwB ") + f);
            }
        }
        if (o.keep()) {
            printKeepHelp();
        }
        out.println("result      " + (ok ? "OK: the tunnel is up and traffic crossed it" : "FAILED: no traffic crossed"
                + " the tunnel"));
    }

    /** The gateway's own SA listing when it has one (strongSwan, or jswan with VICI), else its log lines. */
    private void printGateway(final String title, final DemoGateway g, final String sas) {
        out.println(title);
        if (sas != null) {
            out.println("    swanctl --list-sas:");
            sas.strip().lines().forEach(l -> out.println("      " + l));
        } else {
            TunnelSas.parse(LogFile.read(g.logFile())).lines(ESP_NOTATION).forEach(l -> out.println("    " + l));
        }
    }

    private void printCounters(final String who, final String sas, final String inbound, final String outbound) {
        if (sas == null) {
            return;
        }
        Matcher m = SWAN_COUNTERS.matcher(sas);
        while (m.find()) {
            boolean in = m.group(1).equals("in");
            out.printf(Locale.ROOT, "            %s counted %s (%s) SPI %s: %s bytes, %s packets%n", who,
                    in ? "in " : "out", in ? inbound : outbound, m.group(2), m.group(3), m.group(4));
        }
    }

    private void printKeepHelp() {
        out.println();
        out.println("The lab keeps running (--keep). Try:");
        out.println("  ip netns exec " + topo.hostA() + " ping " + DemoTopology.HOST_B);
        out.println("  ip netns exec " + topo.gwA() + " tcpdump -ni wan      # only ESP-in-UDP/IKE on the wire");
        out.println("  tail -f " + gwA.logFile() + " " + gwB.logFile());
        if (gwB instanceof StrongSwanGateway s) {
            out.println("  SWANCTL_DIR=" + s.swanctlDir() + " swanctl --list-sas --uri unix://" + s.viciSocket());
        }
        out.println("  processes (PIDs): " + lab.pids());
        out.println("Stop and clean up:  jswan demo --cleanup");
    }
}
