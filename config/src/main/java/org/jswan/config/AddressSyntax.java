package org.jswan.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Syntax of the address-like values of swanctl.conf: IKE addresses ({@code local_addrs}, {@code remote_addrs}),
 * traffic selectors ({@code local_ts}, {@code remote_ts}), virtual IPs and pool ranges. Never resolves names (no DNS
 * lookups): IPv6 literals are checked for their character set before {@link InetAddress} parses them. Each check
 * returns null when the value is fine, or a message saying what is wrong.
 */
public final class AddressSyntax {

    private AddressSyntax() {
    }

    /** The address bytes of an IPv4 or IPv6 literal, or null if {@code s} is not one. */
    public static byte[] parseLiteral(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                String p = parts[i];
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int v = Integer.parseInt(p);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
        }
        try {
            byte[] b = InetAddress.getByName(s).getAddress();
            return b.length == 16 ? b : null;
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    /** Checks {@code addr/prefix}. */
    public static String checkSubnet(String s) {
        int slash = s.indexOf('/');
        byte[] addr = parseLiteral(slash < 0 ? s : s.substring(0, slash));
        if (addr == null) {
            return "invalid address '" + s + "'";
        }
        if (slash >= 0) {
            String prefix = s.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(prefix) > addr.length * 8) {
                return "invalid prefix length in '" + s + "'";
            }
        }
        return null;
    }

    /** Checks {@code from-to} with both ends of the same family and from &lt;= to. */
    public static String checkRange(String s) {
        int dash = s.indexOf('-');
        byte[] from = parseLiteral(s.substring(0, dash).strip());
        byte[] to = parseLiteral(s.substring(dash + 1).strip());
        if (from == null || to == null) {
            return "invalid address range '" + s + "'";
        }
        if (from.length != to.length) {
            return "address range '" + s + "' mixes IPv4 and IPv6";
        }
        if (java.util.Arrays.compareUnsigned(from, to) > 0) {
            return "address range '" + s + "' ends before it starts";
        }
        return null;
    }

    /** A subnet, range or single address. */
    public static String checkSubnetOrRange(String s) {
        return s.indexOf('-') > 0 ? checkRange(s) : checkSubnet(s);
    }

    /** An IKE address: {@code %any}, {@code %any4}, {@code %any6}, address, subnet, range or DNS name. */
    public static String checkIkeAddress(String s) {
        if (s.equals("%any") || s.equals("%any4") || s.equals("%any6")) {
            return null;
        }
        if (s.indexOf('-') > 0 && parseLiteral(s.substring(0, s.indexOf('-'))) != null) {
            return checkRange(s);
        }
        if (s.indexOf('/') >= 0 || s.indexOf(':') >= 0) {
            return checkSubnet(s);
        }
        if (parseLiteral(s) != null) {
            return null;
        }
        return isHostName(s) ? null : "invalid address or host name '" + s + "'";
    }

    /** A traffic selector: {@code dynamic} or subnet/range/address, with an optional {@code [proto/port]}. */
    public static String checkTrafficSelector(String s) {
        String net = s;
        int bracket = s.indexOf('[');
        if (bracket >= 0) {
            if (!s.endsWith("]")) {
                return "missing ']' in traffic selector '" + s + "'";
            }
            net = s.substring(0, bracket);
            String protoPort = s.substring(bracket + 1, s.length() - 1);
            String problem = checkProtoPort(protoPort, s);
            if (problem != null) {
                return problem;
            }
        }
        if (net.equals("dynamic")) {
            return null;
        }
        if (net.isEmpty()) {
            return "missing subnet in traffic selector '" + s + "'";
        }
        return checkSubnetOrRange(net);
    }

    private static String checkProtoPort(String protoPort, String whole) {
        int slash = protoPort.indexOf('/');
        String proto = slash < 0 ? protoPort : protoPort.substring(0, slash);
        if (!proto.isEmpty() && !proto.matches("[0-9]{1,3}|[a-zA-Z][a-zA-Z0-9-]{0,31}")) {
            return "invalid protocol in traffic selector '" + whole + "'";
        }
        if (proto.matches("[0-9]{1,3}") && Integer.parseInt(proto) > 255) {
            return "invalid protocol number in traffic selector '" + whole + "'";
        }
        if (slash >= 0) {
            String port = protoPort.substring(slash + 1);
            if (port.equals("opaque") || port.matches("[a-zA-Z][a-zA-Z0-9-]{0,31}")) {
                return null;
            }
            String[] ends = port.split("-", -1);
            if (ends.length > 2) {
                return "invalid port in traffic selector '" + whole + "'";
            }
            for (String e : ends) {
                if (!e.matches("[0-9]{1,5}") || Integer.parseInt(e) > 65535) {
                    return "invalid port in traffic selector '" + whole + "'";
                }
            }
        }
        return null;
    }

    /** A virtual IP request: any address literal ({@code 0.0.0.0} and {@code ::} ask for any address). */
    public static String checkVirtualIp(String s) {
        return parseLiteral(s) == null ? "invalid virtual IP '" + s + "'" : null;
    }

    /** RFC 1123 host name syntax; an all-numeric dotted name is not a host name. */
    public static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        String[] labels = s.split("\\.", -1);
        boolean allNumeric = true;
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || !label.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?")) {
                return false;
            }
            if (!label.chars().allMatch(Character::isDigit)) {
                allNumeric = false;
            }
        }
        return !allNumeric && !s.toLowerCase(Locale.ROOT).equals("dynamic");
    }
}
