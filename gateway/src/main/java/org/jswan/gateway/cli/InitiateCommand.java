package org.jswan.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import org.jswan.gateway.control.ViciClient;
import org.jswan.gateway.control.ViciMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jswan initiate}: brings up a CHILD_SA (and its IKE_SA), streaming the daemon's progress log. */
@Command(name = "initiate", mixinStandardHelpOptions = true,
        description = "Initiate a CHILD_SA (and its IKE_SA if needed), printing the daemon's log as it goes.",
        footerHeading = "%nExamples:%n",
        footer = {"  jswan initiate --child net", "  jswan initiate --child net --ike site-b --timeout 20"})
public final class InitiateCommand extends ViciCommandBase {

    @Option(names = "--child", required = true, paramLabel = "NAME", description = "The CHILD_SA config to start.")
    String child;

    @Option(names = "--ike", paramLabel = "NAME", description = "The connection the child belongs to.")
    String ike;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "0",
            description = "Give up after S seconds (0: wait until done).")
    long timeoutSeconds;

    @Option(names = "--loglevel", paramLabel = "N", defaultValue = "1", description = "Log detail, 0-4.")
    int logLevel;

    @Override
    ViciClient connect() throws IOException {
        return ViciClient.connect(viciSocket, timeoutSeconds == 0 ? Duration.ofDays(1)
                : Duration.ofSeconds(timeoutSeconds + 5));
    }

    @Override
    int run(final ViciClient vici, final PrintWriter out) throws IOException {
        ViciMessage req = ViciMessage.builder().add("child", child).addIfPresent("ike", ike)
                .add("timeout", timeoutSeconds * 1000).add("loglevel", logLevel).build();
        ViciMessage response = vici.registerAndStream("control-log", "initiate", req, new ControlLogPrinter(out));
        int rc = result(response, "initiate");
        if (rc == ExitCodes.OK) {
            out.println("initiate completed successfully");
        }
        return rc;
    }
}
