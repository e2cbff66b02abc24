package org.jswan.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a swanctl directory the way {@code swanctl --load-all} reads it: {@code DIR/swanctl.conf} plus the
 * credential folders next to it. Certificates and keys are loaded elsewhere; here they are only located, and a
 * certificate named in a connection that does not exist in its folder is an error. Never throws for bad
 * configuration: a syntax error becomes a single ERROR problem.
 */
public final class ConfigLoader {

    /** The credential folders of a swanctl directory (swanctl(8) "FILES"). */
    public static final List<String> CREDENTIAL_FOLDERS = List.of("x509", "x509ca", "x509crl", "x509ocsp",
            "x509aa", "x509ac", "pubkey", "private", "rsa", "ecdsa", "pkcs8", "pkcs12");

    private final SettingsParser parser;
    private final ConfigValidator validator = new ConfigValidator();

    public ConfigLoader() {
        this(new SettingsParser());
    }

    public ConfigLoader(SettingsParser parser) {
        this.parser = parser;
    }

    /** Loads {@code directory/swanctl.conf}. */
    public LoadedConfig load(Path directory) {
        return loadFile(directory.resolve("swanctl.conf"));
    }

    /** Loads a specific swanctl.conf; credential folders are looked up next to it. */
    public LoadedConfig loadFile(Path swanctlConf) {
        Path dir = swanctlConf.toAbsolutePath().normalize().getParent();
        Map<String, Path> folders = new LinkedHashMap<>();
        for (String name : CREDENTIAL_FOLDERS) {
            Path p = dir.resolve(name);
            if (Files.isDirectory(p)) {
                folders.put(name, p);
            }
        }
        List<ConfigProblem> problems = new ArrayList<>();
        String display = swanctlConf.getFileName().toString();
        if (!Files.isRegularFile(swanctlConf)) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, display, 0, "", "file not found"));
            return new LoadedConfig(dir, SwanctlConfig.EMPTY, problems, folders);
        }
        SettingsSection root;
        try {
            root = parser.parseFile(swanctlConf);
        } catch (ConfigException e) {
            problems.add(ConfigProblem.error(e.position(), "", e.detail()));
            return new LoadedConfig(dir, SwanctlConfig.EMPTY, problems, folders);
        }
        ValidationResult result = validator.validate(root);
        problems.addAll(result.problems());
        checkCredentialFiles(result.config(), dir, problems);
        return new LoadedConfig(dir, result.config(), problems, folders);
    }

    private static void checkCredentialFiles(SwanctlConfig config, Path dir, List<ConfigProblem> problems) {
        for (ConnectionConfig c : config.connections()) {
            List<AuthConfig> rounds = new ArrayList<>(c.local());
            rounds.addAll(c.remote());
            for (AuthConfig a : rounds) {
                String path = "connections." + c.name() + "." + a.name();
                for (String cert : a.certs()) {
                    checkFile(dir, "x509", cert, a.position(), path + ".certs", problems);
                }
                for (String cacert : a.cacerts()) {
                    checkFile(dir, "x509ca", cacert, a.position(), path + ".cacerts", problems);
                }
                for (String pubkey : a.pubkeys()) {
                    checkFile(dir, "pubkey", pubkey, a.position(), path + ".pubkeys", problems);
                }
            }
        }
        for (AuthorityConfig ca : config.authorities()) {
            if (ca.cacert() != null) {
                checkFile(dir, "x509ca", ca.cacert(), ca.position(), "authorities." + ca.name() + ".cacert",
                        problems);
            }
        }
        for (SecretConfig s : config.secrets()) {
            if (s.file() != null) {
                checkFile(dir, s.type().prefix(), s.file(), s.position(), "secrets." + s.name() + ".file",
                        problems);
            }
        }
    }

    private static void checkFile(Path dir, String folder, String name, SourcePosition at, String keyPath,
                                  List<ConfigProblem> problems) {
        Path p = Path.of(name);
        Path resolved = p.isAbsolute() ? p : dir.resolve(folder).resolve(p);
        if (!Files.isRegularFile(resolved)) {
            problems.add(ConfigProblem.error(at, keyPath, "file '" + name + "' not found"
                    + (p.isAbsolute() ? "" : " in " + folder + "/")));
        }
    }
}
