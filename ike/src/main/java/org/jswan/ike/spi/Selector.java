package org.jswan.ike.spi;

import java.math.BigInteger;
import java.net.InetAddress;

/**
 * One traffic selector as the data plane needs it: an address range, an IP protocol (0 = any) and a port range
 * (0..65535 = any), RFC 7296 §3.13.1.
 */
public record Selector(InetAddress startAddress, InetAddress endAddress, int ipProtocol, int startPort,
                       int endPort) {
    /**
     * strongSwan's notation: a subnet as {@code 10.1.0.0/24} (a single address as {@code /32} or {@code /128}),
     * any other range as {@code 10.3.0.1..10.3.0.9}, IPv6 compressed (RFC 5952), then {@code [tcp/443]} if the
     * selector is narrower than all protocols and ports.
     */
    @Override
    public String toString() {
        return addresses() + protocolAndPorts();
    }

    private String addresses() {
        BigInteger start = new BigInteger(1, startAddress.getAddress());
        BigInteger size = new BigInteger(1, endAddress.getAddress()).subtract(start).add(BigInteger.ONE);
        int bits = startAddress.getAddress().length * 8;
        if (size.signum() > 0 && size.bitCount() == 1) {
            int hostBits = size.bitLength() - 1;
            if (start.signum() == 0 || start.getLowestSetBit() >= hostBits) {
                return text(startAddress) + "/" + (bits - hostBits);
            }
        }
        return text(startAddress) + ".." + text(endAddress);
    }

    private String protocolAndPorts() {
        if (ipProtocol == 0 && startPort == 0 && endPort == 65535) {
            return "";
        }
        String proto = switch (ipProtocol) {
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 58 -> "ipv6-icmp";
            default -> Integer.toString(ipProtocol);
        };
        if (startPort == 0 && endPort == 65535) {
            return "[" + proto + "]";
        }
        return "[" + proto + "/" + (startPort == endPort ? startPort : startPort + "-" + endPort) + "]";
    }

    static String text(final InetAddress a) {
        return AddressText.format(a.getAddress());
    }
}
