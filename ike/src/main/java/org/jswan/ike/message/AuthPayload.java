package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * Authentication payload (RFC 7296 §3.8).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Auth Method   |                RESERVED                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                      Authentication Data                      ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record AuthPayload(AuthMethod method, byte[] data) implements Payload {

    public static AuthPayload decode(final WireReader body) throws DecodeException {
        final AuthMethod method = AuthMethod.valueOf(body.u8("AUTH method"));
        body.skip(3, "AUTH reserved");
        if (!body.hasRemaining()) {
            throw DecodeException.invalidSyntax("AUTH payload without authentication data");
        }
        return new AuthPayload(method, body.rest());
    }

    @Override
    public PayloadType type() {
        return PayloadType.AUTH;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.u8(method.value()).zeros(3).bytes(data);
    }

    @Override
    public String toString() {
        return "AuthPayload[method=" + method + ", " + data.length + " bytes]";
    }
}
