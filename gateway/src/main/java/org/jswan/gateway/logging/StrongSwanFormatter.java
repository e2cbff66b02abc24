package org.jswan.gateway.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats records the way charon's log does: {@code Nov 28 10:12:01 05[IKE] initiating IKE_SA ...}, with the
 * logger name (the subsystem) in brackets and the thread id in front, so admins can read and grep both alike.
 */
public final class StrongSwanFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Override
    public String format(final LogRecord record) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ');
        long thread = record.getLongThreadID() % 100;
        if (thread < 10) {
            sb.append('0');
        }
        sb.append(thread).append('[').append(record.getLoggerName()).append("] ");
        sb.append(formatMessage(record)).append(System.lineSeparator());
        if (record.getThrown() != null) {
            sb.append("    ").append(record.getThrown()).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
