package org.jswan.gateway.statickey;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

import org.jswan.esp.api.Mode;
import org.jswan.esp.api.TrafficSelector;

/**
 * One static-key tunnel as {@link StaticConfigParser} reads it: outer addresses, encapsulation, mode, selectors, the
 * TUN device and the outbound and inbound SA.
 *
 * @param udpEncap    RFC 3948 ESP-in-UDP between {@code localPort} and {@code remotePort}; else plain ESP (protocol 50)
 * @param routeSource source address for the routes into the TUN device, or null to pick one inside {@code localTs}
 */
public record StaticTunnelConfig(InetAddress local, InetAddress remote, boolean udpEncap, int localPort,
        int remotePort, Mode mode, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs, String tun, int mtu,
        InetAddress routeSource, StaticSa out, StaticSa in) {

    public StaticTunnelConfig {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tun, "tun");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(in, "in");
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        if (local.getClass() != remote.getClass()) {
            throw new IllegalArgumentException("local and remote are of different address families");
        }
        if (localTs.isEmpty() || remoteTs.isEmpty()) {
            throw new IllegalArgumentException("local_ts and remote_ts need at least one subnet each");
        }
        if (localPort < 1 || localPort > 65535 || remotePort < 1 || remotePort > 65535) {
            throw new IllegalArgumentException("UDP ports must be within 1..65535");
        }
        if (out.spi() == in.spi()) {
            throw new IllegalArgumentException("out.spi and in.spi must differ");
        }
    }
}
