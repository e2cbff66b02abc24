package org.jswan.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.jswan.gateway.control.ViciClient;
import org.jswan.gateway.control.ViciMessage;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jswan rekey}: rekeys the CHILD_SAs of a child config, or an IKE_SA. */
@Command(name = "rekey", mixinStandardHelpOptions = true,
        description = "Rekey CHILD_SAs (--child) or an IKE_SA (--ike).",
        footerHeading = "%nExamples:%n",
        footer = {"  jswan rekey --child net", "  jswan rekey --ike site-b"})
public final class RekeyCommand extends ViciCommandBase {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selector selector;

    static final class Selector {
        @Option(names = "--child", paramLabel = "NAME", description = "Rekey the CHILD_SAs of this child config.")
        String child;

        @Option(names = "--ike", paramLabel = "NAME", description = "Rekey the IKE_SA of this connection.")
        String ike;
    }

    @Override
    int run(final ViciClient vici, final PrintWriter out) throws IOException {
        ViciMessage req = ViciMessage.builder().addIfPresent("child", selector.child)
                .addIfPresent("ike", selector.ike).build();
        int rc = result(vici.request("rekey", req), "rekey");
        if (rc == ExitCodes.OK) {
            out.println("rekey completed successfully");
        }
        return rc;
    }
}
