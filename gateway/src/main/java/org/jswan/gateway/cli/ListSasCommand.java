package org.jswan.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jswan.gateway.control.ViciClient;
import org.jswan.gateway.control.ViciMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jswan list-sas}: the active IKE_SAs and CHILD_SAs, like {@code swanctl --list-sas}. */
@Command(name = "list-sas", mixinStandardHelpOptions = true,
        description = "List the active IKE_SAs and their CHILD_SAs.",
        footerHeading = "%nExamples:%n",
        footer = {"  jswan list-sas", "  jswan list-sas --ike site-b", "  jswan list-sas --json | jq '.[].state'"})
public final class ListSasCommand extends ViciCommandBase {

    @Option(names = "--ike", paramLabel = "NAME", description = "Only the IKE_SAs of this connection.")
    String ike;

    @Option(names = "--ike-id", paramLabel = "N", description = "Only the IKE_SA with this unique id.")
    long ikeId;

    @Option(names = "--json", description = "Print a JSON array for scripts.")
    boolean json;

    @Override
    int run(final ViciClient vici, final PrintWriter out) throws IOException {
        ViciMessage.Builder req = ViciMessage.builder().addIfPresent("ike", ike);
        if (ikeId != 0) {
            req.add("ike-id", ikeId);
        }
        List<ViciMessage.Section> sas = new ArrayList<>();
        vici.registerAndStream("list-sa", "list-sas", req.build(), m -> sas.addAll(m.sections()));
        if (json) {
            List<String> items = new ArrayList<>();
            sas.forEach(s -> items.add(SaFormatter.json(s.name(), s.content())));
            out.println("[" + String.join(",", items) + "]");
        } else {
            sas.forEach(s -> SaFormatter.print(out, s.name(), s.content()));
        }
        return ExitCodes.OK;
    }
}
