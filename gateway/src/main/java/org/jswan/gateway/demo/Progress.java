package org.jswan.gateway.demo;

import java.io.PrintStream;
import java.util.Locale;

/** One line per step: {@code [1/7] creating namespaces ... done (0.2 s)}. */
final class Progress {
    private final PrintStream out;
    private final int total;
    private int step;
    private long startNanos;

    Progress(final PrintStream out, final int total) {
        this.out = out;
        this.total = total;
    }

    void begin(final String what) {
        step++;
        startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "[%d/%d] %s ... ", step, total, what);
        out.flush();
    }

    void done() {
        done("done");
    }

    void done(final String result) {
        out.printf(Locale.ROOT, "%s (%.1f s)%n", result, (System.nanoTime() - startNanos) / 1e9);
        out.flush();
    }

    void failed() {
        done("FAILED");
    }
}
