package org.jswan.gateway.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one short host command (ip, ping, iperf3, swanctl) to completion with a timeout, output merged. */
final class HostCommand {
    private HostCommand() {
    }

    /** Exit code and combined stdout/stderr; exit code -1 when it timed out or could not start. */
    record Output(int exitCode, String text) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Output run(final Duration timeout, final List<String> argv) {
        return run(timeout, argv, java.util.Map.of());
    }

    static Output run(final Duration timeout, final List<String> argv, final java.util.Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Output(-1, "cannot run " + argv.get(0) + ": " + e.getMessage());
        }
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (out) {
                        out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // the process went away; keep what was read
            }
        }, "demo-cmd-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
                reader.join(500);
                synchronized (out) {
                    return new Output(-1, out + "\n(timed out after " + timeout.toSeconds() + " s: "
                            + String.join(" ", argv) + ")");
                }
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Output(-1, "interrupted");
        }
        synchronized (out) {
            return new Output(p.exitValue(), out.toString());
        }
    }

    /** Runs and throws {@link DemoException} with the output when the command fails. */
    static Output require(final Duration timeout, final List<String> argv) {
        Output o = run(timeout, argv);
        if (!o.ok()) {
            throw new DemoException(String.join(" ", argv) + " failed (" + o.exitCode() + "): " + o.text().strip());
        }
        return o;
    }
}
