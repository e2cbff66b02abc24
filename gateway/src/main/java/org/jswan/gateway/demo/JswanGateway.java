package org.jswan.gateway.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A jswan daemon in a gateway namespace, run as a child JVM from this JVM's own class path ({@code jswan.jar} or the
 * build's class folders): {@code ip netns exec NS java -cp CP org.jswan.gateway.cli.Main daemon ...}.
 */
final class JswanGateway implements DemoGateway {
    static final String LISTENING = "listening on UDP ports";
    private static final long START_TIMEOUT_MILLIS = 40_000;

    private final String ns;
    private final Path dir;
    private Process process;

    JswanGateway(final String ns, final Path dir) {
        this.ns = ns;
        this.dir = dir;
    }

    @Override
    public String product() {
        return "jswan";
    }

    @Override
    public void configure(final SiteConfig config, final String psk) {
        try {
            for (String sub : List.of("x509", "x509ca", "private")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Files.writeString(swanctlConf(), config.render(psk));
            Files.setPosixFilePermissions(swanctlConf(),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new DemoException("cannot write " + swanctlConf() + ": " + e.getMessage(), e);
        }
    }

    Path swanctlConf() {
        return dir.resolve("swanctl.conf");
    }

    @Override
    public Path swanctlDir() {
        return dir;
    }

    Path viciSocket() {
        return dir.resolve("jswan.vici");
    }

    @Override
    public Path logFile() {
        return dir.resolve("jswan.log");
    }

    @Override
    public List<Path> files() {
        return List.of(swanctlConf(), logFile());
    }

    /** The java command line of a child JVM running {@code mainClass} from this JVM's class path. */
    static List<String> javaCommand(final String mainClass) {
        List<String> argv = new ArrayList<>();
        argv.add(ProcessHandle.current().info().command().orElse("java"));
        if (Runtime.version().feature() >= 22) {
            argv.add("--enable-native-access=ALL-UNNAMED"); // jnr-ffi's JNI stub; avoids the restricted-method warning
        }
        if (Runtime.version().feature() >= 24) {
            argv.add("--sun-misc-unsafe-memory-access=allow"); // jffi and Netty; keeps the daemon logs readable
        }
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(mainClass);
        return argv;
    }

    @Override
    public void start(final DemoLab lab) {
        List<String> argv = javaCommand("org.jswan.gateway.cli.Main");
        argv.addAll(List.of("daemon", "--config-dir", dir.toString(), "--vici-socket", viciSocket().toString(),
                "--port", "500", "--port-nat-t", "4500"));
        process = lab.start(ns, argv, logFile());
        boolean up = LogFile.await(() -> LogFile.read(logFile()).contains(LISTENING), process::isAlive,
                START_TIMEOUT_MILLIS);
        if (!up) {
            throw new DemoException("jswan in " + ns + " did not start listening (" + (process.isAlive()
                    ? "timeout" : "exit code " + process.exitValue()) + ")");
        }
    }

    /** Waits for {@code text} in the log; false on timeout or exit. */
    boolean awaitLog(final String text, final Duration timeout) {
        return LogFile.await(() -> LogFile.read(logFile()).contains(text), this::isAlive, timeout.toMillis());
    }

    /**
     * swanctl's view of this daemon when its VICI control socket is up and swanctl is installed (null otherwise):
     * the daemon log has no traffic counters, VICI does.
     */
    @Override
    public String listSas() {
        if (!Files.exists(viciSocket()) || !TrafficProbe.onPath("swanctl")) {
            return null;
        }
        HostCommand.Output o = HostCommand.run(Duration.ofSeconds(10), List.of("swanctl", "--list-sas", "--uri",
                "unix://" + viciSocket()));
        return o.ok() && o.text().contains("ESTABLISHED") ? o.text() : null;
    }

    @Override
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void stop() {
        if (process != null) {
            DemoLab.stop(process, Duration.ofSeconds(5));
        }
    }

    Process process() {
        return process;
    }
}
