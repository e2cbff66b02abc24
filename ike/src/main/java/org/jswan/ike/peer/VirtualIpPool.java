package org.jswan.ike.peer;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A pool of virtual IPs ({@code pools.<name>}) handed to road warriors in a CFG_REPLY (RFC 7296 §3.15): the
 * addresses {@code first..last} of one family, and the DNS servers sent along.
 */
public record VirtualIpPool(String name, InetAddress first, InetAddress last, List<InetAddress> dns) {

    public VirtualIpPool {
        dns = List.copyOf(dns);
        if (first.getAddress().length != last.getAddress().length || number(first).compareTo(number(last)) > 0) {
            throw new IllegalArgumentException("pool " + name + ": " + first.getHostAddress() + " - "
                    + last.getHostAddress() + " is not a range");
        }
    }

    /**
     * A pool from swanctl.conf's {@code addrs}: a subnet (strongSwan hands out its addresses without the network
     * address, and for IPv4 without the broadcast address) or a {@code from-to} range, both ends included.
     */
    public static VirtualIpPool parse(final String name, final String addrs, final List<String> dns)
            throws UnknownHostException {
        InetAddress first;
        InetAddress last;
        int dash = addrs.indexOf('-');
        if (dash > 0) {
            first = InetAddress.getByName(addrs.substring(0, dash).strip());
            last = InetAddress.getByName(addrs.substring(dash + 1).strip());
        } else {
            int slash = addrs.indexOf('/');
            InetAddress net = InetAddress.getByName(slash < 0 ? addrs : addrs.substring(0, slash));
            int bits = net.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(addrs.substring(slash + 1).strip());
            BigInteger base = number(net).shiftRight(bits - prefix).shiftLeft(bits - prefix);
            BigInteger top = base.add(BigInteger.ONE.shiftLeft(bits - prefix)).subtract(BigInteger.ONE);
            boolean v4 = bits == 32;
            if (prefix < bits - 1) {
                base = base.add(BigInteger.ONE);
                top = v4 ? top.subtract(BigInteger.ONE) : top;
            }
            first = address(base, bits / 8);
            last = address(top, bits / 8);
        }
        List<InetAddress> servers = new java.util.ArrayList<>();
        for (String d : dns) {
            servers.add(InetAddress.getByName(d.strip()));
        }
        return new VirtualIpPool(name, first, last, servers);
    }

    public boolean ipv6() {
        return first.getAddress().length == 16;
    }

    /** Number of addresses in the pool. */
    public BigInteger size() {
        return number(last).subtract(number(first)).add(BigInteger.ONE);
    }

    /** The address {@code offset} places after {@link #first()}. */
    public InetAddress at(final long offset) {
        return address(number(first).add(BigInteger.valueOf(offset)), first.getAddress().length);
    }

    /** The offset of {@code a} in the pool, or -1 if it is not in it. */
    public long offsetOf(final InetAddress a) {
        if (a.getAddress().length != first.getAddress().length) {
            return -1;
        }
        BigInteger n = number(a);
        if (n.compareTo(number(first)) < 0 || n.compareTo(number(last)) > 0) {
            return -1;
        }
        return n.subtract(number(first)).longValueExact();
    }

    private static BigInteger number(final InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static InetAddress address(final BigInteger n, final int length) {
        byte[] raw = n.toByteArray();
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
