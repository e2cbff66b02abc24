package org.jswan.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * strongSwan's scalar value syntaxes: booleans, integers (decimal or {@code 0x} hex), durations ({@code 30s},
 * {@code 5m}, {@code 4h}, {@code 1d}, plain seconds), byte and packet counts ({@code 500k}, {@code 1M}, {@code 2G},
 * powers of 1024) and comma-separated lists. Every parser throws {@link IllegalArgumentException} with a message
 * suitable for a {@link ConfigProblem}.
 */
public final class ValueSyntax {

    private static final long MAX_SECONDS = 100L * 365 * 24 * 3600;

    private ValueSyntax() {
    }

    /** yes/no, true/false, on/off, enabled/disabled, 1/0 (case-insensitive), as strongSwan's settings do. */
    public static boolean parseBoolean(String value) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "yes": case "true": case "on": case "enabled": case "1":
                return true;
            case "no": case "false": case "off": case "disabled": case "0":
                return false;
            default:
                throw new IllegalArgumentException("invalid boolean '" + value + "' (expected yes or no)");
        }
    }

    /** A non-negative integer, decimal or 0x-prefixed hex, at most {@code max}. */
    public static long parseUnsigned(String value, long max) {
        String v = value.strip();
        long n;
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                n = Long.parseUnsignedLong(v.substring(2), 16);
            } else {
                if (v.isEmpty() || !v.chars().allMatch(Character::isDigit)) {
                    throw new NumberFormatException();
                }
                n = Long.parseLong(v);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid number '" + value + "'");
        }
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("number " + value + " out of range (0.." + max + ")");
        }
        return n;
    }

    /** Duration: digits with an optional unit s, m, h or d (none means seconds). */
    public static Duration parseDuration(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("invalid duration '' (expected e.g. 30s, 5m, 4h, 1d)");
        }
        char unit = v.charAt(v.length() - 1);
        long factor;
        String digits = v.substring(0, v.length() - 1);
        switch (unit) {
            case 's': factor = 1; break;
            case 'm': factor = 60; break;
            case 'h': factor = 3600; break;
            case 'd': factor = 86400; break;
            default:
                factor = 1;
                digits = v;
        }
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid duration '" + value + "' (expected e.g. 30s, 5m, 4h, 1d)");
        }
        long seconds = Long.parseLong(digits) * factor;
        if (seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("duration '" + value + "' is too long");
        }
        return Duration.ofSeconds(seconds);
    }

    /** Byte or packet count: digits with an optional k/K, m/M or g/G unit (powers of 1024). */
    public static long parseVolume(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("invalid size '' (expected e.g. 500M, 1G)");
        }
        char unit = Character.toLowerCase(v.charAt(v.length() - 1));
        int shift;
        String digits = v.substring(0, v.length() - 1);
        switch (unit) {
            case 'k': shift = 10; break;
            case 'm': shift = 20; break;
            case 'g': shift = 30; break;
            default:
                shift = 0;
                digits = v;
        }
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid size '" + value + "' (expected e.g. 500M, 1G)");
        }
        long n = Long.parseLong(digits);
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size '" + value + "' is too large");
        }
        return n << shift;
    }

    /** Splits a comma-separated list, trimming entries and dropping empty ones. */
    public static List<String> parseList(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }
}
