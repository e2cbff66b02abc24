package org.jswan.ike.proposal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A proposal as it is offered or accepted on the wire (RFC 7296 §3.3.1), independent of the codec: number,
 * protocol, SPI (empty for the IKE_SA_INIT offer, 8 bytes for an IKE rekey, 4 for ESP/AH) and transforms in
 * preference order.
 */
public record Proposal(int number, ProtocolKind protocol, byte[] spi, List<TransformSpec> transforms) {

    public Proposal {
        Objects.requireNonNull(protocol, "protocol");
        spi = spi == null ? new byte[0] : spi.clone();
        transforms = List.copyOf(transforms);
        if (number < 0 || number > 255) { // one octet on the wire (RFC 7296 §3.3.1)
            throw new IllegalArgumentException("proposal number must be 0..255, got " + number);
        }
    }

    @Override
    public byte[] spi() {
        return spi.clone();
    }

    /** The transforms of one type, in order. */
    public List<TransformSpec> transformsOf(final int type) {
        final List<TransformSpec> out = new ArrayList<>();
        for (final TransformSpec t : transforms) {
            if (t.type() == type) {
                out.add(t);
            }
        }
        return out;
    }

    /** The same proposal with another SPI (the responder substitutes its own, RFC 7296 §3.3.1). */
    public Proposal withSpi(final byte[] newSpi) {
        return new Proposal(number, protocol, newSpi, transforms);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Proposal p && p.number == number && p.protocol == protocol
                && java.util.Arrays.equals(p.spi, spi) && p.transforms.equals(transforms);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, protocol, java.util.Arrays.hashCode(spi), transforms);
    }

    @Override
    public String toString() {
        return "#" + number + " " + ProposalSpec.describe(protocol, transforms)
                + (spi.length > 0 ? " spi=" + HexFormat.of().formatHex(spi) : "");
    }
}
