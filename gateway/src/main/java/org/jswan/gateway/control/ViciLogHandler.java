package org.jswan.gateway.control;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.jswan.gateway.logging.LogLevels;

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
            events.log(group, LogLevels.strongSwanLevel(record.getLevel()), record.getLongThreadID(), null, 0,
                    messages.formatMessage(record));
        } catch (RuntimeException e) {
            reportError("cannot publish log event", e, java.util.logging.ErrorManager.WRITE_FAILURE);
        } finally {
            PUBLISHING.set(false);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
