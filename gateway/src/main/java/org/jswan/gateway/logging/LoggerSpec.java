package org.jswan.gateway.logging;

import java.nio.file.Path;

/**
 * One log destination with its own levels, as a strongswan.conf {@code filelog} entry describes it.
 *
 * @param destination {@link #STDOUT}, {@link #STDERR} or a file path
 * @param levels      per-subsystem levels
 * @param append      append to an existing file (else truncate at start)
 * @param flushLine   flush after every line (else block-buffered)
 * @param timeFormat  strftime pattern for a timestamp prefix; null: none
 * @param timeAddMs   add {@code .mmm} after the timestamp
 * @param logLevel    print the level after the subsystem ({@code [IKE2]})
 */
public record LoggerSpec(String destination, LogLevels levels, boolean append, boolean flushLine, String timeFormat,
                         boolean timeAddMs, boolean logLevel) {
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    /** The command line's logger: stdout or {@code file}, flushed per line, with jswan's classic timestamp. */
    public static LoggerSpec commandLine(final LogLevels levels, final Path file) {
        return new LoggerSpec(file == null ? STDOUT : file.toString(), levels, true, true, "%b %d %T", false, false);
    }

    public LoggerSpec withLevels(final LogLevels newLevels) {
        return new LoggerSpec(destination, newLevels, append, flushLine, timeFormat, timeAddMs, logLevel);
    }

    public LoggerSpec withDestination(final String newDestination) {
        return new LoggerSpec(newDestination, levels, append, flushLine, timeFormat, timeAddMs, logLevel);
    }

    public boolean isStream() {
        return destination.equals(STDOUT) || destination.equals(STDERR);
    }
}
