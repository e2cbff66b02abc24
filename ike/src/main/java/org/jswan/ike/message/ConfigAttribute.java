package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * Configuration attribute (RFC 7296 §3.15.1); an empty value asks for one in a CFG_REQUEST.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |R|         Attribute Type      |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                             Value                             ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ConfigAttribute(ConfigAttributeType attributeType, byte[] value) {

    static ConfigAttribute decode(final WireReader in) throws DecodeException {
        final ConfigAttributeType type = ConfigAttributeType.valueOf(in.u16("CP attribute type") & 0x7fff);
        final int length = in.u16("CP attribute length");
        return new ConfigAttribute(type, in.bytes(length, "CP attribute value"));
    }

    void encode(final WireWriter out) {
        out.u16(attributeType.value()).u16(value.length).bytes(value);
    }
}
