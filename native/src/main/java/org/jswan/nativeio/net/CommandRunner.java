package org.jswan.nativeio.net;

import java.io.IOException;
import java.util.List;

/** Runs an external command to completion (a seam so that tests can check command lines without running them). */
@FunctionalInterface
public interface CommandRunner {
    /** The result of a command that ran; exit status is not checked here. */
    record Result(int exitStatus, String stdout, String stderr) {
    }

    Result run(List<String> command) throws IOException;
}
