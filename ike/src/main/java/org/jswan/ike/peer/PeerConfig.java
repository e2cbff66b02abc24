package org.jswan.ike.peer;

import java.time.Duration;
import java.util.List;
import org.jswan.ike.proposal.ProposalSpec;

/**
 * One IKE connection as the daemon uses it: swanctl.conf's {@code connections.<name>} with proposals parsed,
 * identities and credentials resolved, and strongSwan's defaults applied.
 *
 * @param remoteAddrs   peer addresses or names to initiate to; {@code %any} (empty list) accepts any as responder
 * @param forceEncap    {@code encap = yes}: UDP-encapsulate ESP even without a NAT (RFC 3948)
 * @param dpdDelay      idle time after which a liveness check is sent (zero: none)
 * @param pools         virtual IP pools to assign from when a peer asks in a CFG_REQUEST ({@code pools})
 */
public record PeerConfig(String name, List<String> localAddrs, List<String> remoteAddrs, int localPort,
                         int remotePort, List<ProposalSpec> proposals, AuthSpec local, AuthSpec remote,
                         Duration rekeyTime, Duration reauthTime, Duration overTime, Duration randTime,
                         Duration dpdDelay, boolean forceEncap, boolean sendCertreq, boolean sendCertAlways,
                         int keyingTries, List<ChildPeerConfig> children, List<VirtualIpPool> pools) {

    public PeerConfig {
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
        proposals = List.copyOf(proposals);
        children = List.copyOf(children);
        pools = List.copyOf(pools);
    }

    /** A connection without virtual IP pools. */
    public PeerConfig(final String name, final List<String> localAddrs, final List<String> remoteAddrs,
                      final int localPort, final int remotePort, final List<ProposalSpec> proposals,
                      final AuthSpec local, final AuthSpec remote, final Duration rekeyTime,
                      final Duration reauthTime, final Duration overTime, final Duration randTime,
                      final Duration dpdDelay, final boolean forceEncap, final boolean sendCertreq,
                      final boolean sendCertAlways, final int keyingTries, final List<ChildPeerConfig> children) {
        this(name, localAddrs, remoteAddrs, localPort, remotePort, proposals, local, remote, rekeyTime, reauthTime,
                overTime, randTime, dpdDelay, forceEncap, sendCertreq, sendCertAlways, keyingTries, children,
                List.of());
    }

    public ChildPeerConfig child(final String childName) {
        for (ChildPeerConfig c : children) {
            if (c.name().equals(childName)) {
                return c;
            }
        }
        return null;
    }
}
