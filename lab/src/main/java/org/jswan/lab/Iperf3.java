package org.jswan.lab;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bounded iperf3 run: one-shot server in one namespace, client with {@code -t} and JSON output in another. */
public final class Iperf3 {

    private static final Pattern SUM_RECEIVED = Pattern.compile(
            "\"sum_received\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.eE+-]+)", Pattern.DOTALL);
    private static final Pattern SUM = Pattern.compile(
            "\"sum\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.eE+-]+)", Pattern.DOTALL);
    /** The top-level "end" object; interval objects have numeric "end" fields. */
    private static final Pattern END_SECTION = Pattern.compile("\"end\"\\s*:\\s*\\{");
    private static final int PORT = 5201;

    private Iperf3() {
    }

    /**
     * Runs a TCP test of {@code seconds} from {@code client} to {@code serverAddress} (an address of
     * {@code server}). The server is started with {@code -1} (one test, then exit) and stopped at the end anyway.
     */
    public static IperfResult tcp(Namespace server, String serverAddress, Namespace client, int seconds) {
        if (seconds < 1 || seconds > 60) {
            throw new IllegalArgumentException("iperf3 duration 1..60 s: " + seconds);
        }
        LabProcess srv = server.start("iperf3-server", "iperf3", "-s", "-1", "-B", serverAddress,
                "-p", Integer.toString(PORT));
        try {
            awaitListening(server, srv);
            CommandResult r = client.exec(Duration.ofSeconds(seconds + 15L), "iperf3", "-c", serverAddress,
                    "-p", Integer.toString(PORT), "-t", Integer.toString(seconds), "-J", "--connect-timeout", "5000");
            server.lab().note("iperf3 client output:\n" + r.output());
            if (!r.ok()) {
                throw new LabException("iperf3 " + r.describe() + "\nserver log:\n" + srv.tail(20));
            }
            return new IperfResult(bitsPerSecond(r.output()), r.output());
        } finally {
            srv.stop(Duration.ofSeconds(2));
        }
    }

    /**
     * Runs a UDP test of {@code seconds} at {@code megabitsPerSecond} from {@code client} to {@code serverAddress};
     * the receiver counts lost datagrams by their sequence numbers.
     */
    public static UdpIperfResult udp(Namespace server, String serverAddress, Namespace client, int seconds,
                                     int megabitsPerSecond) {
        if (seconds < 1 || seconds > 60 || megabitsPerSecond < 1 || megabitsPerSecond > 1000) {
            throw new IllegalArgumentException("iperf3 UDP 1..60 s at 1..1000 Mbit/s: " + seconds + " s, "
                    + megabitsPerSecond + " Mbit/s");
        }
        LabProcess srv = server.start("iperf3-server", "iperf3", "-s", "-1", "-B", serverAddress,
                "-p", Integer.toString(PORT));
        try {
            awaitListening(server, srv);
            CommandResult r = client.exec(Duration.ofSeconds(seconds + 15L), "iperf3", "-c", serverAddress,
                    "-p", Integer.toString(PORT), "-u", "-b", megabitsPerSecond + "M", "-l", "1200",
                    "-t", Integer.toString(seconds), "-J", "--connect-timeout", "5000");
            server.lab().note("iperf3 UDP client output:\n" + r.output());
            if (!r.ok()) {
                throw new LabException("iperf3 " + r.describe() + "\nserver log:\n" + srv.tail(20));
            }
            return UdpIperfResult.parse(r.output());
        } finally {
            srv.stop(Duration.ofSeconds(2));
        }
    }

    /** Polls {@code ss -tln} in the server namespace: iperf3's own output is block-buffered into its log file. */
    private static void awaitListening(Namespace server, LabProcess srv) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!server.exec("ss", "-tln").output().contains(":" + PORT + " ")) {
            if (!srv.isAlive() || System.nanoTime() > deadline) {
                throw new LabException("iperf3 server not listening on " + PORT + " (alive=" + srv.isAlive()
                        + "); log tail:\n" + srv.tail(20));
            }
            Pause.millis(50);
        }
    }

    /** {@code end.sum_received.bits_per_second} of iperf3 JSON (TCP), else {@code end.sum.bits_per_second}. */
    static double bitsPerSecond(String json) {
        Matcher endSection = END_SECTION.matcher(json);
        int end = -1;
        while (endSection.find()) {
            end = endSection.start();
        }
        String tail = end >= 0 ? json.substring(end) : json;
        Matcher m = SUM_RECEIVED.matcher(tail);
        if (!m.find()) {
            m = SUM.matcher(tail);
            if (!m.find()) {
                throw new LabException("no bits_per_second in iperf3 output:\n" + json);
            }
        }
        return Double.parseDouble(m.group(1));
    }
}
