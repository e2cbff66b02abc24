package org.jswan.ike.message;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.codec.DecodeException;

/**
 * Transform substructure (RFC 7296 §3.3.2).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Last Substruc |   RESERVED    |        Transform Length       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Transform Type |   RESERVED    |          Transform ID         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                      Transform Attributes                     ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param id the IANA Transform ID for {@code type} (e.g. ENCR 20 = AES-GCM-16)
 */
public record Transform(TransformType type, int id, List<TransformAttribute> attributes) {
    /** Bound on attributes per transform; RFC 7296 defines one (Key Length). */
    public static final int MAX_ATTRIBUTES = 16;

    public Transform {
        attributes = List.copyOf(attributes);
    }

    public static Transform of(final TransformType type, final int id) {
        return new Transform(type, id, List.of());
    }

    /** A transform with the Key Length attribute (RFC 7296 §3.3.5), e.g. ENCR_AES_CBC with 256. */
    public static Transform withKeyLength(final TransformType type, final int id, final int keyLengthBits) {
        return new Transform(type, id, List.of(TransformAttribute.keyLength(keyLengthBits)));
    }

    /** The Key Length attribute in bits, or -1 if absent. */
    public int keyLength() {
        for (final TransformAttribute a : attributes) {
            if (a.type() == TransformAttribute.KEY_LENGTH && a.tv()) {
                return a.tvValue();
            }
        }
        return -1;
    }

    /** Decodes from Transform Type on; {@code body} spans exactly the rest of this transform. */
    static Transform decode(final WireReader body) throws DecodeException {
        final TransformType type = TransformType.valueOf(body.u8("transform type"));
        body.skip(1, "transform reserved");
        final int id = body.u16("transform id");
        final List<TransformAttribute> attributes = new ArrayList<>();
        while (body.hasRemaining()) {
            if (attributes.size() == MAX_ATTRIBUTES) {
                throw DecodeException.invalidSyntax("more than " + MAX_ATTRIBUTES + " transform attributes");
            }
            attributes.add(TransformAttribute.decode(body));
        }
        return new Transform(type, id, attributes);
    }

    void encodeAfterHeader(final WireWriter out) {
        out.u8(type.value()).u8(0).u16(id);
        for (final TransformAttribute a : attributes) {
            a.encode(out);
        }
    }
}
