package org.jswan.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jswan.gateway.control.ViciClient;
import org.jswan.gateway.control.ViciMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jswan list-conns}: the loaded connections, like {@code swanctl --list-conns}. */
@Command(name = "list-conns", mixinStandardHelpOptions = true,
        description = "List the loaded connections.",
        footerHeading = "%nExamples:%n",
        footer = {"  jswan list-conns", "  jswan list-conns --json"})
public final class ListConnsCommand extends ViciCommandBase {

    @Option(names = "--ike", paramLabel = "NAME", description = "Only this connection.")
    String ike;

    @Option(names = "--json", description = "Print a JSON array for scripts.")
    boolean json;

    @Override
    int run(final ViciClient vici, final PrintWriter out) throws IOException {
        List<ViciMessage.Section> conns = new ArrayList<>();
        vici.registerAndStream("list-conn", "list-conns", ViciMessage.builder().addIfPresent("ike", ike).build(),
                m -> conns.addAll(m.sections()));
        if (json) {
            List<String> items = new ArrayList<>();
            conns.forEach(s -> items.add(SaFormatter.json(s.name(), s.content())));
            out.println("[" + String.join(",", items) + "]");
            return ExitCodes.OK;
        }
        for (ViciMessage.Section s : conns) {
            ViciMessage c = s.content();
            out.printf("%s: %s, %s, rekeying every %ss%n", s.name(), c.get("version"),
                    addrs(c.list("local_addrs")) + "..." + addrs(c.list("remote_addrs")), c.get("rekey_time"));
            for (ViciMessage.Section a : c.sections()) {
                if (a.name().startsWith("local-") || a.name().startsWith("remote-")) {
                    String side = a.name().startsWith("local-") ? "local" : "remote";
                    out.printf("  %-6s %s authentication:%n", side, a.content().get("class"));
                    if (a.content().get("id") != null) {
                        out.printf("    id: %s%n", a.content().get("id"));
                    }
                }
            }
            ViciMessage children = c.section("children");
            if (children != null) {
                for (ViciMessage.Section ch : children.sections()) {
                    ViciMessage x = ch.content();
                    out.printf("  %s: %s, rekeying every %ss, dpd action is %s%n", ch.name(), x.get("mode"),
                            x.get("rekey_time"), x.get("dpd_action"));
                    out.println("    local:  " + String.join(" ", x.list("local-ts")));
                    out.println("    remote: " + String.join(" ", x.list("remote-ts")));
                }
            }
        }
        return ExitCodes.OK;
    }

    private static String addrs(final List<String> a) {
        return a.isEmpty() ? "%any" : String.join(",", a);
    }
}
