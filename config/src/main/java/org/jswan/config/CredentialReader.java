package org.jswan.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds secrets, pools and authorities from their swanctl.conf sections. */
final class CredentialReader {

    private static final List<String> SECRET_PREFIXES = List.of("ike", "eap", "xauth", "ntlm", "private", "rsa",
            "ecdsa", "pkcs8", "pkcs12", "token");

    private CredentialReader() {
    }

    static List<SecretConfig> secrets(TypedSection secrets) {
        secrets.checkKeys(Map.of());
        List<SecretConfig> out = new ArrayList<>();
        for (SettingsSection sub : secrets.section.sections()) {
            SecretConfig.Type type = SecretConfig.Type.ofSectionName(sub.name());
            if (type == null) {
                secrets.unknownSection(sub, SECRET_PREFIXES);
                continue;
            }
            SecretConfig s = secret(secrets.child(sub), type);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static SecretConfig secret(TypedSection s, SecretConfig.Type type) {
        for (SettingsSection sub : s.section.sections()) {
            s.unknownSection(sub, List.of());
        }
        switch (type) {
            case IKE: case EAP: case XAUTH: case NTLM:
                return sharedSecret(s, type);
            case TOKEN:
                s.checkKeys(SwanctlSchema.TOKEN);
                s.warning(null, "smartcard tokens are not supported by jswan yet, ignored");
                return null;
            default:
                return keyPassphrase(s, type);
        }
    }

    private static SecretConfig sharedSecret(TypedSection s, SecretConfig.Type type) {
        List<String> ids = new ArrayList<>();
        for (SettingsValue v : s.section.values()) {
            if (v.key().startsWith("id")) {
                if (!v.value().isEmpty()) {
                    ids.add(v.value());
                }
            } else if (!v.key().equals("secret")) {
                s.problems.add(ConfigProblem.error(v.position(), s.path + "." + v.key(),
                        "unknown key" + Suggestions.hint(v.key(), List.of("secret", "id"))));
            }
        }
        if (type != SecretConfig.Type.IKE) {
            s.warning(null, type.prefix() + " secrets are not used by jswan yet");
        }
        SharedSecret secret = decodeSecret(s, true);
        if (type == SecretConfig.Type.NTLM && secret != null && secret.length() != 16) {
            s.error("secret", "an NTLM secret is a 16-byte NT hash (0x... or 0s...), got " + secret.length()
                    + " bytes");
        }
        return secret == null ? null
                : new SecretConfig(type, s.section.name(), ids, secret, null, s.section.position());
    }

    private static SecretConfig keyPassphrase(TypedSection s, SecretConfig.Type type) {
        s.checkKeys(SwanctlSchema.KEY_PASSPHRASE);
        if (type == SecretConfig.Type.PKCS12) {
            s.warning(null, "PKCS#12 containers are not supported by jswan yet");
        }
        String file = s.string("file", null);
        if (file == null) {
            s.error(null, "missing 'file' (the key file this passphrase decrypts)");
        }
        SharedSecret secret = decodeSecret(s, true);
        return file == null || secret == null ? null
                : new SecretConfig(type, s.section.name(), List.of(), secret, file, s.section.position());
    }

    private static SharedSecret decodeSecret(TypedSection s, boolean required) {
        SettingsValue v = s.section.value("secret");
        if (v == null || v.value().isEmpty()) {
            if (required) {
                s.error(null, "missing 'secret'");
            }
            return null;
        }
        try {
            return SharedSecret.decode(v.value());
        } catch (IllegalArgumentException e) {
            s.error("secret", e.getMessage());
            return null;
        }
    }

    static List<PoolConfig> pools(TypedSection pools) {
        pools.checkKeys(Map.of());
        List<PoolConfig> out = new ArrayList<>();
        for (SettingsSection sub : pools.section.sections()) {
            TypedSection p = pools.child(sub);
            for (SettingsSection nested : sub.sections()) {
                p.unknownSection(nested, List.of());
            }
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            for (SettingsValue v : sub.values()) {
                if (v.key().equals("addrs")) {
                    continue;
                }
                boolean numeric = !v.key().isEmpty() && v.key().chars().allMatch(Character::isDigit);
                SwanctlSchema.Key known = SwanctlSchema.POOL.get(v.key());
                if (known == null && !numeric) {
                    p.problems.add(ConfigProblem.error(v.position(), p.path + "." + v.key(),
                            "unknown pool attribute" + Suggestions.hint(v.key(), SwanctlSchema.POOL.keySet())));
                    continue;
                }
                if (known == null || !known.supported()) {
                    p.warning(v.key(), "not supported by jswan yet, ignored");
                }
                List<String> values = ValueSyntax.parseList(v.value());
                if (!numeric) {
                    for (String value : values) {
                        String problem = AddressSyntax.checkSubnet(value);
                        if (problem != null) {
                            p.error(v.key(), problem);
                        }
                    }
                }
                attributes.put(v.key(), values);
            }
            String addrs = p.string("addrs", null);
            if (addrs == null) {
                p.error(null, "missing 'addrs' (a subnet like 10.3.0.0/24 or a range like 10.3.0.1-10.3.0.99)");
            } else {
                String problem = AddressSyntax.checkSubnetOrRange(addrs);
                if (problem != null) {
                    p.error("addrs", problem);
                }
            }
            out.add(new PoolConfig(sub.name(), addrs, attributes, sub.position()));
        }
        return out;
    }

    static List<AuthorityConfig> authorities(TypedSection authorities) {
        authorities.checkKeys(Map.of());
        List<AuthorityConfig> out = new ArrayList<>();
        for (SettingsSection sub : authorities.section.sections()) {
            TypedSection a = authorities.child(sub);
            a.checkKeys(SwanctlSchema.AUTHORITY);
            for (SettingsSection nested : sub.sections()) {
                a.unknownSection(nested, List.of());
            }
            String cacert = a.string("cacert", null);
            if (cacert == null && !a.has("handle")) {
                a.error(null, "missing 'cacert'");
            }
            out.add(new AuthorityConfig(sub.name(), cacert, a.list("crl_uris", List.of()),
                    a.list("ocsp_uris", List.of()), a.string("cert_uri_base", null), sub.position()));
        }
        return out;
    }
}
