package org.jswan.gateway.cli;

/** Exit codes of the client commands. */
final class ExitCodes {
    static final int OK = 0;
    /** The daemon answered, but the command failed (or check-config found errors). */
    static final int FAILED = 1;
    /** Bad arguments (picocli's default for usage errors). */
    static final int USAGE = 2;
    /** No daemon listens on the VICI socket, or the connection was lost. */
    static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
