package org.jswan.ike.peer;

import java.time.Duration;
import java.util.List;
import org.jswan.ike.proposal.ProposalSpec;

/**
 * One CHILD_SA configuration: swanctl.conf's {@code children.<name>} with proposals and traffic selectors parsed.
 * Byte and packet limits of zero mean none.
 */
public record ChildPeerConfig(String name, List<TsConfig> localTs, List<TsConfig> remoteTs,
                              List<ProposalSpec> espProposals, boolean transportMode, StartAction startAction,
                              CloseAction closeAction, CloseAction dpdAction, Duration rekeyTime, Duration lifeTime,
                              Duration randTime, long rekeyBytes, long lifeBytes, long rekeyPackets,
                              long lifePackets, int replayWindow) {

    public enum StartAction { NONE, TRAP, START }

    public enum CloseAction { NONE, TRAP, START }

    public ChildPeerConfig {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        espProposals = List.copyOf(espProposals);
    }
}
