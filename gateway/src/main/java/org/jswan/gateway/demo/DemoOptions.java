package org.jswan.gateway.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What one {@code jswan demo} run does.
 *
 * @param workDir       where configs and logs go (kept after the run)
 * @param seconds       length of the throughput run
 * @param pingCount     echo requests host A to host B
 * @param throughput    which tool measures throughput
 * @param tunnelTimeout how long to wait for {@code CHILD_SA net{} established}
 * @param keep          leave the lab running at the end
 * @param wrongPsk      give gateway B a different PSK, to show (and test) what a failed run reports
 */
public record DemoOptions(DemoAuth auth, DemoPeer peer, Path workDir, int seconds, int pingCount,
                          ThroughputTool throughput, Duration tunnelTimeout, boolean keep, boolean wrongPsk,
                          PrintStream out) {

    /** iperf3 when installed (AUTO), or the built-in Java sender/receiver. */
    public enum ThroughputTool {
        AUTO,
        IPERF3,
        BUILTIN
    }
}
