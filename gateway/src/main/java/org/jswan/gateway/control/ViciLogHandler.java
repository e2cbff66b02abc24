package org.jswan.gateway.control;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * A java.util.logging handler that raises each daemon log line as a VICI {@code log} event, for
 * {@code swanctl --log}. Install it on the root logger next to the console/file handler. The logger name is the
 * strongSwan subsystem ({@code IKE}, {@code CFG}, ...), as every jswan module logs through
 * {@code System.getLogger(SUBSYSTEM)}.
 */
public final class ViciLogHandler extends Handler {
    /** Lines logged while publishing (e.g. "client too slow") must not be published again. */
    private static final ThreadLocal<Boolean> PUBLISHING = ThreadLocal.withInitial(() -> false);

    private final ViciEvents events;
    private final SimpleFormatter messages = new SimpleFormatter();

    public ViciLogHandler(final ViciEvents events) {
        this.events = events;
        setLevel(Level.ALL);
    }

    @Override
    public void publish(final LogRecord record) {
        if (record == null || !isLoggable(record) || PUBLISHING.get()) {
            return;
        }
        PUBLISHING.set(true);
        try {
            String group = record.getLoggerName() == null ? "   " : record.getLoggerName();
            events.log(group, strongSwanLevel(record.getLevel()), record.getLongThreadID(), null, 0,
                    messages.formatMessage(record));
        } catch (RuntimeException e) {
            reportError("cannot publish log event", e, java.util.logging.ErrorManager.WRITE_FAILURE);
        } finally {
            PUBLISHING.set(false);
        }
    }

    /** JUL level back to strongSwan's 0-4 (the inverse of the daemon's mapping: INFO is 1, FINE 2). */
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
        if (v >= Level.FINER.intValue()) {
            return 3;
        }
        return 4;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
