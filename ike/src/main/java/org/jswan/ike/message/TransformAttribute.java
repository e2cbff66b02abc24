package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * Transform attribute (RFC 7296 §3.3.5), TV form (AF=1, two-byte value) or TLV form (AF=0).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |A|       Attribute Type        |    AF=0  Attribute Length     |
 * |F|                             |    AF=1  Attribute Value      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   AF=0  Attribute Value                       |
 * |                   AF=1  Not Transmitted                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param type  the 15-bit attribute type
 * @param tv    true for the TV form, whose value is exactly two bytes
 * @param value the value bytes (two for TV)
 */
public record TransformAttribute(int type, boolean tv, byte[] value) {
    /** RFC 7296 §3.3.5: Key Length (in bits), always TV. */
    public static final int KEY_LENGTH = 14;

    public TransformAttribute {
        if (type < 0 || type > 0x7fff || tv && value.length != 2 || value.length > 0xffff) {
            throw new IllegalArgumentException("bad transform attribute");
        }
    }

    public static TransformAttribute keyLength(final int bits) {
        return new TransformAttribute(KEY_LENGTH, true, new byte[] {(byte) (bits >>> 8), (byte) bits});
    }

    /** The TV value as an unsigned 16-bit number. */
    public int tvValue() {
        return (value[0] & 0xff) << 8 | value[1] & 0xff;
    }

    static TransformAttribute decode(final WireReader in) throws DecodeException {
        final int first = in.u16("attribute type");
        final boolean tv = (first & 0x8000) != 0;
        final int type = first & 0x7fff;
        if (tv) {
            return new TransformAttribute(type, true, in.bytes(2, "attribute value"));
        }
        final int length = in.u16("attribute length");
        // RFC 7296 §3.3.5: Key Length is only defined in TV form.
        if (type == KEY_LENGTH) {
            throw DecodeException.invalidSyntax("Key Length attribute in TLV form");
        }
        return new TransformAttribute(type, false, in.bytes(length, "attribute value"));
    }

    void encode(final WireWriter out) {
        if (tv) {
            out.u16(0x8000 | type).bytes(value);
        } else {
            out.u16(type).u16(value.length).bytes(value);
        }
    }
}
