package org.jswan.gateway.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The summary of an iputils {@code ping -q} run: counts and RTT (-1 when nothing came back). */
record PingResult(int transmitted, int received, double rttMinMs, double rttAvgMs, double rttMaxMs, String output) {
    private static final Pattern COUNTS = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");
    private static final Pattern RTT = Pattern.compile("= ([0-9.]+)/([0-9.]+)/([0-9.]+)/[0-9.]+ ms");

    static PingResult parse(final String output) {
        Matcher c = COUNTS.matcher(output);
        if (!c.find()) {
            return new PingResult(0, 0, -1, -1, -1, output);
        }
        Matcher r = RTT.matcher(output);
        boolean rtt = r.find();
        return new PingResult(Integer.parseInt(c.group(1)), Integer.parseInt(c.group(2)),
                rtt ? Double.parseDouble(r.group(1)) : -1, rtt ? Double.parseDouble(r.group(2)) : -1,
                rtt ? Double.parseDouble(r.group(3)) : -1, output);
    }

    int lossPercent() {
        return transmitted == 0 ? 100 : (int) Math.round(100.0 * (transmitted - received) / transmitted);
    }
}
