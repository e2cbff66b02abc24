package org.jswan.gateway.logging;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Turns the strftime(3) patterns admins write for strongswan.conf's {@code time_format} (e.g. {@code %b %e %T})
 * into a {@link DateTimeFormatter}. Covers the conversions log timestamps use; any other is rejected by name rather
 * than printed wrongly.
 */
public final class StrftimeFormat {
    private StrftimeFormat() {
    }

    /** @throws IllegalArgumentException naming the unsupported conversion */
    public static DateTimeFormatter toFormatter(final String strftime) {
        StringBuilder p = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < strftime.length(); i++) {
            char c = strftime.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i + 1 >= strftime.length()) {
                throw new IllegalArgumentException("time_format ends with a lone '%'");
            }
            char conv = strftime.charAt(++i);
            if (conv == '%') {
                literal.append('%');
                continue;
            }
            String pattern = pattern(conv);
            if (pattern == null) {
                throw new IllegalArgumentException("time_format conversion '%" + conv + "' is not supported; use "
                        + "%a %A %b %B %h %d %e %j %m %y %Y %H %I %M %S %p %T %R %F %D %z %Z");
            }
            flush(literal, p);
            p.append(pattern);
        }
        flush(literal, p);
        return DateTimeFormatter.ofPattern(p.toString(), java.util.Locale.ROOT).withZone(ZoneId.systemDefault());
    }

    private static String pattern(final char conv) {
        switch (conv) {
            case 'a':
                return "EEE";
            case 'A':
                return "EEEE";
            case 'b':
            case 'h':
                return "MMM";
            case 'B':
                return "MMMM";
            case 'd':
                return "dd";
            case 'e':
                return "ppd";
            case 'j':
                return "DDD";
            case 'm':
                return "MM";
            case 'y':
                return "yy";
            case 'Y':
                return "yyyy";
            case 'H':
                return "HH";
            case 'I':
                return "hh";
            case 'M':
                return "mm";
            case 'S':
                return "ss";
            case 'p':
                return "a";
            case 'T':
                return "HH:mm:ss";
            case 'R':
                return "HH:mm";
            case 'F':
                return "yyyy-MM-dd";
            case 'D':
                return "MM/dd/yy";
            case 'z':
                return "xx";
            case 'Z':
                return "z";
            default:
                return null;
        }
    }

    private static void flush(final StringBuilder literal, final StringBuilder pattern) {
        if (literal.length() > 0) {
            pattern.append('\'').append(literal.toString().replace("'", "''")).append('\'');
            literal.setLength(0);
        }
    }
}
