package org.jswan.gateway.logging;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats records the way charon's log does: {@code Nov 28 10:12:01 05[IKE] initiating IKE_SA ...}, with the
 * logger name (the subsystem) in brackets and the thread id in front, so admins can read and grep both alike. The
 * timestamp follows strongswan.conf's {@code time_format} (none if null), optionally with milliseconds
 * ({@code time_add_ms}); {@code log_level} adds the level after the subsystem ({@code [IKE2]}).
 */
public final class StrongSwanFormatter extends Formatter {
    private final DateTimeFormatter time;
    private final boolean addMs;
    private final boolean logLevel;

    /** jswan's classic format: {@code Nov 28 10:12:01 05[IKE] ...}. */
    public StrongSwanFormatter() {
        this(StrftimeFormat.toFormatter("%b %d %T"), false, false);
    }

    public StrongSwanFormatter(final DateTimeFormatter time, final boolean addMs, final boolean logLevel) {
        this.time = time;
        this.addMs = addMs;
        this.logLevel = logLevel;
    }

    @Override
    public String format(final LogRecord record) {
        StringBuilder sb = new StringBuilder(128);
        if (time != null) {
            sb.append(time.format(Instant.ofEpochMilli(record.getMillis())));
            if (addMs) {
                sb.append(String.format(".%03d", record.getMillis() % 1000));
            }
            sb.append(' ');
        }
        long thread = record.getLongThreadID() % 100;
        if (thread < 10) {
            sb.append('0');
        }
        sb.append(thread).append('[').append(record.getLoggerName());
        if (logLevel) {
            sb.append(strongSwanLevel(record.getLevel()));
        }
        sb.append("] ");
        sb.append(formatMessage(record)).append(System.lineSeparator());
        if (record.getThrown() != null) {
            sb.append("    ").append(record.getThrown()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** The strongSwan level a record was logged at (inverse of {@link LogLevels#julLevel}). */
    static int strongSwanLevel(final Level level) {
        int v = level.intValue();
        if (v >= Level.WARNING.intValue()) {
            return 0;
        }
        if (v >= Level.INFO.intValue()) {
            return 1;
        }
        if (v >= Level.FINE.intValue()) {
            return 2;
        }
        return 3;
    }
}
