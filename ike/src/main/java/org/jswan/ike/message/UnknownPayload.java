package org.jswan.ike.message;

/**
 * A payload of a type this codec does not understand, kept raw. Only reachable with the Critical bit clear: a
 * critical unknown payload rejects the whole message (RFC 7296 §2.5).
 */
public record UnknownPayload(PayloadType type, boolean critical, byte[] body) implements Payload {

    @Override
    public void encodeBody(final WireWriter out) {
        out.bytes(body);
    }

    @Override
    public String summaryName() {
        return "UNKNOWN(" + type.value() + ")";
    }
}
