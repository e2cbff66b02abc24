package org.jswan.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads from one (reference-resolved) settings section. A bad value is reported as an ERROR problem at the
 * key's position and the default is returned instead, so that one run reports every problem.
 */
final class TypedSection {

    final SettingsSection section;
    final String path;
    final List<ConfigProblem> problems;

    TypedSection(SettingsSection section, String path, List<ConfigProblem> problems) {
        this.section = section;
        this.path = path;
        this.problems = problems;
    }

    TypedSection child(SettingsSection sub) {
        return new TypedSection(sub, path + "." + sub.name(), problems);
    }

    boolean has(String key) {
        return section.value(key) != null;
    }

    /** Position of a key, or of the section if the key is absent. */
    SourcePosition position(String key) {
        SettingsValue v = section.value(key);
        return v == null ? section.position() : v.position();
    }

    void error(String key, String message) {
        problems.add(ConfigProblem.error(position(key), key == null ? path : path + "." + key, message));
    }

    void warning(String key, String message) {
        problems.add(ConfigProblem.warning(position(key), key == null ? path : path + "." + key, message));
    }

    /** The raw value, or {@code def} when absent or set to the empty string (which restores the default). */
    String string(String key, String def) {
        SettingsValue v = section.value(key);
        return v == null || v.value().isEmpty() ? def : v.value();
    }

    List<String> list(String key, List<String> def) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        List<String> items = ValueSyntax.parseList(v);
        return items.isEmpty() ? def : items;
    }

    boolean bool(String key, boolean def) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        try {
            return ValueSyntax.parseBoolean(v);
        } catch (IllegalArgumentException e) {
            error(key, e.getMessage());
            return def;
        }
    }

    Duration duration(String key, Duration def) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        try {
            return ValueSyntax.parseDuration(v);
        } catch (IllegalArgumentException e) {
            error(key, e.getMessage());
            return def;
        }
    }

    long volume(String key, long def) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        try {
            return ValueSyntax.parseVolume(v);
        } catch (IllegalArgumentException e) {
            error(key, e.getMessage());
            return def;
        }
    }

    long number(String key, long def, long max) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        try {
            return ValueSyntax.parseUnsigned(v, max);
        } catch (IllegalArgumentException e) {
            error(key, e.getMessage());
            return def;
        }
    }

    /** One of the enum's constants, written lower-case in the file. */
    <E extends Enum<E>> E choice(String key, E def, Class<E> type) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        String wanted = v.strip().toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT);
            if (name.equals(wanted)) {
                return constant;
            }
            names.add(name);
        }
        error(key, "invalid value '" + v + "' (expected " + String.join(", ", names) + ")"
                + Suggestions.hint(wanted, names));
        return def;
    }

    /** A value out of a fixed keyword set, returned as written. */
    String keyword(String key, String def, List<String> allowed) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        String wanted = v.strip().toLowerCase(Locale.ROOT);
        if (allowed.contains(wanted)) {
            return wanted;
        }
        error(key, "invalid value '" + v + "' (expected " + String.join(", ", allowed) + ")"
                + Suggestions.hint(wanted, allowed));
        return def;
    }

    /** Reports keys and subsections the schema does not know (ERROR) or jswan does not support (WARNING). */
    void checkKeys(Map<String, SwanctlSchema.Key> schema) {
        for (SettingsValue v : section.values()) {
            SwanctlSchema.Key known = schema.get(v.key());
            if (known == null) {
                problems.add(ConfigProblem.error(v.position(), path + "." + v.key(),
                        "unknown key" + Suggestions.hint(v.key(), schema.keySet())));
            } else if (!known.supported() && !v.value().isEmpty()
                    && !v.value().equalsIgnoreCase(String.valueOf(known.strongSwanDefault()))) {
                problems.add(ConfigProblem.warning(v.position(), path + "." + v.key(),
                        "not supported by jswan yet, ignored"));
            }
        }
    }

    void unknownSection(SettingsSection sub, java.util.Collection<String> candidates) {
        problems.add(ConfigProblem.error(sub.position(), path + "." + sub.name(),
                "unknown section" + Suggestions.hint(sub.name(), candidates)));
    }
}
