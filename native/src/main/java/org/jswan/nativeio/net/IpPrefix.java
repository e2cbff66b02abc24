package org.jswan.nativeio.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address with a prefix length, e.g. {@code 198.18.7.1/30} or {@code 2001:2::1/64}. The address part
 * is kept as given (host bits allowed), as {@code ip addr add} wants it.
 */
public record IpPrefix(InetAddress address, int prefixLength) {
    public IpPrefix {
        if (address == null) {
            throw new IllegalArgumentException("address is null");
        }
        int max = maxLength(address);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0.." + max);
        }
    }

    /** Parses {@code addr/len} or a bare address (full length). Only numeric addresses; no DNS lookup is done. */
    public static IpPrefix parse(final String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        if (!isLiteral(addr)) {
            throw new IllegalArgumentException("not a numeric IP address: '" + text + "'");
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(addr); // numeric only (checked above), so no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'", e);
        }
        if (slash < 0) {
            return new IpPrefix(a, maxLength(a));
        }
        try {
            return new IpPrefix(a, Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'", e);
        }
    }

    /** Dotted quad or IPv6 text, so that {@link InetAddress#getByName} never turns to DNS. */
    private static boolean isLiteral(final String addr) {
        if (addr.indexOf(':') >= 0) {
            return addr.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        }
        String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    private static int maxLength(final InetAddress a) {
        return a instanceof Inet4Address ? 32 : 128;
    }

    /** {@code addr/len} in the form {@code ip} accepts. */
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
