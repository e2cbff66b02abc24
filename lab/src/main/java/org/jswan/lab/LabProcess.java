package org.jswan.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A long-running process the lab started (usually inside a namespace via {@code ip netns exec}, which execs, so
 * {@link #pid()} is the real program's PID). Its stdout and stderr go to {@link #logFile()}. The lab stops it at
 * teardown: SIGTERM, then SIGKILL after a grace period.
 */
public final class LabProcess implements AutoCloseable {

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);

    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path logFile;

    LabProcess(String name, List<String> command, Process process, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.process = process;
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public List<String> command() {
        return command;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code if the process has ended, else -1. */
    public int exitCodeOrMinusOne() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Waits up to {@code timeout} for the process to end on its own; returns whether it did. */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The whole log so far (stdout and stderr). */
    public String output() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String tail(int lines) {
        return Tail.of(logFile, lines);
    }

    /**
     * Polls the log until {@code condition} holds for its text, the process dies, or {@code timeout} passes.
     *
     * @throws LabException on timeout or early exit, with the log tail
     */
    public void awaitOutput(Predicate<String> condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.test(output())) {
                return;
            }
            if (!process.isAlive()) {
                throw new LabException(name + " exited (" + process.exitValue() + ") before " + what
                        + "; log tail:\n" + tail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new LabException(name + ": no " + what + " within " + timeout + "; log tail:\n" + tail(30));
            }
            Pause.millis(50);
        }
    }

    /** Sends SIGTERM and waits up to {@code grace}; then SIGKILL. Safe to call more than once. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM
        if (!waitFor(grace)) {
            process.destroyForcibly(); // SIGKILL
            waitFor(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + "]";
    }
}
