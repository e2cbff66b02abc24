package org.jswan.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.jswan.gateway.control.ViciClient;
import org.jswan.gateway.control.ViciMessage;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jswan terminate}: deletes an IKE_SA by connection name or unique id. */
@Command(name = "terminate", mixinStandardHelpOptions = true,
        description = "Terminate an IKE_SA (with its CHILD_SAs).",
        footerHeading = "%nExamples:%n",
        footer = {"  jswan terminate --ike site-b", "  jswan terminate --ike-id 3"})
public final class TerminateCommand extends ViciCommandBase {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selector selector;

    static final class Selector {
        @Option(names = "--ike", paramLabel = "NAME", description = "The connection whose IKE_SAs to delete.")
        String ike;

        @Option(names = "--ike-id", paramLabel = "N", description = "The unique id of the IKE_SA (see list-sas).")
        long ikeId;
    }

    @Option(names = "--force", description = "Delete without waiting for the peer.")
    boolean force;

    @Option(names = "--loglevel", paramLabel = "N", defaultValue = "1", description = "Log detail, 0-4.")
    int logLevel;

    @Override
    int run(final ViciClient vici, final PrintWriter out) throws IOException {
        ViciMessage.Builder req = ViciMessage.builder().addIfPresent("ike", selector.ike);
        if (selector.ikeId != 0) {
            req.add("ike-id", selector.ikeId);
        }
        if (force) {
            req.add("force", true);
        }
        req.add("loglevel", logLevel);
        ViciMessage response = vici.registerAndStream("control-log", "terminate", req.build(),
                new ControlLogPrinter(out));
        int rc = result(response, "terminate");
        if (rc == ExitCodes.OK) {
            out.println("terminate completed successfully");
        }
        return rc;
    }
}
