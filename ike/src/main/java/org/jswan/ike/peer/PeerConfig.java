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
 */
public record PeerConfig(String name, List<String> localAddrs, List<String> remoteAddrs, int localPort,
                         int remotePort, List<ProposalSpec> proposals, AuthSpec local, AuthSpec remote,
                         Duration rekeyTime, Duration reauthTime, Duration overTime, Duration randTime,
                         Duration dpdDelay, boolean forceEncap, boolean sendCertreq, boolean sendCertAlways,
                         int keyingTries, List<ChildPeerConfig> children) {

    public PeerConfig {
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
        proposals = List.copyOf(proposals);
        children = List.copyOf(children);
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
