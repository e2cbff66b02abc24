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
