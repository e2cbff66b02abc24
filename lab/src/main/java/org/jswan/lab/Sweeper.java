package org.jswan.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes leftovers of earlier lab runs whose owning JVM is dead: their namespaces (and with them every veth and
 * bridge, which the lab only ever creates inside its namespaces), the processes still running in those namespaces,
 * and their folders under {@code /run/jswan-lab}. Namespaces of live runs, and anything not named with the lab
 * prefix, are never touched.
 */
public final class Sweeper {

    private static final Duration STEP = Duration.ofSeconds(10);

    private Sweeper() {
    }

    /** Sweeps now; returns the namespace names it removed. */
    public static synchronized List<String> sweep() {
        List<String> removed = new ArrayList<>();
        Set<String> deadRuns = new LinkedHashSet<>();
        for (String ns : listNamespaces()) {
            String runId = LabNames.runIdOf(ns);
            if (runId == null || RunMarker.ownerAlive(runId)) {
                continue;
            }
            deadRuns.add(runId);
            killAll(ns);
            Commands.run(List.of("ip", "netns", "del", ns), STEP);
            removed.add(ns);
        }
        if (Files.isDirectory(RunMarker.ROOT)) {
            try (Stream<Path> dirs = Files.list(RunMarker.ROOT)) {
                dirs.map(p -> p.getFileName().toString())
                        .filter(id -> id.matches("[0-9a-z]{" + LabNames.RUN_ID_LENGTH + "}"))
                        .filter(id -> !RunMarker.ownerAlive(id))
                        .forEach(deadRuns::add);
            } catch (IOException e) {
                // best effort
            }
        }
        deadRuns.forEach(RunMarker::delete);
        return removed;
    }

    static List<String> listNamespaces() {
        CommandResult r = Commands.run(List.of("ip", "netns", "list"), STEP);
        List<String> names = new ArrayList<>();
        if (!r.ok()) {
            return names;
        }
        for (String line : r.output().split("\n")) {
            String t = line.trim();
            if (!t.isEmpty()) {
                names.add(t.split("\\s+")[0]);
            }
        }
        return names;
    }

    /** SIGKILLs every process whose network namespace is {@code ns} (only lab namespaces are passed here). */
    static void killAll(String ns) {
        for (int round = 0; round < 3; round++) {
            CommandResult r = Commands.run(List.of("ip", "netns", "pids", ns), STEP);
            List<Long> pids = new ArrayList<>();
            for (String s : r.output().split("\\s+")) {
                if (s.matches("\\d+")) {
                    pids.add(Long.parseLong(s));
                }
            }
            if (pids.isEmpty()) {
                return;
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            Pause.millis(100);
        }
    }
}
