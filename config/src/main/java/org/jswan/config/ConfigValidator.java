package org.jswan.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a parsed settings tree into a {@link SwanctlConfig} and reports every problem at once: unknown keys and
 * sections (ERROR, with a "did you mean"), keys strongSwan knows but jswan ignores (WARNING), bad values (ERROR), and
 * cross-field rules: PSK authentication needs a matching {@code secrets.ike} entry, {@code start_action = start}
 * needs a specific remote address, and connections may only name known pools (WARNING: it may be external).
 */
public final class ConfigValidator {

    /** Validates a tree produced by {@link SettingsParser}; section references are resolved first. */
    public ValidationResult validate(SettingsSection parsedRoot) {
        return validate(parsedRoot, true);
    }

    /**
     * Validates connections that arrive without their secrets, such as a VICI {@code load-conn}: PSKs are loaded
     * separately ({@code load-shared}), so a psk round without a matching {@code secrets} entry is not an error.
     */
    public ValidationResult validateWithoutSecrets(SettingsSection root) {
        return validate(root, false);
    }

    private ValidationResult validate(SettingsSection parsedRoot, boolean secretsIncluded) {
        List<ConfigProblem> problems = new ArrayList<>();
        SettingsSection root = SettingsReferences.resolve(parsedRoot, problems);
        Set<String> referenced = referencedTopLevel(parsedRoot);
        for (SettingsValue v : root.values()) {
            problems.add(ConfigProblem.error(v.position(), v.key(),
                    "unknown key" + Suggestions.hint(v.key(), SwanctlSchema.TOP_LEVEL.keySet())));
        }
        List<ConnectionConfig> connections = new ArrayList<>();
        List<SecretConfig> secrets = new ArrayList<>();
        List<PoolConfig> pools = new ArrayList<>();
        List<AuthorityConfig> authorities = new ArrayList<>();
        for (SettingsSection s : root.sections()) {
            TypedSection t = new TypedSection(s, s.name(), problems);
            switch (s.name()) {
                case "connections":
                    t.checkKeys(java.util.Map.of());
                    for (SettingsSection conn : s.sections()) {
                        connections.add(ConnectionReader.read(t.child(conn)));
                    }
                    break;
                case "secrets":
                    secrets.addAll(CredentialReader.secrets(t));
                    break;
                case "pools":
                    pools.addAll(CredentialReader.pools(t));
                    break;
                case "authorities":
                    authorities.addAll(CredentialReader.authorities(t));
                    break;
                default:
                    if (!referenced.contains(s.name())) {
                        problems.add(ConfigProblem.error(s.position(), s.name(), "unknown section"
                                + Suggestions.hint(s.name(), SwanctlSchema.TOP_LEVEL.keySet())));
                    }
            }
        }
        SwanctlConfig config = new SwanctlConfig(connections, secrets, pools, authorities);
        crossCheck(config, root, problems, secretsIncluded);
        return new ValidationResult(config, problems);
    }

    private static void crossCheck(SwanctlConfig config, SettingsSection root, List<ConfigProblem> problems,
                                   boolean secretsIncluded) {
        for (ConnectionConfig c : config.connections()) {
            String path = "connections." + c.name();
            if (secretsIncluded) {
                checkPsk(config, c, path, problems);
            }
            for (String pool : c.pools()) {
                if (config.pool(pool) == null) {
                    problems.add(ConfigProblem.warning(position(root, path, "pools", c.position()), path + ".pools",
                            "pool '" + pool + "' is not defined in the pools section"));
                }
            }
            for (ChildConfig child : c.children()) {
                if (child.startAction() == ChildConfig.StartAction.START && !hasSpecificAddress(c.remoteAddrs())) {
                    String childPath = path + ".children." + child.name();
                    problems.add(ConfigProblem.error(position(root, childPath, "start_action", child.position()),
                            childPath + ".start_action", "start_action = start needs a specific remote_addrs "
                            + "in connection '" + c.name() + "' (an address or DNS name, not %any or a subnet)"));
                }
            }
        }
    }

    private static void checkPsk(SwanctlConfig config, ConnectionConfig c, String path,
                                 List<ConfigProblem> problems) {
        List<AuthConfig> rounds = new ArrayList<>(c.local());
        rounds.addAll(c.remote());
        for (AuthConfig round : rounds) {
            if (!round.auth().equals("psk")) {
                continue;
            }
            Set<String> ids = new HashSet<>();
            for (AuthConfig r : rounds) {
                if (r.id() != null) {
                    ids.add(r.id());
                }
            }
            boolean found = false;
            for (SecretConfig s : config.secrets()) {
                if (s.type() == SecretConfig.Type.IKE && (s.ids().isEmpty() || s.ids().contains("%any")
                        || s.ids().stream().anyMatch(ids::contains) || matchesAddress(s.ids(), c))) {
                    found = true;
                }
            }
            if (!found) {
                problems.add(ConfigProblem.error(round.position(), path + "." + round.name() + ".auth",
                        "connection '" + c.name() + "' uses psk authentication but no secrets.ike<suffix> "
                        + "section has a matching id" + (ids.isEmpty() ? "" : " (" + String.join(", ",
                        new java.util.TreeSet<>(ids)) + ")")));
            }
            return;
        }
    }

    /** Without explicit ids, PSK identities default to the IKE addresses. */
    private static boolean matchesAddress(List<String> secretIds, ConnectionConfig c) {
        for (String id : secretIds) {
            if (c.localAddrs().contains(id) || c.remoteAddrs().contains(id)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSpecificAddress(List<String> addrs) {
        for (String a : addrs) {
            if (!a.startsWith("%any") && a.indexOf('/') < 0 && a.indexOf('-') < 0) {
                return true;
            }
            if (a.indexOf('-') >= 0 && AddressSyntax.parseLiteral(a.substring(0, a.indexOf('-'))) == null
                    && AddressSyntax.isHostName(a)) {
                return true;
            }
        }
        return false;
    }

    private static SourcePosition position(SettingsSection root, String sectionPath, String key,
                                           SourcePosition fallback) {
        SettingsSection s = root.sectionAt(sectionPath);
        SettingsValue v = s == null ? null : s.value(key);
        return v != null ? v.position() : fallback;
    }

    /** Top-level sections used as templates by references are not unknown sections. */
    private static Set<String> referencedTopLevel(SettingsSection root) {
        Set<String> out = new HashSet<>();
        collectReferences(root, out, 0);
        return out;
    }

    private static void collectReferences(SettingsSection s, Set<String> out, int depth) {
        if (depth > 64) {
            return;
        }
        for (String ref : s.references()) {
            int dot = ref.indexOf('.');
            out.add(dot < 0 ? ref : ref.substring(0, dot));
        }
        for (SettingsSection sub : s.sections()) {
            collectReferences(sub, out, depth + 1);
        }
    }
}
