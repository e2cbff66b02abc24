package org.jswan.gateway.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The namespaces, links and child processes of one demo run. {@link #close()} stops every process it started (by
 * PID: SIGTERM, then SIGKILL) and deletes its namespaces; it is idempotent and safe from a shutdown hook.
 */
final class DemoLab implements AutoCloseable {
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final DemoTopology topo;
    private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> createdNamespaces = Collections.synchronizedList(new ArrayList<>());
    private boolean closed;

    DemoLab(final DemoTopology topo) {
        this.topo = topo;
    }

    DemoTopology topology() {
        return topo;
    }

    /** Creates the four namespaces, the three veth links, addresses, host routes and forwarding on the gateways. */
    void build() {
        for (String ns : topo.namespaces()) {
            HostCommand.require(IP_TIMEOUT, List.of("ip", "netns", "add", ns));
            createdNamespaces.add(ns);
            ip(ns, "link", "set", "lo", "up");
        }
        link(topo.hostA(), "eth0", topo.gwA(), "lan");
        link(topo.gwA(), "wan", topo.gwB(), "wan");
        link(topo.gwB(), "lan", topo.hostB(), "eth0");
        ip(topo.hostA(), "addr", "add", DemoTopology.HOST_A + "/24", "dev", "eth0");
        ip(topo.gwA(), "addr", "add", DemoTopology.GW_A_LAN + "/24", "dev", "lan");
        ip(topo.gwA(), "addr", "add", DemoTopology.GW_A_WAN + "/24", "dev", "wan");
        ip(topo.gwB(), "addr", "add", DemoTopology.GW_B_WAN + "/24", "dev", "wan");
        ip(topo.gwB(), "addr", "add", DemoTopology.GW_B_LAN + "/24", "dev", "lan");
        ip(topo.hostB(), "addr", "add", DemoTopology.HOST_B + "/24", "dev", "eth0");
        ip(topo.hostA(), "route", "add", "default", "via", DemoTopology.GW_A_LAN);
        ip(topo.hostB(), "route", "add", "default", "via", DemoTopology.GW_B_LAN);
        for (String gw : List.of(topo.gwA(), topo.gwB())) {
            // /proc/sys/net is per namespace; sh rather than sysctl, which a minimal Debian may lack (procps)
            HostCommand.require(IP_TIMEOUT, List.of("ip", "netns", "exec", gw, "sh", "-c",
                    "echo 1 > /proc/sys/net/ipv4/ip_forward"));
        }
    }

    private void link(final String nsA, final String ifA, final String nsB, final String ifB) {
        HostCommand.require(IP_TIMEOUT, List.of("ip", "link", "add", ifA, "netns", nsA, "type", "veth", "peer",
                "name", ifB, "netns", nsB));
        ip(nsA, "link", "set", ifA, "up");
        ip(nsB, "link", "set", ifB, "up");
    }

    private static void ip(final String ns, final String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", ns));
        argv.addAll(List.of(args));
        HostCommand.require(IP_TIMEOUT, argv);
    }

    /** {@code ip netns exec NS argv...} as a child process with stdout and stderr written to {@code log}. */
    Process start(final String ns, final List<String> argv, final Path log) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(argv);
        // Redirect.to truncates: a reused --work-dir starts with fresh logs.
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        try {
            Process p = pb.start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new DemoException("cannot start " + String.join(" ", full) + ": " + e.getMessage(), e);
        }
    }

    /** PIDs of the processes started so far (ip netns exec, unshare, sh and env all exec: these are the daemons). */
    List<Long> pids() {
        synchronized (processes) {
            return processes.stream().filter(Process::isAlive).map(Process::pid).toList();
        }
    }

    /** Stops one process: SIGTERM, then SIGKILL after the grace period. */
    static void stop(final Process p, final Duration grace) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Process> all;
        synchronized (processes) {
            all = new ArrayList<>(processes);
        }
        all.forEach(Process::destroy); // SIGTERM to all first: jswan deletes its SAs, charon too
        for (Process p : all) {
            stop(p, STOP_GRACE);
        }
        deleteNamespaces(createdNamespaces);
    }

    static void deleteNamespaces(final List<String> names) {
        for (String ns : names) {
            // Anything still running in the namespace was started by the demo; stop it by PID before deleting.
            HostCommand.Output pids = HostCommand.run(IP_TIMEOUT, List.of("ip", "netns", "pids", ns));
            List<ProcessHandle> running = new ArrayList<>();
            for (String line : pids.text().split("\\s+")) {
                if (line.matches("[0-9]+")) {
                    ProcessHandle.of(Long.parseLong(line)).ifPresent(running::add);
                }
            }
            running.forEach(ProcessHandle::destroy);
            long deadline = System.currentTimeMillis() + 3000;
            for (ProcessHandle h : running) {
                try {
                    h.onExit().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    h.destroyForcibly();
                } catch (InterruptedException e) {
                    h.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            HostCommand.run(IP_TIMEOUT, List.of("ip", "netns", "del", ns));
        }
    }

    /**
     * {@code jswan demo --cleanup}: deletes the namespaces of every earlier demo ({@code jd<pid>-*}) whose owning
     * process is gone or was left running with --keep, stopping what still runs in them. Returns the names removed.
     */
    static List<String> sweep(final boolean includeLive) {
        HostCommand.Output list = HostCommand.run(IP_TIMEOUT, List.of("ip", "netns", "list"));
        List<String> victims = new ArrayList<>();
        for (String line : list.text().split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (!name.matches(DemoTopology.PREFIX_PATTERN + "(hostA|gwA|gwB|hostB)")) {
                continue;
            }
            long owner = Long.parseLong(name.substring(2, name.indexOf('-')));
            // A live JVM with that PID is a demo still running; a recycled PID of something else is not.
            boolean ownerAlive = ProcessHandle.of(owner).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().orElse("").endsWith("java")).isPresent();
            if (includeLive || !ownerAlive) {
                victims.add(name);
            }
        }
        deleteNamespaces(victims);
        return victims;
    }
}
