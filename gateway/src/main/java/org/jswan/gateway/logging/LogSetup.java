package org.jswan.gateway.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Routes every module's {@code System.getLogger(SUBSYSTEM)} output through java.util.logging to stdout or a file,
 * in strongSwan's format, with one level per subsystem.
 */
public final class LogSetup {
    private LogSetup() {
    }

    /** Installs the handler; {@code file} null means stdout. */
    public static void install(final LogLevels levels, final Path file) throws IOException {
        LogManager.getLogManager().reset();
        Handler handler = file == null ? new FlushingHandler(System.out) : new FileHandler(file.toString(), true);
        handler.setFormatter(new StrongSwanFormatter());
        handler.setLevel(java.util.logging.Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        root.setLevel(java.util.logging.Level.WARNING);
        for (Subsystem s : Subsystem.values()) {
            Logger logger = Logger.getLogger(s.name());
            logger.setLevel(LogLevels.julLevel(levels.level(s)));
            KEEP.add(logger);
        }
        // Netty and friends stay quiet unless something is wrong.
        Logger.getLogger("io.netty").setLevel(java.util.logging.Level.WARNING);
    }

    /** JUL keeps loggers weakly; hold the configured ones so their levels stick. */
    private static final java.util.List<Logger> KEEP = new java.util.ArrayList<>();

    /** A stream handler that flushes every record, so a log follows the daemon live. */
    private static final class FlushingHandler extends StreamHandler {
        FlushingHandler(final OutputStream out) {
            super(new PrintStream(out, true), new StrongSwanFormatter());
        }

        @Override
        public synchronized void publish(final java.util.logging.LogRecord record) {
            super.publish(record);
            flush();
        }
    }
}
