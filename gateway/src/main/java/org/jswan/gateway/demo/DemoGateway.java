package org.jswan.gateway.demo;

import java.nio.file.Path;
import java.util.List;

/** One gateway of the demo (jswan or strongSwan) as seen by the run: config, start, log, SAs. */
interface DemoGateway {
    /** "jswan" or "strongSwan". */
    String product();

    /** Writes swanctl.conf (and certificates, done by the caller into {@link #swanctlDir()}). */
    void configure(SiteConfig config, String psk);

    /** The folder holding swanctl.conf, x509/, x509ca/, private/. */
    Path swanctlDir();

    /** Starts the daemon and waits until it listens for IKE; throws {@link DemoException} with the log tail. */
    void start(DemoLab lab);

    boolean isAlive();

    Path logFile();

    /** Files worth showing the user (config, logs). */
    List<Path> files();

    /** Stops the daemon (SIGTERM, it deletes its SAs) ahead of the lab teardown; no-op if not running. */
    void stop();

    /** {@code swanctl --list-sas} output of this gateway (with counters), or null where there is no VICI to ask. */
    default String listSas() {
        return null;
    }

    default String logTail(final int lines) {
        return LogFile.tail(logFile(), lines);
    }
}
