package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * Key Exchange payload (RFC 7296 §3.4).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Diffie-Hellman Group Num    |           RESERVED            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Key Exchange Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param group the Transform Type 4 ID (e.g. 31 = Curve25519)
 */
public record KePayload(int group, byte[] data) implements Payload {

    public static KePayload decode(final WireReader body) throws DecodeException {
        final int group = body.u16("KE group");
        body.skip(2, "KE reserved");
        if (!body.hasRemaining()) {
            throw DecodeException.invalidSyntax("KE payload without key exchange data");
        }
        return new KePayload(group, body.rest());
    }

    @Override
    public PayloadType type() {
        return PayloadType.KE;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.u16(group).u16(0).bytes(data);
    }
}
