package org.jswan.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A network-namespace lab for one test: namespaces, veth links, processes (charon, iperf3, tcpdump...) and a report
 * folder. Everything it creates is removed by {@link #close()}, which also runs from a JVM shutdown hook; a
 * {@link Sweeper} pass at start removes leftovers of dead earlier runs.
 *
 * <p>Use it either as a JUnit 5 extension (skips the test when not root, names the report folder after the test,
 * tears down after each test):
 * <pre>{@code
 * @RegisterExtension
 * final Lab lab = Lab.create();
 * }</pre>
 * or directly: {@code try (Lab lab = Lab.open("MyTest/case")) { ... }}.
 */
public final class Lab implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    /** System property naming the report root; one subfolder per test. */
    public static final String REPORT_DIR_PROPERTY = "jswan.lab.reportDir";
    public static final Path CHARON = Path.of("/usr/lib/ipsec/charon");

    private static final Set<Lab> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(Lab::close), "jswan-lab-cleanup"));
    }

    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final List<LabProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private String runId;
    private Path reportDir;

    private Lab() {
    }

    /** An unstarted lab for {@code @RegisterExtension}; the extension callbacks start and close it. */
    public static Lab create() {
        return new Lab();
    }

    /** Starts a lab outside the extension; {@code testName} (may contain '/') names the report subfolder. */
    public static Lab open(String testName) {
        assumeRoot();
        Lab lab = new Lab();
        lab.start(testName);
        return lab;
    }

    /** Skips the current test (JUnit assumption) unless running as root. */
    public static void assumeRoot() {
        Assumptions.assumeTrue(isRoot(), "network-namespace lab needs root (uid 0); skipping");
    }

    /** Skips the current test unless strongSwan's charon and swanctl are installed. */
    public static void assumeCharon() {
        Assumptions.assumeTrue(Files.isExecutable(CHARON) && onPath("swanctl"),
                "strongSwan not installed (" + CHARON + " and swanctl needed); skipping");
    }

    /** Skips the current test unless the named tool is on the PATH. */
    public static void assumeTool(String tool) {
        Assumptions.assumeTrue(onPath(tool), tool + " not installed; skipping");
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeRoot();
        String method = context.getRequiredTestMethod().getName();
        String display = context.getDisplayName();
        String name = context.getRequiredTestClass().getSimpleName() + "/" + method
                + (display.equals(method + "()") ? "" : "_" + display);
        start(name);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    synchronized void start(String testName) {
        if (runId != null) {
            throw new IllegalStateException("lab already started");
        }
        Sweeper.sweep();
        runId = LabNames.newRunId();
        RunMarker.create(runId);
        OPEN.add(this);
        String safe = testName.replaceAll("[^A-Za-z0-9_./-]+", "_").replace("..", "_");
        reportDir = Path.of(System.getProperty(REPORT_DIR_PROPERTY, "target/lab-reports")).resolve(safe)
                .toAbsolutePath();
        RunMarker.deleteTree(reportDir);
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            throw new LabException("cannot create report dir " + reportDir, e);
        }
        note("lab run " + runId + " started by pid " + ProcessHandle.current().pid());
    }

    /** The random run id in every namespace name of this lab. */
    public String runId() {
        return requireStarted();
    }

    /** This test's report folder: process logs, captures, charon configs and logs. */
    public Path reportDir() {
        requireStarted();
        return reportDir;
    }

    /** Short per-run folder under /run/jswan-lab (for unix sockets, whose paths must stay short). */
    Path runDir() {
        return RunMarker.runDir(requireStarted());
    }

    /** Creates namespace {@code jl<runId>-<label>} with {@code lo} up. */
    public synchronized Namespace namespace(String label) {
        requireStarted();
        if (namespaces.containsKey(label)) {
            throw new IllegalArgumentException("namespace already exists: " + label);
        }
        Namespace ns = new Namespace(this, LabNames.namespace(runId, label), label);
        run(List.of("ip", "netns", "add", ns.name()), Commands.DEFAULT_TIMEOUT).orThrow();
        namespaces.put(label, ns);
        ns.up("lo");
        return ns;
    }

    public synchronized List<Namespace> namespaces() {
        return List.copyOf(namespaces.values());
    }

    /**
     * Creates a veth pair directly inside the two namespaces ({@code ifA} in {@code a}, {@code ifB} in {@code b});
     * the names only need to be unique per namespace. Both ends are set up.
     */
    public VethLink link(Namespace a, String ifA, Namespace b, String ifB) {
        LabNames.checkInterfaceName(ifA);
        LabNames.checkInterfaceName(ifB);
        run(List.of("ip", "link", "add", ifA, "netns", a.name(), "type", "veth", "peer", "name", ifB, "netns",
                b.name()), Commands.DEFAULT_TIMEOUT).orThrow();
        a.up(ifA);
        b.up(ifB);
        return new VethLink(a, ifA, b, ifB);
    }

    /** Starts strongSwan's charon configuration for {@code ns}; call {@link Charon#start()} after configuring it. */
    public Charon charon(Namespace ns, String name) {
        assumeCharon();
        return new Charon(this, ns, name);
    }

    CommandResult run(List<String> argv, Duration timeout) {
        CommandResult r = Commands.run(argv, timeout);
        note("$ " + String.join(" ", argv) + (r.ok() ? "" : "\n  -> " + r.describe().replace("\n", "\n     ")));
        return r;
    }

    CommandResult run(List<String> argv, Map<String, String> env, Duration timeout) {
        CommandResult r = Commands.run(argv, env, timeout);
        note("$ " + env + " " + String.join(" ", argv) + (r.ok() ? "" : "\n  -> " + r.describe()));
        return r;
    }

    LabProcess startProcess(String name, List<String> argv) {
        requireStarted();
        String safe = name.replaceAll("[^A-Za-z0-9_.-]+", "_");
        Path log = reportDir.resolve(safe + ".log");
        for (int i = 2; Files.exists(log); i++) {
            log = reportDir.resolve(safe + "-" + i + ".log");
        }
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            LabProcess p = new LabProcess(name, argv, pb.start(), log);
            processes.add(p);
            note("started " + p + ": " + String.join(" ", argv));
            return p;
        } catch (IOException e) {
            throw new LabException("cannot start " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
    }

    /** Appends a line to {@code lab.log} in the report folder. */
    public void note(String line) {
        Path dir = reportDir;
        if (dir == null) {
            return;
        }
        try {
            Files.writeString(dir.resolve("lab.log"), Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a debugging aid only
        }
    }

    /**
     * Stops every process this lab started (SIGTERM, SIGKILL after a grace period), kills what is left in its
     * namespaces, deletes the namespaces and the run folder. Idempotent; never throws.
     */
    @Override
    public synchronized void close() {
        if (runId == null) {
            return;
        }
        List<LabProcess> toStop;
        synchronized (processes) {
            toStop = new ArrayList<>(processes);
            processes.clear();
        }
        Collections.reverse(toStop);
        for (LabProcess p : toStop) {
            try {
                p.stop(LabProcess.DEFAULT_GRACE);
                note("stopped " + p + " exit " + p.exitCodeOrMinusOne());
            } catch (RuntimeException e) {
                note("stopping " + p + " failed: " + e);
            }
        }
        for (Namespace ns : namespaces.values()) {
            try {
                Sweeper.killAll(ns.name());
                run(List.of("ip", "netns", "del", ns.name()), Commands.DEFAULT_TIMEOUT);
            } catch (RuntimeException e) {
                note("removing " + ns + " failed: " + e);
            }
        }
        namespaces.clear();
        RunMarker.delete(runId);
        note("lab run " + runId + " closed");
        OPEN.remove(this);
        runId = null;
    }

    private String requireStarted() {
        String id = runId;
        if (id == null) {
            throw new IllegalStateException("lab not started (use Lab.open(...) or @RegisterExtension)");
        }
        return id;
    }
}
