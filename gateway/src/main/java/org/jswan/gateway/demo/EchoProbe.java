package org.jswan.gateway.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;

/**
 * A stand-in for {@code ping -q} where iputils is not installed: COUNT ICMP echo requests via
 * {@link InetAddress#isReachable(int)} (a raw ICMP socket when run as root), then the same two summary lines as
 * iputils, so the demo parses either.
 *
 * <p>Usage: {@code java -cp jswan.jar org.jswan.gateway.demo.EchoProbe HOST COUNT TIMEOUT_MILLIS}
 */
public final class EchoProbe {
    private EchoProbe() {
    }

    public static void main(final String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: EchoProbe HOST COUNT TIMEOUT_MILLIS");
            System.exit(2);
        }
        PingResult r = PingResult.parse(probe(InetAddress.getByName(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2])));
        System.out.print(r.output());
        System.exit(r.received() > 0 ? 0 : 1);
    }

    /** Sends {@code count} probes 200 ms apart; returns iputils-style summary lines. */
    static String probe(final InetAddress host, final int count, final int timeout)
            throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        int received = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        double sum = 0;
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            if (host.isReachable(timeout)) {
                double ms = (System.nanoTime() - t0) / 1e6;
                received++;
                min = Math.min(min, ms);
                max = Math.max(max, ms);
                sum += ms;
            }
            if (i + 1 < count) {
                Thread.sleep(200);
            }
        }
        out.append(String.format(Locale.ROOT, "%d packets transmitted, %d received, %d%% packet loss "
                + "(built-in probe)%n", count, received, Math.round(100.0 * (count - received) / count)));
        if (received > 0) {
            out.append(String.format(Locale.ROOT, "rtt min/avg/max/mdev = %.3f/%.3f/%.3f/0.000 ms%n", min,
                    sum / received, max));
        }
        return out.toString();
    }
}
