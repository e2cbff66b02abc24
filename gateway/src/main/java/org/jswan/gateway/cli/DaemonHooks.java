package org.jswan.gateway.cli;

import java.io.IOException;
import org.jswan.gateway.Gateway;
import org.jswan.gateway.control.DaemonControl;
import org.jswan.gateway.control.ViciServer;

/** What runs beside the gateway in `jswan daemon`: the VICI control socket that swanctl and `jswan` use. */
final class DaemonHooks {
    private static ViciServer vici;

    private DaemonHooks() {
    }

    static void afterStart(final Gateway gateway) {
        DaemonControl control = gateway.control();
        try {
            vici = ViciServer.start(gateway.options().viciSocket(), control.viciHandler());
            System.getLogger("DMN").log(System.Logger.Level.INFO, "VICI control socket at "
                    + gateway.options().viciSocket());
        } catch (IOException | RuntimeException e) {
            System.getLogger("DMN").log(System.Logger.Level.WARNING, "cannot open the VICI control socket "
                    + gateway.options().viciSocket() + ": " + e.getMessage() + " (use --vici-socket PATH)");
        }
    }

    static void beforeStop(final Gateway gateway) {
        if (vici != null) {
            vici.close();
        }
    }
}
