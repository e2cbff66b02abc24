package org.jswan.gateway.logging;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Routes every module's {@code System.getLogger(SUBSYSTEM)} output through java.util.logging to one or more
 * loggers (stdout, stderr, files), in strongSwan's format, each with its own level per subsystem.
 */
public final class LogSetup {
    /** JUL keeps loggers weakly; hold the configured ones so their levels stick. */
    private static final List<Logger> KEEP = new ArrayList<>();

    private LogSetup() {
    }

    /** Installs one logger; {@code file} null means stdout. */
    public static void install(final LogLevels levels, final Path file) throws IOException {
        install(List.of(LoggerSpec.commandLine(levels, file)));
    }

    /** Replaces all handlers with {@code loggers}; the subsystem loggers pass what the most verbose one wants. */
    public static void install(final List<LoggerSpec> loggers) throws IOException {
        List<Handler> handlers = new ArrayList<>();
        for (LoggerSpec spec : loggers) {
            handlers.add(handler(spec));
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        handlers.forEach(root::addHandler);
        root.setLevel(Level.WARNING);
        for (Subsystem s : Subsystem.values()) {
            int max = -1;
            for (LoggerSpec spec : loggers) {
                max = Math.max(max, spec.levels().level(s));
            }
            Logger logger = Logger.getLogger(s.name());
            logger.setLevel(LogLevels.julLevel(max));
            KEEP.add(logger);
        }
        // Netty and friends stay quiet unless something is wrong.
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }

    private static Handler handler(final LoggerSpec spec) throws IOException {
        OutputStream out;
        if (spec.destination().equals(LoggerSpec.STDOUT)) {
            out = new KeepOpen(System.out);
        } else if (spec.destination().equals(LoggerSpec.STDERR)) {
            out = new KeepOpen(System.err);
        } else {
            out = new BufferedOutputStream(new FileOutputStream(spec.destination(), spec.append()));
        }
        StrongSwanFormatter formatter = new StrongSwanFormatter(spec.timeFormat() == null ? null
                : StrftimeFormat.toFormatter(spec.timeFormat()), spec.timeAddMs(), spec.logLevel());
        Handler h = new LevelHandler(out, formatter, spec.levels(), spec.flushLine() || spec.isStream());
        h.setLevel(Level.ALL);
        return h;
    }

    /** Passes a record if its subsystem's level in this logger allows it; others (Netty) from WARNING up. */
    private static final class LevelHandler extends StreamHandler {
        private final LogLevels levels;
        private final boolean flushLine;

        LevelHandler(final OutputStream out, final StrongSwanFormatter formatter, final LogLevels levels,
                     final boolean flushLine) {
            super(new PrintStream(out, false), formatter);
            this.levels = levels;
            this.flushLine = flushLine;
        }

        @Override
        public boolean isLoggable(final LogRecord record) {
            if (record == null || !super.isLoggable(record)) {
                return false;
            }
            Subsystem s = subsystem(record.getLoggerName());
            Level threshold = s == null ? Level.WARNING : LogLevels.julLevel(levels.level(s));
            return record.getLevel().intValue() >= threshold.intValue() && threshold != Level.OFF;
        }

        @Override
        public synchronized void publish(final LogRecord record) {
            super.publish(record);
            if (flushLine) {
                flush();
            }
        }
    }

    /** Closing a handler must not close the process's stdout or stderr (a later install still needs them). */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(final OutputStream out) {
            super(out);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static Subsystem subsystem(final String loggerName) {
        if (loggerName == null) {
            return null;
        }
        for (Subsystem s : Subsystem.values()) {
            if (s.name().equals(loggerName)) {
                return s;
            }
        }
        return null;
    }
}
