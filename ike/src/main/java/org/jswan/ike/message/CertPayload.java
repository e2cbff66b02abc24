package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * Certificate payload (RFC 7296 §3.6).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Cert Encoding |                                               |
 * +-+-+-+-+-+-+-+-+                                               |
 * ~                       Certificate Data                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CertPayload(CertEncoding encoding, byte[] data) implements Payload {

    public static CertPayload decode(final WireReader body) throws DecodeException {
        final CertEncoding encoding = CertEncoding.valueOf(body.u8("CERT encoding"));
        return new CertPayload(encoding, body.rest());
    }

    @Override
    public PayloadType type() {
        return PayloadType.CERT;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.u8(encoding.value()).bytes(data);
    }
}
