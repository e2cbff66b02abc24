package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * Identification payload, IDi or IDr (RFC 7296 §3.5).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   ID Type     |                 RESERVED                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                   Identification Data                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param initiator true for IDi (35), false for IDr (36)
 */
public record IdPayload(boolean initiator, IdType idType, byte[] data) implements Payload {

    public static IdPayload decode(final boolean initiator, final WireReader body) throws DecodeException {
        final IdType idType = IdType.valueOf(body.u8("ID type"));
        body.skip(3, "ID reserved");
        final byte[] data = body.rest();
        // RFC 7296 §3.5: IPv4/IPv6 identities are exactly one address.
        if (idType.equals(IdType.ID_IPV4_ADDR) && data.length != 4
                || idType.equals(IdType.ID_IPV6_ADDR) && data.length != 16) {
            throw DecodeException.invalidSyntax("ID " + idType + " with " + data.length + " bytes");
        }
        return new IdPayload(initiator, idType, data);
    }

    @Override
    public PayloadType type() {
        return initiator ? PayloadType.IDI : PayloadType.IDR;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.u8(idType.value()).zeros(3).bytes(data);
    }
}
