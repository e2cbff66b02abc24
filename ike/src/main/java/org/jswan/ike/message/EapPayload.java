package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * EAP payload (RFC 7296 §3.16): one raw EAP message (RFC 3748 §4), whose own Length must match the payload body.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Code      |  Identifier   |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |  Type_Data...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record EapPayload(byte[] message) implements Payload {
    public static final int REQUEST = 1;
    public static final int RESPONSE = 2;
    public static final int SUCCESS = 3;
    public static final int FAILURE = 4;

    public static EapPayload decode(final WireReader body) throws DecodeException {
        final byte[] m = body.rest();
        if (m.length < 4) {
            throw DecodeException.invalidSyntax("EAP message of " + m.length + " bytes");
        }
        final int code = m[0] & 0xff;
        final int length = (m[2] & 0xff) << 8 | m[3] & 0xff;
        if (length != m.length) {
            throw DecodeException.invalidSyntax("EAP length " + length + " in a " + m.length + " byte payload");
        }
        // RFC 3748 §4: codes 1..4 (RFC 6696 adds 5, 6); Request and Response carry a Type byte.
        if (code < 1 || code > 6 || (code == REQUEST || code == RESPONSE) && length < 5) {
            throw DecodeException.invalidSyntax("EAP code " + code + " length " + length);
        }
        return new EapPayload(m);
    }

    public int code() {
        return message[0] & 0xff;
    }

    public int identifier() {
        return message[1] & 0xff;
    }

    /** The EAP Type of a Request/Response, else -1. */
    public int eapType() {
        return message.length > 4 ? message[4] & 0xff : -1;
    }

    @Override
    public PayloadType type() {
        return PayloadType.EAP;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.bytes(message);
    }

    @Override
    public String summaryName() {
        switch (code()) {
            case REQUEST: return "EAP/REQ";
            case RESPONSE: return "EAP/RES";
            case SUCCESS: return "EAP/SUCC";
            case FAILURE: return "EAP/FAIL";
            default: return "EAP";
        }
    }
}
