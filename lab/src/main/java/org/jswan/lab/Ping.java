package org.jswan.lab;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bounded {@code ping} from inside a namespace. */
public final class Ping {

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");

    private Ping() {
    }

    /**
     * Sends {@code count} echo requests 0.2 s apart, waiting at most {@code timeout} overall.
     * IPv6 destinations work too (iputils ping picks the family).
     */
    public static PingResult ping(Namespace from, String destination, int count, Duration timeout) {
        return ping(from, destination, count, Duration.ofMillis(200), timeout);
    }

    /** Like {@link #ping(Namespace, String, int, Duration)}, one echo request every {@code interval} (root). */
    public static PingResult ping(Namespace from, String destination, int count, Duration interval,
                                  Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        CommandResult r = from.exec(timeout.plusSeconds(5), "ping", "-n", "-c", Integer.toString(count),
                "-i", String.format(java.util.Locale.ROOT, "%.3f", interval.toMillis() / 1000.0), "-W", "1", "-w",
                Long.toString(seconds), destination);
        Matcher m = SUMMARY.matcher(r.output());
        if (!m.find()) {
            return new PingResult(count, 0, r.output());
        }
        return new PingResult(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), r.output());
    }
}
