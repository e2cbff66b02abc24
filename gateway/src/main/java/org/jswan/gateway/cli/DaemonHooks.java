package org.jswan.gateway.cli;

import org.jswan.gateway.Gateway;

/** What runs beside the gateway in `jswan daemon`: the control socket. */
final class DaemonHooks {
    private DaemonHooks() {
    }

    static void afterStart(final Gateway gateway) {
        // The VICI control socket is started here once the daemon control adapter is in place.
    }

    static void beforeStop(final Gateway gateway) {
        // Counterpart of afterStart.
    }
}
