package org.jswan.ike.message;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.codec.DecodeException;

/**
 * Delete payload (RFC 7296 §3.11). For IKE the SPI size is 0 and there are no SPIs (the IKE SA of the message is
 * meant); for ESP and AH the SPIs are 4 bytes each.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Protocol ID   |   SPI Size    |          Num of SPIs          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~               Security Parameter Index(es) (SPI)              ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record DeletePayload(ProtocolId protocolId, int spiSize, List<byte[]> spis) implements Payload {

    public DeletePayload {
        spis = List.copyOf(spis);
    }

    public static DeletePayload ike() {
        return new DeletePayload(ProtocolId.IKE, 0, List.of());
    }

    public static DeletePayload esp(final List<byte[]> spis) {
        return new DeletePayload(ProtocolId.ESP, 4, spis);
    }

    public static DeletePayload decode(final WireReader body) throws DecodeException {
        final ProtocolId protocol = ProtocolId.valueOf(body.u8("delete protocol"));
        final int spiSize = body.u8("delete SPI size");
        final int count = body.u16("delete SPI count");
        final boolean ike = protocol.equals(ProtocolId.IKE);
        final boolean child = protocol.equals(ProtocolId.ESP) || protocol.equals(ProtocolId.AH);
        // RFC 7296 §3.11: SPI size 0 for IKE, 4 for ESP/AH.
        if (ike && (spiSize != 0 || count != 0) || child && spiSize != 4 || !ike && !child) {
            throw DecodeException.invalidSyntax("delete " + protocol + " with SPI size " + spiSize + " count " + count);
        }
        if ((long) count * spiSize != body.remaining()) {
            throw DecodeException.invalidSyntax("delete announces " + count + " SPIs, has " + body.remaining()
                    + " bytes");
        }
        final List<byte[]> spis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            spis.add(body.bytes(spiSize, "delete SPI"));
        }
        return new DeletePayload(protocol, spiSize, spis);
    }

    @Override
    public PayloadType type() {
        return PayloadType.DELETE;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.u8(protocolId.value()).u8(spiSize).u16(spis.size());
        for (final byte[] spi : spis) {
            out.bytes(spi);
        }
    }
}
