package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * Encrypted Fragment payload, SKF (RFC 7383 §2.5). The Next Payload field holds the first inner payload type in
 * fragment 1 and 0 in the others.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Fragment Number        |        Total Fragments        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Initialization Vector                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                      Encrypted content                        ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                    Integrity Checksum Data                    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param sealed {@code IV || ciphertext || ICV}
 */
public record EncryptedFragmentPayload(PayloadType firstInner, int number, int total, byte[] sealed)
        implements Payload {
    /** Length of Fragment Number + Total Fragments, which belong to the associated data (RFC 7383 §2.5). */
    public static final int FRAGMENT_FIELDS_LENGTH = 4;

    public static EncryptedFragmentPayload decode(final PayloadType firstInner, final WireReader body)
            throws DecodeException {
        final int number = body.u16("fragment number");
        final int total = body.u16("total fragments");
        // RFC 7383 §2.5: numbering starts at 1; Fragment Number never exceeds Total Fragments.
        if (number < 1 || total < 1 || number > total) {
            throw DecodeException.drop("fragment " + number + " of " + total);
        }
        return new EncryptedFragmentPayload(firstInner, number, total, body.rest());
    }

    @Override
    public PayloadType type() {
        return PayloadType.SKF;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.u16(number).u16(total).bytes(sealed);
    }

    @Override
    public String summaryName() {
        return "EF(" + number + "/" + total + ")";
    }
}
