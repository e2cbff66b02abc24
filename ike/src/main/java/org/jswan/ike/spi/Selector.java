package org.jswan.ike.spi;

import java.math.BigInteger;
import java.net.Inet4Address;
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

    /** IPv4 as usual; IPv6 in RFC 5952 form (lower case, the longest run of zero groups as {@code ::}). */
    static String text(final InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
