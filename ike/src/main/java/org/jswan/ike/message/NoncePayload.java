package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * Nonce payload, Ni or Nr (RFC 7296 §3.9).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                            Nonce Data                         ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NoncePayload(byte[] data) implements Payload {
    /** RFC 7296 §2.10: at least 128 bits; at most 2048 bits (§3.9). strongSwan's verify() enforces the same. */
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 256;

    public static NoncePayload decode(final WireReader body) throws DecodeException {
        final int n = body.remaining();
        if (n < MIN_LENGTH || n > MAX_LENGTH) {
            throw DecodeException.invalidSyntax("nonce of " + n + " bytes, expected " + MIN_LENGTH + ".."
                    + MAX_LENGTH);
        }
        return new NoncePayload(body.rest());
    }

    @Override
    public PayloadType type() {
        return PayloadType.NONCE;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.bytes(data);
    }
}
