package org.jswan.gateway.logging;

import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;

/**
 * Per-subsystem log levels in strongSwan's scale (charondebug, swanctl --log): -1 silent, 0 basic auditing,
 * 1 control flow (default), 2 controlflow details, 3 raw data, 4 everything including sensitive details. jswan
 * never logs key material at any level; {@code --save-keys} is the one way to export keys.
 */
public final class LogLevels {
    public static final int DEFAULT = 1;

    private final Map<Subsystem, Integer> levels = new EnumMap<>(Subsystem.class);
    private int fallback = DEFAULT;
    private boolean fallbackSet;

    /**
     * Parses a charondebug-style list such as {@code "ike 2, knl 3, any 1"}; {@code any} (or {@code default})
     * sets every subsystem not named.
     *
     * @throws IllegalArgumentException naming the bad item and the accepted forms
     */
    public static LogLevels parse(final String spec) {
        LogLevels out = new LogLevels();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String item : spec.split(",")) {
            String[] parts = item.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("bad log level '" + item.trim()
                        + "': expected '<subsystem> <level>', e.g. 'ike 2' or 'any 1'");
            }
            int level;
            try {
                level = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad log level '" + parts[1] + "' for " + parts[0]
                        + ": expected a number from -1 to 4");
            }
            if (level < -1 || level > 4) {
                throw new IllegalArgumentException("log level " + level + " for " + parts[0] + " is outside -1..4");
            }
            String name = parts[0].toLowerCase(java.util.Locale.ROOT);
            if (name.equals("any") || name.equals("default")) {
                out.fallback = level;
                out.fallbackSet = true;
                continue;
            }
            Subsystem subsystem = null;
            for (Subsystem s : Subsystem.values()) {
                if (s.key().equals(name)) {
                    subsystem = s;
                }
            }
            if (subsystem == null) {
                throw new IllegalArgumentException("unknown log subsystem '" + parts[0] + "'; known: any, "
                        + String.join(", ", java.util.Arrays.stream(Subsystem.values()).map(Subsystem::key)
                        .toArray(String[]::new)));
            }
            out.levels.put(subsystem, level);
        }
        return out;
    }

    public int level(final Subsystem subsystem) {
        return levels.getOrDefault(subsystem, fallback);
    }

    /** The level of every subsystem not set by name. */
    public int fallback() {
        return fallback;
    }

    /** A copy with {@code default} set to {@code level} (strongswan.conf's {@code default = N}). */
    public LogLevels withDefault(final int level) {
        LogLevels out = copy();
        out.fallback = checked(level);
        out.fallbackSet = true;
        return out;
    }

    /** A copy with one subsystem set (strongswan.conf's {@code ike = N}). */
    public LogLevels with(final Subsystem subsystem, final int level) {
        LogLevels out = copy();
        out.levels.put(subsystem, checked(level));
        return out;
    }

    /**
     * These levels with {@code override} on top, as the command line overrides the settings file: subsystems the
     * override names win; if it sets {@code any}, that replaces every level it does not name (charondebug's rule).
     */
    public LogLevels overriddenBy(final LogLevels override) {
        if (override.fallbackSet) {
            return override.copy();
        }
        LogLevels out = copy();
        out.levels.putAll(override.levels);
        return out;
    }

    /** The most verbose level any subsystem has here. */
    int maxLevel() {
        int max = fallback;
        for (int l : levels.values()) {
            max = Math.max(max, l);
        }
        return max;
    }

    private LogLevels copy() {
        LogLevels out = new LogLevels();
        out.levels.putAll(levels);
        out.fallback = fallback;
        out.fallbackSet = fallbackSet;
        return out;
    }

    private static int checked(final int level) {
        if (level < -1 || level > 4) {
            throw new IllegalArgumentException("log level " + level + " is outside -1..4");
        }
        return level;
    }

    /** The subsystem strongSwan calls {@code key} ({@code ike}, {@code knl}), or null. */
    public static Subsystem subsystem(final String key) {
        for (Subsystem s : Subsystem.values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof LogLevels l && l.fallback == fallback && l.levels.equals(levels);
    }

    @Override
    public int hashCode() {
        return levels.hashCode() * 31 + fallback;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        levels.forEach((s, l) -> sb.append(s.key()).append(' ').append(l).append(", "));
        return sb.append("any ").append(fallback).toString();
    }

    /** strongSwan level to the JUL level that System.Logger levels map onto (INFO=1, DEBUG=2, TRACE=3/4). */
    static Level julLevel(final int strongSwanLevel) {
        switch (strongSwanLevel) {
            case -1:
                return Level.OFF;
            case 0:
                return Level.WARNING;
            case 1:
                return Level.INFO;
            case 2:
                return Level.FINE;
            default:
                return Level.FINEST;
        }
    }
}
