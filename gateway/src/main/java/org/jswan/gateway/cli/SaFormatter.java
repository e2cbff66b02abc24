package org.jswan.gateway.cli;

import java.io.PrintWriter;
import org.jswan.gateway.control.ViciMessage;

/** Prints a {@code list-sa} event the way {@code swanctl --list-sas} does. */
final class SaFormatter {
    private SaFormatter() {
    }

    static void print(final PrintWriter out, final String name, final ViciMessage sa) {
        boolean initiator = "yes".equals(sa.get("initiator"));
        out.printf("%s: #%s, %s, IKEv%s, %s_i%s %s_r%s%n", name, sa.get("uniqueid"), sa.get("state"),
                sa.get("version", "2"), sa.get("initiator-spi"), initiator ? "*" : "", sa.get("responder-spi"),
                initiator ? "" : "*");
        out.printf("  local  '%s' @ %s[%s]%s%n", sa.get("local-id"), sa.get("local-host"), sa.get("local-port"),
                "yes".equals(sa.get("nat-local")) ? " (behind NAT)" : "");
        out.printf("  remote '%s' @ %s[%s]%s%n", sa.get("remote-id"), sa.get("remote-host"), sa.get("remote-port"),
                "yes".equals(sa.get("nat-remote")) ? " (behind NAT)" : "");
        StringBuilder algs = new StringBuilder();
        algorithm(algs, sa, "encr-alg", "encr-keysize");
        algorithm(algs, sa, "integ-alg", "integ-keysize");
        algorithm(algs, sa, "prf-alg", null);
        algorithm(algs, sa, "dh-group", null);
        if (!algs.isEmpty()) {
            out.println("  " + algs);
        }
        if (sa.get("established") != null) {
            out.printf("  established %ss ago%s%n", sa.get("established"),
                    sa.get("rekey-time") == null ? "" : ", rekeying in " + sa.get("rekey-time") + "s");
        }
        ViciMessage children = sa.section("child-sas");
        if (children == null) {
            return;
        }
        for (ViciMessage.Section s : children.sections()) {
            ViciMessage c = s.content();
            StringBuilder calgs = new StringBuilder();
            algorithm(calgs, c, "encr-alg", "encr-keysize");
            algorithm(calgs, c, "integ-alg", "integ-keysize");
            algorithm(calgs, c, "dh-group", null);
            out.printf("  %s: #%s, reqid %s, %s, %s%s, %s:%s%n", c.get("name", s.name()), c.get("uniqueid"),
                    c.get("reqid"), c.get("state"), c.get("mode"), "yes".equals(c.get("encap")) ? "-in-UDP" : "",
                    c.get("protocol", "ESP"), calgs.toString().replace('/', '-'));
            out.printf("    installed %ss ago%s%s%n", c.get("install-time"),
                    c.get("rekey-time") == null ? "" : ", rekeying in " + c.get("rekey-time") + "s",
                    c.get("life-time") == null ? "" : ", expires in " + c.get("life-time") + "s");
            traffic(out, "in ", c.get("spi-in"), c.get("bytes-in"), c.get("packets-in"), c.get("use-in"));
            traffic(out, "out", c.get("spi-out"), c.get("bytes-out"), c.get("packets-out"), c.get("use-out"));
            out.println("    local  " + String.join(" ", c.list("local-ts")));
            out.println("    remote " + String.join(" ", c.list("remote-ts")));
        }
    }

    private static void traffic(final PrintWriter out, final String dir, final String spi, final String bytes,
            final String packets, final String use) {
        out.printf("    %s %s, %10s bytes, %8s packets%s%n", dir, spi, bytes, packets,
                use == null ? "" : ", " + use + "s ago");
    }

    private static void algorithm(final StringBuilder b, final ViciMessage m, final String alg, final String size) {
        String a = m.get(alg);
        if (a == null) {
            return;
        }
        if (!b.isEmpty()) {
            b.append('/');
        }
        b.append(a);
        if (size != null && m.get(size) != null) {
            b.append('-').append(m.get(size));
        }
    }

    /** {@code {"name":NAME, ...fields}}. */
    static String json(final String name, final ViciMessage content) {
        String body = ViciJson.of(content);
        return "{\"name\":" + Json.string(name) + (body.length() > 2 ? "," : "") + body.substring(1);
    }
}
