package org.jswan.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One strongSwan charon instance inside a lab namespace, with its own strongswan.conf ({@code load_modular = no},
 * explicit plugin list with kernel-libipsec first), swanctl folder, filelog, VICI socket and private {@code /run}
 * (charon hard-codes {@code /run/charon.pid}). Configure it, then {@link #start()}.
 *
 * <p>Layout: {@code <reportDir>/charon-<name>/} holds {@code strongswan.conf}, {@code charon.log} and
 * {@code swanctl/} (swanctl.conf, x509, x509ca, private, ...); {@code /run/jswan-lab/<runId>/<name>/} is
 * bind-mounted over charon's {@code /run} and holds {@code charon.vici}.
 */
public final class Charon {

    /** Works with strongSwan 5.9.8 on kernels without ESP (see STRONGSWAN-LAB.md); kdf is needed by 5.9.8. */
    public static final String DEFAULT_PLUGINS = "kernel-libipsec pem pkcs1 pkcs8 x509 revocation constraints pubkey "
            + "openssl random nonce kdf curve25519 gmp aes sha1 sha2 hmac gcm chapoly kernel-netlink socket-default "
            + "vici";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final Lab lab;
    private final Namespace ns;
    private final String name;
    private final Path dir;
    private final Path swanctlDir;
    private final Path privateRun;
    private final Map<String, Integer> logLevels = new LinkedHashMap<>();
    private String plugins = DEFAULT_PLUGINS;
    private String extraCharonConf = "";
    private LabProcess process;

    Charon(Lab lab, Namespace ns, String name) {
        if (!name.matches("[A-Za-z0-9_-]{1,20}")) {
            throw new IllegalArgumentException("charon name must match [A-Za-z0-9_-]{1,20}: " + name);
        }
        this.lab = lab;
        this.ns = ns;
        this.name = name;
        this.dir = lab.reportDir().resolve("charon-" + name);
        this.swanctlDir = dir.resolve("swanctl");
        this.privateRun = lab.runDir().resolve(name);
        logLevels.put("default", 1);
        logLevels.put("ike", 2);
        logLevels.put("cfg", 2);
        logLevels.put("chd", 2);
        logLevels.put("knl", 1);
        try {
            for (String sub : List.of("x509", "x509ca", "x509aa", "x509ocsp", "x509crl", "x509ac", "pubkey",
                    "private", "rsa", "ecdsa", "bliss", "pkcs8", "pkcs12", "conf.d")) {
                Files.createDirectories(swanctlDir.resolve(sub));
            }
            Files.createDirectories(privateRun);
        } catch (IOException e) {
            throw new LabException("cannot create charon dirs for " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public Namespace namespace() {
        return ns;
    }

    /** SWANCTL_DIR of this instance: put swanctl.conf and credential subfolders (x509, x509ca, private...) here. */
    public Path swanctlDir() {
        return swanctlDir;
    }

    public Path x509Dir() {
        return swanctlDir.resolve("x509");
    }

    public Path x509caDir() {
        return swanctlDir.resolve("x509ca");
    }

    public Path privateDir() {
        return swanctlDir.resolve("private");
    }

    public Path logFile() {
        return dir.resolve("charon.log");
    }

    public Path strongswanConf() {
        return dir.resolve("strongswan.conf");
    }

    /** The VICI socket as seen from outside charon's mount namespace. */
    public Path viciSocket() {
        return privateRun.resolve("charon.vici");
    }

    public String viciUri() {
        return "unix://" + viciSocket();
    }

    /**
     * Sets filelog levels, e.g. {@code "ike 4, chd 4"} (level 4 logs the derived IKE and CHILD_SA keys). Merged over
     * the defaults {@code default 1, ike 2, cfg 2, chd 2, knl 1}.
     */
    public Charon logLevels(String spec) {
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("\\s+");
            if (kv.length != 2) {
                throw new IllegalArgumentException("log level spec is 'subsystem level, ...': " + spec);
            }
            logLevels.put(kv[0], Integer.parseInt(kv[1]));
        }
        return this;
    }

    /** Replaces the plugin list (keep kernel-libipsec first on these kernels). */
    public Charon plugins(String list) {
        this.plugins = list;
        return this;
    }

    /** Extra settings placed inside the {@code charon { }} section, e.g. {@code "block_threshold = 100"}. */
    public Charon extraCharonConf(String text) {
        this.extraCharonConf = text;
        return this;
    }

    /** Writes {@code swanctl/swanctl.conf}. */
    public Charon swanctlConf(String text) {
        write(swanctlDir.resolve("swanctl.conf"), text);
        return this;
    }

    /** Copies a credential file into a swanctl subfolder ({@code x509}, {@code x509ca}, {@code private}, ...). */
    public Charon addCredential(String subfolder, Path file) {
        try {
            Path target = swanctlDir.resolve(subfolder).resolve(file.getFileName());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LabException("cannot copy " + file + " into " + subfolder, e);
        }
        return this;
    }

    /**
     * Writes strongswan.conf, starts charon in the namespace under a private /run, and waits until it is ready: the
     * VICI socket exists, {@code swanctl --load-all} succeeded, and UDP 500 is bound.
     *
     * @throws LabException with the tail of the charon log if it does not become ready in time
     */
    public Charon start() {
        if (process != null) {
            throw new IllegalStateException("charon " + name + " already started");
        }
        write(strongswanConf(), renderStrongswanConf());
        try {
            Files.deleteIfExists(viciSocket()); // a stale socket file makes clients get "Connection refused"
            Files.deleteIfExists(privateRun.resolve("charon.pid"));
        } catch (IOException e) {
            throw new LabException("cannot clean " + privateRun, e);
        }
        process = ns.start("charon-" + name, "unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount --bind \"$0\" /run && exec \"$@\"", privateRun.toString(),
                "env", "STRONGSWAN_CONF=" + strongswanConf(), Lab.CHARON.toString());
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        awaitReady("VICI socket " + viciSocket(), deadline, () -> Files.exists(viciSocket()));
        CommandResult[] last = new CommandResult[1];
        awaitReady("swanctl --load-all", deadline, () -> {
            last[0] = swanctl("--load-all");
            return last[0].ok();
        }, () -> last[0] == null ? "" : last[0].describe());
        awaitReady("UDP port 500 bound", deadline, () -> ns.exec("ss", "-uln").output()
                .matches("(?s).*:500\\s.*"));
        lab.note("charon " + name + " ready (pid " + process.pid() + ")");
        return this;
    }

    /** Re-runs {@code swanctl --load-all} (after changing swanctl.conf or credentials). */
    public CommandResult loadAll() {
        return swanctl("--load-all").orThrow();
    }

    /** Runs {@code swanctl <args> --uri <vici>} with this instance's SWANCTL_DIR; never throws on failure. */
    public CommandResult swanctl(String... args) {
        return swanctl(Commands.DEFAULT_TIMEOUT, args);
    }

    public CommandResult swanctl(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("swanctl");
        argv.addAll(Arrays.asList(args));
        argv.add("--uri");
        argv.add(viciUri());
        return lab.run(argv, Map.of("SWANCTL_DIR", swanctlDir.toString(), "STRONGSWAN_CONF",
                strongswanConf().toString()), timeout);
    }

    /** {@code swanctl --initiate --child CHILD}, bounded; throws with the log tail if it fails. */
    public CommandResult initiate(String child) {
        CommandResult r = swanctl(Duration.ofSeconds(20), "--initiate", "--child", child, "--timeout", "15");
        if (!r.ok()) {
            throw new LabException("charon " + name + ": " + r.describe() + "\ncharon log tail:\n" + logTail(40));
        }
        return r;
    }

    /** Parsed {@code swanctl --list-sas}. */
    public List<IkeSa> listSas() {
        CommandResult r = swanctl("--list-sas", "--pretty").orThrow();
        lab.note("charon " + name + " SAs:\n" + r.output());
        return SwanctlSas.parse(r.output());
    }

    /** The IKE_SA of connection {@code conn}, or throws with the full listing. */
    public IkeSa ikeSa(String conn) {
        List<IkeSa> sas = listSas();
        return sas.stream().filter(s -> s.name().equals(conn)).findFirst()
                .orElseThrow(() -> new AssertionError("no IKE_SA '" + conn + "' on " + name + ": " + sas));
    }

    public String logTail(int lines) {
        return Tail.of(logFile(), lines);
    }

    public LabProcess process() {
        return process;
    }

    /** Stops charon (SIGTERM, then SIGKILL); the lab also does this at teardown. */
    public void stop() {
        if (process != null) {
            process.stop(LabProcess.DEFAULT_GRACE);
        }
    }

    String renderStrongswanConf() {
        StringBuilder levels = new StringBuilder();
        logLevels.forEach((k, v) -> levels.append("                ").append(k).append(" = ").append(v).append('\n'));
        return "# written by the jswan lab for instance " + name + "\n"
                + "charon {\n"
                + "    load_modular = no\n"
                + "    load = " + plugins + "\n"
                + "    install_routes = yes\n"
                + "    plugins {\n"
                + "        vici {\n"
                + "            socket = unix:///run/charon.vici\n"
                + "        }\n"
                + "    }\n"
                + "    filelog {\n"
                + "        lab {\n"
                + "            path = " + logFile() + "\n"
                + "            time_format = %H:%M:%S\n"
                + "            ike_name = yes\n"
                + "            append = no\n"
                + "            flush_line = yes\n"
                + levels
                + "        }\n"
                + "    }\n"
                + "    syslog {\n"
                + "        daemon {\n"
                + "            default = -1\n"
                + "        }\n"
                + "    }\n"
                + extraCharonConf.indent(4)
                + "}\n";
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private void awaitReady(String what, long deadline, Check check) {
        awaitReady(what, deadline, check, () -> "");
    }

    private void awaitReady(String what, long deadline, Check check, java.util.function.Supplier<String> detail) {
        while (true) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception e) {
                // retry until the deadline
            }
            if (!process.isAlive()) {
                throw new LabException("charon " + name + " exited (" + process.exitCodeOrMinusOne() + ") before "
                        + what + "\nprocess output:\n" + process.tail(20) + "\ncharon log tail:\n" + logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("charon " + name + " not ready within " + READY_TIMEOUT + ": no " + what
                        + "\n" + detail.get() + "\ncharon log tail:\n" + logTail(40));
            }
            Pause.millis(100);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot write " + file, e);
        }
    }
}
