package org.jswan.nativeio.net;

import java.io.IOException;
import java.util.List;

/** A configuration command failed: carries the command line, its exit status and what it printed on stderr. */
public final class NetConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final int exitStatus;
    private final String stderr;

    public NetConfigException(final List<String> command, final int exitStatus, final String stderr,
            final Throwable cause) {
        super("'" + String.join(" ", command) + "' failed"
                + (exitStatus >= 0 ? " with exit status " + exitStatus : "")
                + (stderr.isBlank() ? "" : ": " + stderr.strip()), cause);
        this.command = List.copyOf(command);
        this.exitStatus = exitStatus;
        this.stderr = stderr;
    }

    public List<String> command() {
        return command;
    }

    /** The exit status, or -1 if the command could not be run or timed out. */
    public int exitStatus() {
        return exitStatus;
    }

    public String stderr() {
        return stderr;
    }
}
