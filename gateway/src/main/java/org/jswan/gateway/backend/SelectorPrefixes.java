package org.jswan.gateway.backend;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.ike.spi.Selector;

/**
 * IKE selectors are address ranges (RFC 7296 §3.13.1); the data plane and the routing table work with prefixes.
 * Splits a range into the fewest prefixes that cover it exactly.
 */
final class SelectorPrefixes {
    private SelectorPrefixes() {
    }

    static List<TrafficSelector> of(final Selector s) {
        byte[] start = s.startAddress().getAddress();
        int bits = start.length * 8;
        BigInteger lo = new BigInteger(1, start);
        BigInteger hi = new BigInteger(1, s.endAddress().getAddress());
        List<TrafficSelector> out = new ArrayList<>();
        while (lo.compareTo(hi) <= 0) {
            int size = lo.signum() == 0 ? bits : Math.min(bits, lo.getLowestSetBit());
            while (size > 0 && lo.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(hi) > 0) {
                size--;
            }
            out.add(new TrafficSelector(address(lo, start.length), bits - size, s.ipProtocol(), s.startPort(),
                    s.endPort()));
            lo = lo.add(BigInteger.ONE.shiftLeft(size));
            if (out.size() > 256) {
                throw new IllegalArgumentException("selector " + s + " needs more than 256 prefixes");
            }
        }
        return out;
    }

    private static InetAddress address(final BigInteger value, final int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
