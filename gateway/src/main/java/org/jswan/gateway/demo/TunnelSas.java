package org.jswan.gateway.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SAs one jswan daemon reported in its log: {@code selected proposal: IKE:...}, {@code IKE_SA ... established
 * between ...} and {@code CHILD_SA net{1} established with SPIs ... and TS ...}, with the log prefix removed.
 */
record TunnelSas(String ikeProposal, String ikeSa, String childSa, String childSpis, String childTs) {
    private static final Pattern PREFIX = Pattern.compile("^.*?\\[[A-Z]{3}\\]\\s*(<[^>]*>\\s*)?");
    private static final Pattern PROPOSAL = Pattern.compile("selected proposal: IKE:(\\S+)");
    private static final Pattern IKE = Pattern.compile("IKE_SA (\\S+) established between (.*)$");
    private static final Pattern CHILD = Pattern.compile(
            "CHILD_SA (\\S+) established with SPIs (\\S+ \\S+) and TS (.*)$");

    static TunnelSas parse(final String log) {
        String proposal = "";
        String ike = "";
        String child = "";
        String spis = "";
        String ts = "";
        for (String raw : log.split("\n")) {
            String line = PREFIX.matcher(raw).replaceFirst("").strip();
            Matcher m;
            if ((m = PROPOSAL.matcher(line)).find() && proposal.isEmpty()) {
                proposal = m.group(1);
            } else if ((m = IKE.matcher(line)).find() && ike.isEmpty()) {
                ike = m.group(1) + " " + m.group(2);
            } else if ((m = CHILD.matcher(line)).find() && child.isEmpty()) {
                child = m.group(1);
                spis = m.group(2);
                ts = m.group(3);
            }
        }
        return new TunnelSas(proposal, ike, child, spis, ts);
    }

    boolean established() {
        return !ikeSa.isEmpty() && !childSa.isEmpty();
    }

    /** Summary lines, indented by the caller. */
    List<String> lines(final String espProposal) {
        List<String> out = new ArrayList<>();
        out.add("IKE_SA   " + (ikeSa.isEmpty() ? "(not established)" : ikeSa + ", ESTABLISHED"));
        out.add("         " + (ikeProposal.isEmpty() ? "(no proposal selected)" : ikeProposal));
        out.add("CHILD_SA " + (childSa.isEmpty() ? "(not established)" : childSa + ", INSTALLED, TUNNEL, ESP:"
                + espProposal));
        if (!childSa.isEmpty()) {
            out.add("         SPIs " + childSpis);
            out.add("         TS   " + childTs);
        }
        return out;
    }
}
