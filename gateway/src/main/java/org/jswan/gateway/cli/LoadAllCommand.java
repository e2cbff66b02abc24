package org.jswan.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.jswan.gateway.control.ViciClient;
import org.jswan.gateway.control.ViciMessage;
import picocli.CommandLine.Command;

/**
 * {@code jswan load-all}: makes the daemon re-read its own config directory. jswan's daemon answers VICI
 * {@code reload-settings} by reloading swanctl.conf and the credential folders (unchanged connections keep their
 * SAs), so this sends {@code reload-settings}, not swanctl's load-conn/load-shared sequence.
 */
@Command(name = "load-all", mixinStandardHelpOptions = true,
        description = "Make the daemon reload swanctl.conf and credentials from its config directory.",
        footerHeading = "%nExamples:%n",
        footer = {"  jswan check-config /etc/swanctl && jswan load-all"})
public final class LoadAllCommand extends ViciCommandBase {

    @Override
    int run(final ViciClient vici, final PrintWriter out) throws IOException {
        int rc = result(vici.request("reload-settings", ViciMessage.EMPTY), "reload");
        if (rc == ExitCodes.OK) {
            out.println("configuration reloaded");
        }
        return rc;
    }
}
