package org.jswan.ike.proposal;

import org.jswan.ike.crypto.NegotiatedTransforms;

/** Outcome of {@link ProposalSelector#select}: a chosen proposal or the error notify to send. */
public sealed interface Selection permits Selection.Selected, Selection.NoProposalChosen, Selection.InvalidKePayload {

    /**
     * A match. {@code proposal} carries the peer's proposal number and SPI and exactly one transform of each type
     * present (what the responder returns, after substituting its own SPI, RFC 7296 §3.3.1).
     */
    record Selected(Proposal proposal, NegotiatedTransforms transforms) implements Selection {
    }

    /** Nothing acceptable: answer NO_PROPOSAL_CHOSEN (RFC 7296 §3.10.1, type 14). */
    record NoProposalChosen(String reason) implements Selection {
    }

    /**
     * A proposal matches, but with a different KE method than the peer's KE payload used: answer
     * INVALID_KE_PAYLOAD carrying {@code group} (RFC 7296 §1.2, §3.10.1 type 17).
     */
    record InvalidKePayload(int group, Proposal proposal) implements Selection {
    }
}
