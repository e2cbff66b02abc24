package org.jswan.esp.api;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An address prefix with an optional protocol and port range (RFC 4301 §4.4.1.1 selectors). {@code protocol} 0 means
 * any; ports apply only to TCP, UDP and SCTP and default to the full range.
 */
public record TrafficSelector(InetAddress address, int prefixLength, int protocol, int startPort, int endPort) {

    public TrafficSelector {
        Objects.requireNonNull(address, "address");
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0.." + max);
        }
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol " + protocol);
        }
        if (startPort < 0 || endPort > 65535 || startPort > endPort) {
            throw new IllegalArgumentException("port range " + startPort + "-" + endPort);
        }
    }

    /** Any protocol and port within {@code address/prefixLength}. */
    public static TrafficSelector of(final InetAddress address, final int prefixLength) {
        return new TrafficSelector(address, prefixLength, 0, 0, 65535);
    }

    public boolean ipv6() {
        return address.getAddress().length == 16;
    }

    /** True if {@code a} lies inside {@code address/prefixLength} (ports and protocol aside). */
    public boolean covers(final InetAddress a) {
        byte[] p = address.getAddress();
        byte[] b = a.getAddress();
        if (p.length != b.length) {
            return false;
        }
        int bits = prefixLength;
        for (int i = 0; i < p.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((p[i] & mask) != (b[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
