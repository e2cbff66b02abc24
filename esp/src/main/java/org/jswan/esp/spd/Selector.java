package org.jswan.esp.spd;

import java.util.List;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.esp.packet.InnerPacket;

/**
 * A {@link TrafficSelector} compiled for matching packet fields with a few long comparisons and no allocation.
 */
public final class Selector {
    private final boolean ipv6;
    private final long hi;
    private final long lo;
    private final long maskHi;
    private final long maskLo;
    private final int prefixLength;
    private final int protocol;
    private final int startPort;
    private final int endPort;

    public Selector(final TrafficSelector ts) {
        byte[] a = ts.address().getAddress();
        this.ipv6 = a.length == 16;
        this.prefixLength = ts.prefixLength();
        int bits = ipv6 ? prefixLength : prefixLength + 96;
        this.maskHi = mask(bits);
        this.maskLo = mask(bits - 64);
        long h = 0;
        long l = 0;
        if (ipv6) {
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (a[i] & 0xFF);
                l = (l << 8) | (a[i + 8] & 0xFF);
            }
        } else {
            for (int i = 0; i < 4; i++) {
                l = (l << 8) | (a[i] & 0xFF);
            }
        }
        this.hi = h & maskHi;
        this.lo = l & maskLo;
        this.protocol = ts.protocol();
        this.startPort = ts.startPort();
        this.endPort = ts.endPort();
    }

    private static long mask(final int bits) {
        if (bits <= 0) {
            return 0;
        }
        return bits >= 64 ? -1L : -1L << (64 - bits);
    }

    public boolean matchesSource(final InnerPacket p) {
        return matches(p, p.srcHi, p.srcLo, p.srcPort);
    }

    public boolean matchesDestination(final InnerPacket p) {
        return matches(p, p.dstHi, p.dstLo, p.dstPort);
    }

    private boolean matches(final InnerPacket p, final long aHi, final long aLo, final int port) {
        if ((p.version == 6) != ipv6 || (aHi & maskHi) != hi || (aLo & maskLo) != lo) {
            return false;
        }
        if (protocol != 0 && protocol != p.protocol) {
            return false;
        }
        if (startPort == 0 && endPort == 65535) {
            return true;
        }
        // RFC 4301 §4.4.1.1: a packet without ports (e.g. a non-first fragment) matches only the full range.
        return port >= startPort && port <= endPort;
    }

    /** Specificity for ordering: longer prefix, then a protocol, then a narrower port range. */
    long specificity() {
        return ((long) prefixLength << 20) | ((protocol != 0 ? 1L : 0L) << 17) | (65536 - (endPort - startPort));
    }

    /** True if any selector in {@code list} matches the given side of the packet. */
    public static boolean anySource(final Selector[] list, final InnerPacket p) {
        for (Selector s : list) {
            if (s.matchesSource(p)) {
                return true;
            }
        }
        return false;
    }

    public static boolean anyDestination(final Selector[] list, final InnerPacket p) {
        for (Selector s : list) {
            if (s.matchesDestination(p)) {
                return true;
            }
        }
        return false;
    }

    public static Selector[] compile(final List<TrafficSelector> list) {
        Selector[] out = new Selector[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Selector(list.get(i));
        }
        return out;
    }
}
