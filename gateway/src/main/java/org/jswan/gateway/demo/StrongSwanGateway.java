package org.jswan.gateway.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * strongSwan's charon as gateway B: kernel-libipsec (userspace ESP on a TUN, the kernel here may lack ESP), its own
 * strongswan.conf, swanctl folder, file log, and a private {@code /run} (charon hard-codes {@code /run/charon.pid})
 * bind-mounted in a private mount namespace, which also holds its VICI socket.
 */
final class StrongSwanGateway implements DemoGateway {
    static final Path CHARON = Path.of("/usr/lib/ipsec/charon");
    static final String INSTALL_HINT = "apt-get install strongswan-charon strongswan-swanctl "
            + "libstrongswan-extra-plugins";
    /** kernel-libipsec first; kdf is needed by 5.9.8 for key derivation (see STRONGSWAN-LAB.md). */
    private static final String PLUGINS = "kernel-libipsec pem pkcs1 pkcs8 x509 revocation constraints pubkey "
            + "openssl random nonce kdf curve25519 gmp aes sha1 sha2 hmac gcm chapoly kernel-netlink socket-default "
            + "vici";
    private static final long START_TIMEOUT_MILLIS = 20_000;
    private static final Duration SWANCTL_TIMEOUT = Duration.ofSeconds(15);

    private final String ns;
    private final Path dir;
    private Process process;

    StrongSwanGateway(final String ns, final Path dir) {
        this.ns = ns;
        this.dir = dir;
    }

    /** Null when charon and swanctl are installed, else what to install. */
    static String missingPackages() {
        boolean swanctl = List.of("/usr/sbin/swanctl", "/usr/bin/swanctl").stream()
                .anyMatch(p -> Files.isExecutable(Path.of(p)));
        if (Files.isExecutable(CHARON) && swanctl) {
            return null;
        }
        return "strongSwan's charon is not installed (" + CHARON + (swanctl ? "" : ", swanctl") + " missing): "
                + INSTALL_HINT;
    }

    @Override
    public String product() {
        return "strongSwan";
    }

    @Override
    public Path swanctlDir() {
        return dir.resolve("swanctl");
    }

    Path strongswanConf() {
        return dir.resolve("strongswan.conf");
    }

    private Path runDir() {
        return dir.resolve("run");
    }

    Path viciSocket() {
        return runDir().resolve("charon.vici");
    }

    @Override
    public Path logFile() {
        return dir.resolve("charon.log");
    }

    @Override
    public List<Path> files() {
        return List.of(swanctlDir().resolve("swanctl.conf"), strongswanConf(), logFile());
    }

    @Override
    public void configure(final SiteConfig config, final String psk) {
        try {
            for (String sub : List.of("x509", "x509ca", "private", "conf.d")) {
                Files.createDirectories(swanctlDir().resolve(sub));
            }
            Files.createDirectories(runDir());
            Files.writeString(swanctlDir().resolve("swanctl.conf"), config.render(psk));
            Files.writeString(strongswanConf(), "# written by jswan demo\n"
                    + "charon {\n"
                    + "    load_modular = no\n"
                    + "    load = " + PLUGINS + "\n"
                    + "    install_routes = yes\n"
                    + "    plugins {\n"
                    + "        vici {\n"
                    + "            socket = unix:///run/charon.vici\n"
                    + "        }\n"
                    + "    }\n"
                    + "    filelog {\n"
                    + "        demo {\n"
                    + "            path = " + logFile() + "\n"
                    + "            time_format = %H:%M:%S\n"
                    + "            ike_name = yes\n"
                    + "            append = no\n"
                    + "            flush_line = yes\n"
                    + "            default = 1\n"
                    + "        }\n"
                    + "    }\n"
                    + "    syslog {\n"
                    + "        daemon {\n"
                    + "            default = -1\n"
                    + "        }\n"
                    + "    }\n"
                    + "}\n");
        } catch (IOException e) {
            throw new DemoException("cannot write the strongSwan configuration in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void start(final DemoLab lab) {
        try {
            Files.deleteIfExists(viciSocket()); // a stale socket file makes swanctl get "Connection refused"
        } catch (IOException e) {
            throw new DemoException("cannot clean " + runDir(), e);
        }
        process = lab.start(ns, List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount --bind \"$0\" /run && exec \"$@\"", runDir().toString(),
                "env", "STRONGSWAN_CONF=" + strongswanConf(), CHARON.toString()), dir.resolve("charon.out"));
        long t = START_TIMEOUT_MILLIS;
        if (!LogFile.await(() -> Files.exists(viciSocket()), process::isAlive, t)) {
            throw new DemoException("charon in " + ns + " did not open its VICI socket " + viciSocket());
        }
        HostCommand.Output[] last = new HostCommand.Output[1];
        if (!LogFile.await(() -> (last[0] = swanctl("--load-all")).ok(), process::isAlive, t)) {
            throw new DemoException("swanctl --load-all failed: " + (last[0] == null ? "" : last[0].text().strip()));
        }
        // The initiator must not send IKE_SA_INIT before charon listens, or nothing retries.
        if (!LogFile.await(() -> HostCommand.run(SWANCTL_TIMEOUT, List.of("ip", "netns", "exec", ns, "ss", "-uln"))
                .text().matches("(?s).*:500\\s.*"), process::isAlive, t)) {
            throw new DemoException("charon in " + ns + " does not listen on UDP 500");
        }
    }

    /** {@code swanctl ARGS --uri unix://...} with this instance's SWANCTL_DIR. */
    HostCommand.Output swanctl(final String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("swanctl"));
        argv.addAll(List.of(args));
        argv.add("--uri");
        argv.add("unix://" + viciSocket());
        return HostCommand.run(SWANCTL_TIMEOUT, argv, Map.of("SWANCTL_DIR", swanctlDir().toString(),
                "STRONGSWAN_CONF", strongswanConf().toString()));
    }

    /** {@code swanctl --list-sas} as text (strongSwan's own view, with byte and packet counters). */
    @Override
    public String listSas() {
        HostCommand.Output o = swanctl("--list-sas");
        return o.ok() ? o.text() : "(swanctl --list-sas failed: " + o.text().strip() + ")";
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
}
