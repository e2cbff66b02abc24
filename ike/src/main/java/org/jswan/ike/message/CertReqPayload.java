package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * Certificate Request payload (RFC 7296 §3.7). For X.509 the Certification Authority field is a concatenation of
 * 20-byte SHA-1 hashes of trusted CAs' public keys; it is kept raw here.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Cert Encoding |                                               |
 * +-+-+-+-+-+-+-+-+                                               |
 * ~                    Certification Authority                    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CertReqPayload(CertEncoding encoding, byte[] authorities) implements Payload {

    public static CertReqPayload decode(final WireReader body) throws DecodeException {
        final CertEncoding encoding = CertEncoding.valueOf(body.u8("CERTREQ encoding"));
        return new CertReqPayload(encoding, body.rest());
    }

    @Override
    public PayloadType type() {
        return PayloadType.CERTREQ;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.u8(encoding.value()).bytes(authorities);
    }
}
