package org.jswan.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jswan.config.ConfigLoader;
import org.jswan.config.ConfigProblem;
import org.jswan.config.LoadedConfig;
import org.jswan.ike.cred.CredentialException;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.peer.PeerConfigFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jswan check-config}: validates a swanctl directory offline, as the daemon would load it (parser,
 * validator, credentials, daemon connection builder), without a running daemon.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Check a swanctl config directory offline; print every problem as file:line: key: message.",
        footerHeading = "%nExamples:%n",
        footer = {"  jswan check-config", "  jswan check-config /etc/swanctl", "  jswan check-config ./staging && "
                + "jswan load-all"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings allowed)", "1:errors found", "2:usage error"})
public final class CheckConfigCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "/etc/swanctl",
            description = "The directory holding swanctl.conf (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = new ConfigLoader().load(dir);
        int errors = 0;
        int warnings = 0;
        for (ConfigProblem p : loaded.problems()) {
            out.println(p);
            if (p.isError()) {
                errors++;
            } else {
                warnings++;
            }
        }
        if (errors == 0) {
            // Only a valid model may be handed on; the daemon's own checks then find what the schema cannot.
            try {
                CredentialStore creds = CredentialStore.load(dir);
                PeerConfigFactory.Result r = new PeerConfigFactory(dir, creds).build(loaded.config());
                for (String problem : r.problems()) {
                    out.println("swanctl.conf: " + problem);
                    errors++;
                }
            } catch (CredentialException e) {
                out.println(e.getMessage());
                errors++;
            }
        }
        out.printf("swanctl.conf: %d connection%s, %d secret%s, %d error%s, %d warning%s%n",
                loaded.config().connections().size(), plural(loaded.config().connections().size()),
                loaded.config().secrets().size(), plural(loaded.config().secrets().size()), errors, plural(errors),
                warnings, plural(warnings));
        out.flush();
        return errors == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String plural(final int n) {
        return n == 1 ? "" : "s";
    }
}
