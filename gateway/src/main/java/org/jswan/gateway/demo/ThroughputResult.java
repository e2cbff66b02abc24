package org.jswan.gateway.demo;

import java.util.Locale;

/** One bulk TCP transfer host A to host B: what measured it, bytes delivered, duration. */
record ThroughputResult(String tool, long bytes, double seconds) {
    double bitsPerSecond() {
        return seconds <= 0 ? 0 : bytes * 8.0 / seconds;
    }

    /** "231.4 Mbit/s" or "1.23 Gbit/s". */
    static String formatRate(final double bitsPerSecond) {
        return bitsPerSecond >= 1e9
                ? String.format(Locale.ROOT, "%.2f Gbit/s", bitsPerSecond / 1e9)
                : String.format(Locale.ROOT, "%.1f Mbit/s", bitsPerSecond / 1e6);
    }

    static String formatBytes(final long bytes) {
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return bytes + " bytes";
    }
}
