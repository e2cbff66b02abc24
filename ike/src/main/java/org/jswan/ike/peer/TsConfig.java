package org.jswan.ike.peer;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import org.jswan.ike.spi.Selector;

/**
 * One configured traffic selector as swanctl.conf writes it (local_ts, remote_ts): {@code dynamic}, a subnet
 * {@code 10.1.0.0/16}, a range {@code 10.1.0.1-10.1.0.9} or an address, optionally followed by
 * {@code [protocol/port]} ({@code [tcp/80]}, {@code [udp]}, {@code [/53]}, {@code [icmp/8]}, {@code [6/1000-2000]}).
 * {@code dynamic} stands for the IKE address (or virtual IP) of that side, resolved when an SA is set up.
 */
public record TsConfig(boolean dynamic, InetAddress start, InetAddress end, int ipProtocol, int startPort,
                       int endPort) {

    public static TsConfig parse(final String text) {
        String s = text.trim();
        int proto = 0;
        int fromPort = 0;
        int toPort = 65535;
        int bracket = s.indexOf('[');
        if (bracket >= 0) {
            if (!s.endsWith("]")) {
                throw new IllegalArgumentException("traffic selector '" + text + "': missing ']'");
            }
            String pp = s.substring(bracket + 1, s.length() - 1);
            s = s.substring(0, bracket).trim();
            int slash = pp.indexOf('/');
            String protoPart = slash >= 0 ? pp.substring(0, slash) : pp;
            proto = protocolNumber(protoPart, text);
            if (slash >= 0) {
                String portPart = pp.substring(slash + 1);
                if (portPart.equals("%any") || portPart.isEmpty()) {
                    fromPort = 0;
                    toPort = 65535;
                } else if (portPart.contains("-")) {
                    String[] r = portPart.split("-", 2);
                    fromPort = port(r[0], text);
                    toPort = port(r[1], text);
                } else {
                    fromPort = port(portPart, text);
                    toPort = fromPort;
                }
            }
        }
        if (s.equals("dynamic") || s.isEmpty()) {
            return new TsConfig(true, null, null, proto, fromPort, toPort);
        }
        try {
            if (s.contains("/")) {
                String[] parts = s.split("/", 2);
                InetAddress base = InetAddress.getByName(parts[0]);
                int bits = Integer.parseInt(parts[1]);
                int total = base.getAddress().length * 8;
                if (bits < 0 || bits > total) {
                    throw new IllegalArgumentException("traffic selector '" + text + "': prefix /" + bits
                            + " is longer than the address");
                }
                byte[] lo = base.getAddress();
                byte[] hi = base.getAddress();
                for (int i = bits; i < total; i++) {
                    lo[i / 8] &= (byte) ~(0x80 >>> (i % 8));
                    hi[i / 8] |= (byte) (0x80 >>> (i % 8));
                }
                return new TsConfig(false, InetAddress.getByAddress(lo), InetAddress.getByAddress(hi), proto,
                        fromPort, toPort);
            }
            if (s.contains("-")) {
                String[] parts = s.split("-", 2);
                InetAddress a = InetAddress.getByName(parts[0].trim());
                InetAddress b = InetAddress.getByName(parts[1].trim());
                if (a.getAddress().length != b.getAddress().length) {
                    throw new IllegalArgumentException("traffic selector '" + text + "' mixes IPv4 and IPv6");
                }
                return new TsConfig(false, a, b, proto, fromPort, toPort);
            }
            InetAddress a = InetAddress.getByName(s);
            return new TsConfig(false, a, a, proto, fromPort, toPort);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("traffic selector '" + text + "' is not an address, subnet or range");
        }
    }

    /** This selector with {@code dynamic} replaced by {@code host}. */
    public Selector resolve(final InetAddress host) {
        if (dynamic) {
            return new Selector(host, host, ipProtocol, startPort, endPort);
        }
        return new Selector(start, end, ipProtocol, startPort, endPort);
    }

    /** The intersection of two selectors, or null if they do not overlap (RFC 7296 §2.9 narrowing). */
    public static Selector intersect(final Selector a, final Selector b) {
        if (a.startAddress().getAddress().length != b.startAddress().getAddress().length) {
            return null;
        }
        int proto;
        if (a.ipProtocol() == 0) {
            proto = b.ipProtocol();
        } else if (b.ipProtocol() == 0 || b.ipProtocol() == a.ipProtocol()) {
            proto = a.ipProtocol();
        } else {
            return null;
        }
        int fromPort = Math.max(a.startPort(), b.startPort());
        int toPort = Math.min(a.endPort(), b.endPort());
        if (fromPort > toPort) {
            return null;
        }
        InetAddress lo = max(a.startAddress(), b.startAddress());
        InetAddress hi = min(a.endAddress(), b.endAddress());
        if (compare(lo, hi) > 0) {
            return null;
        }
        return new Selector(lo, hi, proto, fromPort, toPort);
    }

    /** True if {@code inner} lies entirely within {@code outer}. */
    public static boolean contains(final Selector outer, final Selector inner) {
        Selector i = intersect(outer, inner);
        return i != null && i.equals(inner);
    }

    static int compare(final InetAddress a, final InetAddress b) {
        return new BigInteger(1, a.getAddress()).compareTo(new BigInteger(1, b.getAddress()));
    }

    private static InetAddress max(final InetAddress a, final InetAddress b) {
        return compare(a, b) >= 0 ? a : b;
    }

    private static InetAddress min(final InetAddress a, final InetAddress b) {
        return compare(a, b) <= 0 ? a : b;
    }

    private static int protocolNumber(final String p, final String text) {
        switch (p.toLowerCase(Locale.ROOT)) {
            case "": case "%any": return 0;
            case "icmp": return 1;
            case "tcp": return 6;
            case "udp": return 17;
            case "ipv6-icmp": case "icmp6": case "icmpv6": return 58;
            case "sctp": return 132;
            case "gre": return 47;
            default:
                try {
                    int n = Integer.parseInt(p);
                    if (n < 0 || n > 255) {
                        throw new NumberFormatException();
                    }
                    return n;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("traffic selector '" + text + "': unknown protocol '" + p
                            + "' (use tcp, udp, icmp, icmp6, sctp, gre or a number)");
                }
        }
    }

    private static int port(final String p, final String text) {
        try {
            int n = Integer.parseInt(p.trim());
            if (n < 0 || n > 65535) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("traffic selector '" + text + "': bad port '" + p + "'");
        }
    }

    @Override
    public String toString() {
        return dynamic ? "dynamic" : resolve(null).toString();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TsConfig t && t.dynamic == dynamic && java.util.Objects.equals(t.start, start)
                && java.util.Objects.equals(t.end, end) && t.ipProtocol == ipProtocol && t.startPort == startPort
                && t.endPort == endPort;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {dynamic, start, end, ipProtocol, startPort, endPort});
    }
}
