package org.jswan.ike.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A locally configured proposal (swanctl {@code proposals}/{@code esp_proposals} entry) after keyword parsing:
 * the protocol and the transforms of each type in preference order. No number, no SPI: those are set when it is
 * offered ({@link #toProposal}).
 */
public record ProposalSpec(ProtocolKind protocol, List<TransformSpec> transforms) {

    public ProposalSpec {
        Objects.requireNonNull(protocol, "protocol");
        transforms = List.copyOf(transforms);
    }

    public List<TransformSpec> transformsOf(final int type) {
        final List<TransformSpec> out = new ArrayList<>();
        for (final TransformSpec t : transforms) {
            if (t.type() == type) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * This proposal without KE methods: the CHILD_SA created inside IKE_AUTH takes its keys from the IKE SA, so
     * both sides negotiate it without a KE transform (strongSwan strips them the same way).
     */
    public ProposalSpec withoutKeyExchange() {
        final List<TransformSpec> out = new ArrayList<>();
        for (final TransformSpec t : transforms) {
            if (t.type() != org.jswan.ike.crypto.TransformType.KE) {
                out.add(t);
            }
        }
        return new ProposalSpec(protocol, out);
    }

    /** This proposal as offered on the wire, with its number and our SPI. */
    public Proposal toProposal(final int number, final byte[] spi) {
        return new Proposal(number, protocol, spi, transforms);
    }

    /** strongSwan's log form, e.g. {@code IKE:AES_GCM_16_128/PRF_HMAC_SHA2_256/CURVE_25519}. */
    @Override
    public String toString() {
        return describe(protocol, transforms);
    }

    static String describe(final ProtocolKind protocol, final List<TransformSpec> transforms) {
        final StringJoiner j = new StringJoiner("/", protocol.name() + ":", "");
        for (final TransformSpec t : transforms) {
            j.add(t.toString());
        }
        return j.toString();
    }
}
