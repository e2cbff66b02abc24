package org.jswan.esp.api;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where an SA's ESP packets go and come from. With {@code udpEncap} the ports are the RFC 3948 UDP ports (4500 by
 * default) and the transport sends ESP-in-UDP (checksum 0); without it, plain ESP (IP protocol 50) and the ports are
 * ignored. Immutable, so the data path hands the same instance to {@link EspTransport} with no allocation.
 */
public record EspEndpoint(InetSocketAddress local, InetSocketAddress remote, boolean udpEncap) {
    public static final int NAT_T_PORT = 4500;

    public EspEndpoint {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        if (local.getAddress() == null || remote.getAddress() == null) {
            throw new IllegalArgumentException("endpoint addresses must be resolved");
        }
        if (local.getAddress().getClass() != remote.getAddress().getClass()) {
            throw new IllegalArgumentException("local and remote address families differ");
        }
    }

    /** Allocation-free (the data path asks per packet): the address's class, not a copy of its bytes. */
    public boolean ipv6() {
        return remote.getAddress() instanceof Inet6Address;
    }
}
