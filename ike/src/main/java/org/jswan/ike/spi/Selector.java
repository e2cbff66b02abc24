package org.jswan.ike.spi;

import java.net.InetAddress;

/**
 * One traffic selector as the data plane needs it: an address range, an IP protocol (0 = any) and a port range
 * (0..65535 = any), RFC 7296 §3.13.1.
 */
public record Selector(InetAddress startAddress, InetAddress endAddress, int ipProtocol, int startPort,
                       int endPort) {
    @Override
    public String toString() {
        String addrs = startAddress.equals(endAddress) ? startAddress.getHostAddress()
                : startAddress.getHostAddress() + ".." + endAddress.getHostAddress();
        String proto = ipProtocol == 0 && startPort == 0 && endPort == 65535 ? ""
                : "[" + ipProtocol + "/" + (startPort == endPort ? startPort : startPort + "-" + endPort) + "]";
        return addrs + proto;
    }
}
