package org.jswan.gateway.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/** Reading a daemon's log file while it runs: whole text, tail, bounded waits for a line. */
final class LogFile {
    private LogFile() {
    }

    static String read(final Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static String tail(final Path file, final int lines) {
        String[] all = read(file).split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /** Polls until {@code done} holds; false when {@code alive} turns false or the timeout passes first. */
    static boolean await(final BooleanSupplier done, final BooleanSupplier alive, final long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (!alive.getAsBoolean() || System.currentTimeMillis() > deadline) {
                return done.getAsBoolean();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
