package org.jswan.gateway.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jswan.lab.Lab;
import org.jswan.lab.LabProcess;
import org.jswan.lab.Namespace;

/**
 * A jswan daemon as a real process in a lab namespace, run from the test's own class path (so no jar is needed):
 * its config dir, log and `--save-keys` files live in the test's report folder.
 */
final class JswanNode {
    private final Lab lab;
    private final Namespace ns;
    private final String name;
    private final Path dir;
    private String debug = "any 2";
    private final List<String> extraArgs = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private LabProcess process;

    JswanNode(final Lab lab, final Namespace ns, final String name) {
        this.lab = lab;
        this.ns = ns;
        this.name = name;
        this.dir = lab.reportDir().resolve(name);
        try {
            Files.createDirectories(dir.resolve("keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path configDir() {
        return dir;
    }

    /** Under /run/jswan-lab (short: a unix socket path must fit 108 bytes, and report folders can be long). */
    Path viciSocket() {
        return Path.of("/run/jswan-lab", lab.runId(), "jswan-" + name + ".vici");
    }

    /** Copies a credential file into a swanctl subfolder of the config dir ({@code x509}, {@code x509ca}, ...). */
    JswanNode addCredential(final String subfolder, final Path file) {
        try {
            Path target = dir.resolve(subfolder).resolve(file.getFileName());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** IKE_SAs alive as the log accounts for them: established or rekeyed-to, minus destroyed. */
    int liveIkeSas() {
        return countLog("] established between ") + countLog(" rekeyed between ") - countLog("] destroyed: ");
    }

    /** SAD entries (one per CHILD_SA direction) added and not yet deleted, as the log accounts for them. */
    int liveSadEntries() {
        return countLog("added SAD entry") - countLog("deleted SAD entry");
    }

    /** SPIs of the CHILD_SA established last, as logged: {@code "<in>_i <out>_o"}. */
    String lastChildSpis() {
        Matcher m = Pattern.compile("CHILD_SA \\S+ established with SPIs (\\S+ \\S+)").matcher(log());
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /** How often {@code text} occurs in the log so far. */
    int countLog(final String text) {
        String log = log();
        int n = 0;
        for (int i = log.indexOf(text); i >= 0; i = log.indexOf(text, i + text.length())) {
            n++;
        }
        return n;
    }

    JswanNode swanctlConf(final String text) {
        try {
            Files.writeString(dir.resolve("swanctl.conf"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    JswanNode debug(final String levels) {
        this.debug = levels;
        return this;
    }

    /** More `jswan daemon` options, e.g. {@code --esp-encap nat}. */
    JswanNode args(final String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /** JVM options for the daemon, e.g. {@code -Djswan.esp.rx=netty}. */
    JswanNode jvm(final String... args) {
        jvmArgs.addAll(List.of(args));
        return this;
    }

    JswanNode start() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv = new ArrayList<>(List.of(java));
        argv.addAll(jvmArgs);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.jswan.gateway.cli.Main", "daemon", "--config-dir", dir.toString(), "--vici-socket",
                viciSocket().toString(), "--save-keys", dir.resolve("keys").toString(), "--debug", debug));
        argv.addAll(extraArgs);
        process = ns.start("jswan-" + name, argv.toArray(new String[0]));
        process.awaitOutput(out -> out.contains("listening on UDP ports"), "jswan " + name + " listening",
                Duration.ofSeconds(30));
        return this;
    }

    LabProcess process() {
        return process;
    }

    String log() {
        return process.output();
    }

    void awaitLog(final String text, final Duration timeout) {
        process.awaitOutput(out -> out.contains(text), "jswan " + name + " log: " + text, timeout);
    }

    /** SIGTERM; returns the exit code (the daemon deletes its SAs first). */
    int stop() {
        process.stop(Duration.ofSeconds(10));
        return process.exitCodeOrMinusOne();
    }

    /** One line of Wireshark's esp_sa table jswan wrote: "IPv4","src","dst","0xSPI","enc","0xkey","integ","0xkey". */
    record EspKey(String src, String dst, String spi, String encryptionKey, String integrityKey) {
    }

    List<EspKey> espKeys() {
        Path file = dir.resolve("keys").resolve("esp_sa");
        List<EspKey> out = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return out;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.replace("\"", "").split(",");
                out.add(new EspKey(f[1], f[2], f[3].substring(2), f[5].substring(2), f[7].substring(2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The CHILD_SA keys strongSwan logged at level 4 ("encryption initiator key => 20 bytes @ ..." followed by hex
     * dump lines), in the order logged: encryption initiator, encryption responder (and integrity keys for
     * non-AEAD).
     */
    static List<String> strongSwanChildKeys(final String log, final String which) {
        List<String> keys = new ArrayList<>();
        Pattern header = Pattern.compile(Pattern.quote(which) + " => (\\d+) bytes");
        Pattern hexLine = Pattern.compile("^\\s*\\d+: ((?:[0-9A-F]{2} ?)+)");
        String[] lines = log.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = header.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            int len = Integer.parseInt(m.group(1));
            StringBuilder hex = new StringBuilder();
            for (int j = i + 1; j < lines.length && hex.length() < len * 2; j++) {
                String text = lines[j].replaceFirst("^.*?\\]\\s*(<[^>]*>\\s*)?", "");
                Matcher h = hexLine.matcher(text);
                if (!h.find()) {
                    break;
                }
                hex.append(h.group(1).replace(" ", ""));
            }
            keys.add(hex.toString().toLowerCase(java.util.Locale.ROOT));
        }
        return keys;
    }

    static String hex(final byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "jswan " + name + " in " + ns;
    }
}
