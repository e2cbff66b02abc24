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
 * @param esn         64-bit extended sequence numbers on both SAs (RFC 4304)
 * @param replayWindow inbound anti-replay window in packets, 0 for none (ESN needs one to infer the high bits)
 */
public record StaticTunnelConfig(InetAddress local, InetAddress remote, boolean udpEncap, int localPort,
        int remotePort, Mode mode, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs, String tun, int mtu,
        InetAddress routeSource, StaticSa out, StaticSa in, boolean esn, int replayWindow) {

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
        if (replayWindow < 0 || replayWindow > 65536) {
            throw new IllegalArgumentException("replay_window must be within 0..65536");
        }
        // RFC 4303 §2.2.1: the receiver infers the high 32 bits from its window.
        if (esn && replayWindow == 0) {
            throw new IllegalArgumentException("esn = yes needs a replay window (replay_window > 0)");
        }
        if (!esn && (out.initialSeq() > 0xFFFF_FFFFL || in.initialSeq() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("sequence numbers above 2^32 - 1 need esn = yes");
        }
        if (out.spi() == in.spi()) {
            throw new IllegalArgumentException("out.spi and in.spi must differ");
        }
    }
}
