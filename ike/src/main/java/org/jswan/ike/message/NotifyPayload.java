package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * Notify payload (RFC 7296 §3.10).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Protocol ID  |   SPI Size    |      Notify Message Type      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                Security Parameter Index (SPI)                 ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Notification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NotifyPayload(ProtocolId protocolId, byte[] spi, NotifyType notifyType, byte[] data)
        implements Payload {
    private static final byte[] EMPTY = new byte[0];

    /** A notify about no particular SA (Protocol ID 0, no SPI). */
    public static NotifyPayload of(final NotifyType type, final byte[] data) {
        return new NotifyPayload(ProtocolId.NONE, EMPTY, type, data == null ? EMPTY : data);
    }

    public static NotifyPayload of(final NotifyType type) {
        return of(type, EMPTY);
    }

    public static NotifyPayload decode(final WireReader body) throws DecodeException {
        final int protocol = body.u8("notify protocol");
        final int spiSize = body.u8("notify SPI size");
        final NotifyType type = NotifyType.valueOf(body.u16("notify type"));
        // strongSwan notify_payload.c verify(): only NONE/IKE/AH/ESP.
        if (protocol > 3) {
            throw DecodeException.invalidSyntax("notify protocol " + protocol);
        }
        final byte[] spi = body.bytes(spiSize, "notify SPI");
        final byte[] data = body.rest();
        checkDataLength(type, data.length);
        return new NotifyPayload(ProtocolId.valueOf(protocol), spi, type, data);
    }

    // Fixed lengths from the defining RFCs, as in strongSwan's verify().
    private static void checkDataLength(final NotifyType type, final int n) throws DecodeException {
        final int expected;
        if (type.equals(NotifyType.INVALID_KE_PAYLOAD)) {
            expected = 2; // RFC 7296 §3.10.1: the accepted DH group
        } else if (type.equals(NotifyType.NAT_DETECTION_SOURCE_IP)
                || type.equals(NotifyType.NAT_DETECTION_DESTINATION_IP)) {
            expected = 20; // RFC 7296 §2.23: SHA-1 digest
        } else if (type.equals(NotifyType.AUTH_LIFETIME)) {
            expected = 4; // RFC 4478
        } else if (type.equals(NotifyType.COOKIE)) {
            if (n < 1 || n > 64) { // RFC 7296 §2.6: 1..64 octets
                throw DecodeException.invalidSyntax("COOKIE of " + n + " bytes");
            }
            return;
        } else {
            return;
        }
        if (n != expected) {
            throw DecodeException.invalidSyntax("notify " + type + " with " + n + " data bytes, expected " + expected);
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.NOTIFY;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.u8(protocolId.value()).u8(spi.length).u16(notifyType.value()).bytes(spi).bytes(data);
    }

    @Override
    public String summaryName() {
        return "N(" + notifyType.shortName() + ")";
    }
}
