package org.jswan.nativeio.net;

/**
 * A policy-routing rule ({@code ip rule}): packets to {@code to}, optionally only of one IP protocol and destination
 * port range, are looked up in {@code table} at priority {@code priority}.
 *
 * @param ipProtocol IP protocol number (6 TCP, 17 UDP, 50 ESP, ...), or 0 for any
 * @param portFrom   first destination port, or 0 for any (TCP, UDP and SCTP only)
 * @param portTo     last destination port (equal to {@code portFrom} for one port)
 * @param table      routing table id; {@link #MAIN} for the main table
 */
public record RoutingRule(int priority, IpPrefix to, int ipProtocol, int portFrom, int portTo, int table) {
    /** The kernel's main routing table (RT_TABLE_MAIN). */
    public static final int MAIN = 254;

    public RoutingRule {
        if (to == null || priority < 0 || table < 1 || ipProtocol < 0 || ipProtocol > 255) {
            throw new IllegalArgumentException("bad rule: pref " + priority + " to " + to + " ipproto " + ipProtocol
                    + " table " + table);
        }
        if (portFrom < 0 || portTo < portFrom || portTo > 65535 || portFrom > 0 && ipProtocol == 0) {
            throw new IllegalArgumentException("bad port range " + portFrom + "-" + portTo + " (needs a protocol)");
        }
    }

    /** All traffic to {@code to}. */
    public static RoutingRule to(final int priority, final IpPrefix to, final int table) {
        return new RoutingRule(priority, to, 0, 0, 0, table);
    }
}
