package org.jswan.gateway.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Traffic from host A to host B through the tunnel: ping, and a bounded TCP bulk transfer (iperf3 or built-in). */
final class TrafficProbe {
    static final int PORT = 5201;
    private static final Pattern IPERF_RECEIVED = Pattern.compile(
            "\"sum_received\"\\s*:\\s*\\{[^}]*?\"seconds\"\\s*:\\s*([0-9.eE+-]+)[^}]*?\"bytes\"\\s*:\\s*(\\d+)");
    private static final long BUILTIN_MAX_BYTES = 200L << 20;

    private final DemoLab lab;
    private final Path workDir;

    TrafficProbe(final DemoLab lab, final Path workDir) {
        this.lab = lab;
        this.workDir = workDir;
    }

    static boolean iperf3Installed() {
        return onPath("iperf3");
    }

    static boolean onPath(final String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/bin:/usr/local/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Waits (up to {@code timeout}) until one ping host A -> host B gets an answer; true if it did. */
    boolean awaitPath(final Duration timeout) {
        List<String> once = pingCommand(1, 1);
        return LogFile.await(() -> PingResult.parse(HostCommand.run(Duration.ofSeconds(10), once).text())
                .received() > 0, () -> true, timeout.toMillis());
    }

    PingResult ping(final int count) {
        return PingResult.parse(HostCommand.run(Duration.ofSeconds(count + 15L), pingCommand(count, 2)).text());
    }

    /** iputils ping in host A, or the built-in {@link EchoProbe} where ping is not installed. */
    private List<String> pingCommand(final int count, final int waitSeconds) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", lab.topology().hostA()));
        if (onPath("ping")) {
            argv.addAll(List.of("ping", "-q", "-c", Integer.toString(count), "-i", "0.2", "-W",
                    Integer.toString(waitSeconds), DemoTopology.HOST_B));
        } else {
            argv.addAll(JswanGateway.javaCommand(EchoProbe.class.getName()));
            argv.addAll(List.of(DemoTopology.HOST_B, Integer.toString(count), Integer.toString(waitSeconds * 1000)));
        }
        return argv;
    }

    ThroughputResult iperf3(final int seconds) {
        Path serverLog = workDir.resolve("iperf3-server.log");
        Process server = lab.start(lab.topology().hostB(), List.of("iperf3", "-s", "-1", "-B", DemoTopology.HOST_B,
                "-p", Integer.toString(PORT)), serverLog);
        try {
            awaitListening(server);
            HostCommand.Output o = HostCommand.run(Duration.ofSeconds(seconds + 20L), List.of("ip", "netns", "exec",
                    lab.topology().hostA(), "iperf3", "-c", DemoTopology.HOST_B, "-p", Integer.toString(PORT),
                    "-t", Integer.toString(seconds), "-J"));
            writeQuietly(workDir.resolve("iperf3-client.json"), o.text());
            Matcher m = IPERF_RECEIVED.matcher(o.text());
            if (!o.ok() || !m.find()) {
                throw new DemoException("iperf3 through the tunnel failed (exit " + o.exitCode() + "), see "
                        + workDir.resolve("iperf3-client.json"));
            }
            return new ThroughputResult("iperf3", Long.parseLong(m.group(2)), Double.parseDouble(m.group(1)));
        } finally {
            DemoLab.stop(server, Duration.ofSeconds(2));
        }
    }

    ThroughputResult builtin(final int seconds) {
        Path sinkLog = workDir.resolve("bulk-sink.log");
        List<String> sinkArgv = new ArrayList<>(JswanGateway.javaCommand(BulkSink.class.getName()));
        sinkArgv.addAll(List.of(DemoTopology.HOST_B, Integer.toString(PORT)));
        Process sink = lab.start(lab.topology().hostB(), sinkArgv, sinkLog);
        try {
            if (!LogFile.await(() -> LogFile.read(sinkLog).contains(BulkSink.READY), sink::isAlive, 20_000)) {
                throw new DemoException("the built-in bulk receiver did not start: " + LogFile.tail(sinkLog, 10));
            }
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", lab.topology().hostA()));
            argv.addAll(JswanGateway.javaCommand(BulkSender.class.getName()));
            argv.addAll(List.of(DemoTopology.HOST_B, Integer.toString(PORT), Integer.toString(seconds),
                    Long.toString(BUILTIN_MAX_BYTES)));
            HostCommand.Output sent = HostCommand.run(Duration.ofSeconds(seconds + 30L), argv);
            writeQuietly(workDir.resolve("bulk-sender.log"), sent.text());
            if (!sent.ok()) {
                throw new DemoException("the built-in bulk transfer failed: " + sent.text().strip());
            }
            Pattern p = Pattern.compile(BulkSink.RECEIVED + " (\\d+) (\\d+)");
            if (!LogFile.await(() -> p.matcher(LogFile.read(sinkLog)).find(), () -> true, 10_000)) {
                throw new DemoException("the built-in bulk receiver reported nothing: " + LogFile.tail(sinkLog, 10));
            }
            Matcher m = p.matcher(LogFile.read(sinkLog));
            m.find();
            return new ThroughputResult("built-in TCP transfer", Long.parseLong(m.group(1)),
                    Long.parseLong(m.group(2)) / 1e9);
        } finally {
            DemoLab.stop(sink, Duration.ofSeconds(2));
        }
    }

    private void awaitListening(final Process server) {
        String hostB = lab.topology().hostB();
        if (!LogFile.await(() -> HostCommand.run(Duration.ofSeconds(5), List.of("ip", "netns", "exec", hostB, "ss",
                "-tln")).text().contains(":" + PORT), server::isAlive, 10_000)) {
            throw new DemoException("iperf3 server in " + hostB + " did not start: "
                    + LogFile.tail(workDir.resolve("iperf3-server.log"), 10));
        }
    }

    private static void writeQuietly(final Path file, final String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            // only a diagnostic copy
        }
    }
}
