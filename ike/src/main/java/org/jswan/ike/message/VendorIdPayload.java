package org.jswan.ike.message;

/**
 * Vendor ID payload (RFC 7296 §3.12).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                        Vendor ID (VID)                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record VendorIdPayload(byte[] data) implements Payload {

    public static VendorIdPayload decode(final WireReader body) {
        return new VendorIdPayload(body.rest());
    }

    @Override
    public PayloadType type() {
        return PayloadType.VENDOR_ID;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.bytes(data);
    }
}
