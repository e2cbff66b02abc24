package org.jswan.ike.message;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.codec.DecodeException;

/**
 * Proposal substructure (RFC 7296 §3.3.1).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Last Substruc |   RESERVED    |         Proposal Length       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Proposal Num  |  Protocol ID  |    SPI Size   |Num  Transforms|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        SPI (variable)                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        &lt;Transforms&gt;                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param spi empty in an initial IKE_SA_INIT, 8 bytes when rekeying an IKE SA, 4 bytes for ESP/AH
 */
public record Proposal(int number, ProtocolId protocolId, byte[] spi, List<Transform> transforms) {
    /** Bound on transforms per proposal (the count field allows 255). */
    public static final int MAX_TRANSFORMS = 128;

    public Proposal {
        transforms = List.copyOf(transforms);
    }

    /** Decodes from Proposal Num on; {@code body} spans exactly the rest of this proposal. */
    static Proposal decode(final WireReader body) throws DecodeException {
        final int number = body.u8("proposal number");
        final ProtocolId protocolId = ProtocolId.valueOf(body.u8("proposal protocol"));
        final int spiSize = body.u8("proposal SPI size");
        // RFC 7296 §3.3.1: SPI size is 0 or 8 for IKE, 4 for ESP and AH.
        if (spiSize != 0 && spiSize != 4 && spiSize != 8) {
            throw DecodeException.invalidSyntax("proposal SPI size " + spiSize);
        }
        final int count = body.u8("proposal transform count");
        if (count > MAX_TRANSFORMS) {
            throw DecodeException.invalidSyntax("proposal with " + count + " transforms");
        }
        final byte[] spi = body.bytes(spiSize, "proposal SPI");
        final List<Transform> transforms = new ArrayList<>(count);
        boolean last = count == 0;
        while (!last) {
            if (transforms.size() == count) {
                throw DecodeException.invalidSyntax("more transforms than announced (" + count + ")");
            }
            final int lastSubstruc = body.u8("transform last substruc");
            if (lastSubstruc != 0 && lastSubstruc != 3) {
                throw DecodeException.invalidSyntax("transform last substruc " + lastSubstruc);
            }
            last = lastSubstruc == 0;
            body.skip(1, "transform reserved");
            final int length = body.u16("transform length");
            if (length < 8) {
                throw DecodeException.invalidSyntax("transform length " + length);
            }
            transforms.add(Transform.decode(body.slice(length - 4, "transform")));
        }
        if (transforms.size() != count) {
            throw DecodeException.invalidSyntax("proposal announced " + count + " transforms, has "
                    + transforms.size());
        }
        body.expectEnd("proposal");
        return new Proposal(number, protocolId, spi, transforms);
    }

    /** Writes from Proposal Num on. */
    void encodeAfterHeader(final WireWriter out) {
        out.u8(number).u8(protocolId.value()).u8(spi.length).u8(transforms.size()).bytes(spi);
        for (int i = 0; i < transforms.size(); i++) {
            final int start = out.size();
            out.u8(i == transforms.size() - 1 ? 0 : 3).u8(0).u16(0);
            transforms.get(i).encodeAfterHeader(out);
            out.setU16(start + 2, out.size() - start);
        }
    }
}
