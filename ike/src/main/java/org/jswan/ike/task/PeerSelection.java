package org.jswan.ike.task;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.peer.PeerConfig;

/** Which connections a responder may use for a peer at an address (swanctl.conf local_addrs / remote_addrs). */
final class PeerSelection {
    private PeerSelection() {
    }

    static List<PeerConfig> byAddress(final List<PeerConfig> configs, final InetSocketAddress local,
                                      final InetSocketAddress remote) {
        List<PeerConfig> out = new ArrayList<>();
        for (PeerConfig c : configs) {
            if (matches(c.localAddrs(), local.getAddress()) && matches(c.remoteAddrs(), remote.getAddress())) {
                out.add(c);
            }
        }
        return out;
    }

    /** An empty list and {@code %any} accept everything; entries may be addresses, subnets or ranges. */
    static boolean matches(final List<String> addrs, final InetAddress address) {
        if (addrs.isEmpty()) {
            return true;
        }
        for (String a : addrs) {
            String s = a.trim();
            if (s.equals("%any") || s.equals("%any4") && address.getAddress().length == 4
                    || s.equals("%any6") && address.getAddress().length == 16) {
                return true;
            }
            try {
                var ts = org.jswan.ike.peer.TsConfig.parse(s);
                if (!ts.dynamic() && org.jswan.ike.peer.TsConfig.contains(ts.resolve(null),
                        new org.jswan.ike.spi.Selector(address, address, 0, 0, 65535))) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                try {
                    for (InetAddress resolved : InetAddress.getAllByName(s)) {
                        if (resolved.equals(address)) {
                            return true;
                        }
                    }
                } catch (UnknownHostException ignored) {
                    // a name that does not resolve matches nothing
                }
            }
        }
        return false;
    }
}
