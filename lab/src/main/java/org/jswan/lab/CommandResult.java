package org.jswan.lab;

import java.util.List;

/**
 * The outcome of a bounded command run by the lab.
 *
 * @param command  the argv that was run
 * @param exitCode the exit status, or -1 when the command was killed on timeout
 * @param output   stdout and stderr, interleaved
 * @param timedOut whether the command hit its time limit
 */
public record CommandResult(List<String> command, int exitCode, String output, boolean timedOut) {

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** Returns this result, or throws {@link LabException} with the command and its output when it failed. */
    public CommandResult orThrow() {
        if (!ok()) {
            throw new LabException(describe());
        }
        return this;
    }

    public String describe() {
        return "command " + String.join(" ", command) + (timedOut ? " timed out" : " exited " + exitCode)
                + (output.isBlank() ? "" : ":\n" + output.strip());
    }
}
