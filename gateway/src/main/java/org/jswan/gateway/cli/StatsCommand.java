package org.jswan.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jswan.gateway.control.DaemonControl;
import org.jswan.gateway.control.ViciClient;
import org.jswan.gateway.control.ViciMessage;
import org.jswan.gateway.control.ViciProtocolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jswan stats}: uptime and SA counts (VICI {@code stats}), traffic per CHILD_SA ({@code list-sas}) and drops
 * by reason (jswan's own {@code jswan-drops} command, left out when the daemon does not have it).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show uptime, SA counts, traffic per CHILD_SA and dropped packets by reason.",
        footerHeading = "%nExamples:%n",
        footer = {"  jswan stats", "  jswan stats --json"})
public final class StatsCommand extends ViciCommandBase {

    @Option(names = "--json", description = "Print one JSON object for scripts.")
    boolean json;

    private record Traffic(String ike, String child, ViciMessage c) {
    }

    @Override
    int run(final ViciClient vici, final PrintWriter out) throws IOException {
        ViciMessage stats = vici.request("stats", ViciMessage.EMPTY);
        List<Traffic> traffic = new ArrayList<>();
        vici.registerAndStream("list-sa", "list-sas", ViciMessage.EMPTY, m -> {
            for (ViciMessage.Section sa : m.sections()) {
                ViciMessage children = sa.content().section("child-sas");
                if (children != null) {
                    children.sections().forEach(c -> traffic.add(new Traffic(sa.name() + "#"
                            + sa.content().get("uniqueid"), c.content().get("name", c.name()) + "#"
                            + c.content().get("uniqueid"), c.content())));
                }
            }
        });
        ViciMessage drops;
        try {
            drops = vici.request(DaemonControl.DROPS_COMMAND, ViciMessage.EMPTY);
        } catch (ViciProtocolException e) {
            drops = null;
        }
        ViciMessage uptime = stats.section("uptime") == null ? ViciMessage.EMPTY : stats.section("uptime");
        ViciMessage ikesas = stats.section("ikesas") == null ? ViciMessage.EMPTY : stats.section("ikesas");
        if (json) {
            StringBuilder b = new StringBuilder("{\"uptime\":").append(ViciJson.of(uptime))
                    .append(",\"ikesas\":").append(ViciJson.of(ikesas)).append(",\"child-sas\":[");
            for (int i = 0; i < traffic.size(); i++) {
                Traffic t = traffic.get(i);
                b.append(i == 0 ? "" : ",").append("{\"ike\":").append(Json.string(t.ike))
                        .append(",\"child\":").append(Json.string(t.child));
                for (String k : List.of("bytes-in", "packets-in", "bytes-out", "packets-out")) {
                    b.append(',').append(Json.string(k)).append(':').append(Json.value(t.c.get(k, "0")));
                }
                b.append('}');
            }
            b.append("],\"drops\":").append(drops == null ? "null" : ViciJson.of(drops)).append('}');
            out.println(b);
            return ExitCodes.OK;
        }
        out.printf("uptime: %s, since %s%n", uptime.get("running"), uptime.get("since"));
        out.printf("IKE_SAs: %s total, %s half-open%n", ikesas.get("total"), ikesas.get("half-open"));
        if (!traffic.isEmpty()) {
            int w = Math.max(9, traffic.stream().mapToInt(t -> t.ike.length()).max().orElse(0));
            int cw = Math.max(8, traffic.stream().mapToInt(t -> t.child.length()).max().orElse(0));
            out.printf("%-" + w + "s  %-" + cw + "s  %14s  %10s  %14s  %10s%n", "IKE_SA", "CHILD_SA", "bytes in",
                    "pkts in", "bytes out", "pkts out");
            for (Traffic t : traffic) {
                out.printf("%-" + w + "s  %-" + cw + "s  %14s  %10s  %14s  %10s%n", t.ike, t.child,
                        t.c.get("bytes-in", "0"), t.c.get("packets-in", "0"), t.c.get("bytes-out", "0"),
                        t.c.get("packets-out", "0"));
            }
        }
        if (drops == null) {
            out.println("drops: not reported by this daemon");
        } else if (drops.isEmpty()) {
            out.println("drops: none");
        } else {
            out.println("drops:");
            int w = drops.entries().stream().mapToInt(e -> e.name().length()).max().orElse(0);
            for (ViciMessage.Entry e : drops.entries()) {
                out.printf("  %-" + w + "s  %10s%n", e.name(), drops.get(e.name()));
            }
        }
        return ExitCodes.OK;
    }
}
