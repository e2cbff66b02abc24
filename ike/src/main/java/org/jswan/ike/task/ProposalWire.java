package org.jswan.ike.task;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.message.ProtocolId;
import org.jswan.ike.message.Transform;
import org.jswan.ike.message.TransformType;
import org.jswan.ike.proposal.Proposal;
import org.jswan.ike.proposal.ProposalSpec;
import org.jswan.ike.proposal.ProtocolKind;
import org.jswan.ike.proposal.TransformSpec;

/** Maps proposals between the negotiation model ({@code proposal}) and the SA payload records of the codec. */
final class ProposalWire {
    private ProposalWire() {
    }

    static org.jswan.ike.message.Proposal toWire(final Proposal p) {
        List<Transform> transforms = new ArrayList<>();
        for (TransformSpec t : p.transforms()) {
            TransformType type = TransformType.valueOf(t.type());
            transforms.add(t.keyLength() > 0 ? Transform.withKeyLength(type, t.id(), t.keyLength())
                    : Transform.of(type, t.id()));
        }
        ProtocolId protocol = p.protocol() == ProtocolKind.IKE ? ProtocolId.IKE
                : p.protocol() == ProtocolKind.ESP ? ProtocolId.ESP : ProtocolId.AH;
        return new org.jswan.ike.message.Proposal(p.number(), protocol, p.spi(), transforms);
    }

    static Proposal fromWire(final org.jswan.ike.message.Proposal p) {
        List<TransformSpec> transforms = new ArrayList<>();
        for (Transform t : p.transforms()) {
            transforms.add(new TransformSpec(t.type().value(), t.id(), Math.max(0, t.keyLength())));
        }
        ProtocolKind kind = p.protocolId().equals(ProtocolId.IKE) ? ProtocolKind.IKE
                : p.protocolId().equals(ProtocolId.ESP) ? ProtocolKind.ESP : ProtocolKind.AH;
        return new Proposal(p.number(), kind, p.spi(), transforms);
    }

    static List<Proposal> fromWire(final List<org.jswan.ike.message.Proposal> proposals) {
        List<Proposal> out = new ArrayList<>();
        for (org.jswan.ike.message.Proposal p : proposals) {
            out.add(fromWire(p));
        }
        return out;
    }

    /** Our proposals numbered from 1, each carrying {@code spi}. */
    static List<org.jswan.ike.message.Proposal> offer(final List<ProposalSpec> specs, final byte[] spi) {
        List<org.jswan.ike.message.Proposal> out = new ArrayList<>();
        int n = 1;
        for (ProposalSpec s : specs) {
            out.add(toWire(s.toProposal(n++, spi)));
        }
        return out;
    }
}
