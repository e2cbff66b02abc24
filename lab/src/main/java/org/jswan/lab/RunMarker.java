package org.jswan.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The owner marker of one lab run: {@code /run/jswan-lab/<runId>/owner} holds the owning JVM's PID and start time
 * (the start time guards against PID reuse). The same folder holds short per-run paths (VICI sockets, charon's
 * private /run), because unix socket paths are limited to 107 bytes.
 */
final class RunMarker {

    static final Path ROOT = Path.of("/run/jswan-lab");
    /** Start times read from /proc can differ by a clock tick between readers. */
    private static final long START_TOLERANCE_MS = 2000;
    /** How long a run directory without an owner marker counts as being set up rather than abandoned. */
    private static final long FRESH_MS = 60_000;

    private RunMarker() {
    }

    static Path runDir(String runId) {
        return ROOT.resolve(runId);
    }

    static void create(String runId) {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        try {
            Files.createDirectories(runDir(runId));
            Files.writeString(runDir(runId).resolve("owner"), self.pid() + " " + start + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot write lab owner marker under " + ROOT + ": " + e.getMessage(), e);
        }
    }

    /** Whether the JVM that owns this run is still alive (no marker means not alive). */
    static boolean ownerAlive(String runId) {
        Path owner = runDir(runId).resolve("owner");
        try {
            if (!Files.exists(owner)) {
                // Another JVM may have just created the directory and not yet written its marker: a young
                // directory is spared, so parallel test runs do not sweep each other's fresh labs.
                long age = System.currentTimeMillis() - Files.getLastModifiedTime(runDir(runId)).toMillis();
                return age < FRESH_MS;
            }
            String[] f = Files.readString(owner, StandardCharsets.UTF_8).trim().split("\\s+");
            long pid = Long.parseLong(f[0]);
            long start = f.length > 1 ? Long.parseLong(f[1]) : 0;
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) {
                return false;
            }
            long actual = h.get().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            return start == 0 || actual == 0 || Math.abs(actual - start) <= START_TOLERANCE_MS;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static void delete(String runId) {
        deleteTree(runDir(runId));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a busy mount point stays until its mount namespace dies
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
