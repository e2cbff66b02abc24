/**
 * Proposals: strongSwan-compatible proposal strings ({@link org.jswan.ike.proposal.ProposalParser}), the default
 * proposals, a codec-neutral model ({@link org.jswan.ike.proposal.Proposal}, {@link
 * org.jswan.ike.proposal.TransformSpec}) and negotiation ({@link org.jswan.ike.proposal.ProposalSelector}).
 * Depends only on {@code org.jswan.ike.crypto}; the message codec and IKE tasks map their records to these.
 */
package org.jswan.ike.proposal;
