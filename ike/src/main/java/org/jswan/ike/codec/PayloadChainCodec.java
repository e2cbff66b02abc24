package org.jswan.ike.codec;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.message.AuthPayload;
import org.jswan.ike.message.CertPayload;
import org.jswan.ike.message.CertReqPayload;
import org.jswan.ike.message.CpPayload;
import org.jswan.ike.message.DeletePayload;
import org.jswan.ike.message.EapPayload;
import org.jswan.ike.message.EncryptedFragmentPayload;
import org.jswan.ike.message.EncryptedPayload;
import org.jswan.ike.message.IdPayload;
import org.jswan.ike.message.KePayload;
import org.jswan.ike.message.NoncePayload;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.Payload;
import org.jswan.ike.message.PayloadType;
import org.jswan.ike.message.SaPayload;
import org.jswan.ike.message.TsPayload;
import org.jswan.ike.message.UnknownPayload;
import org.jswan.ike.message.VendorIdPayload;
import org.jswan.ike.message.WireReader;
import org.jswan.ike.message.WireWriter;

/**
 * The generic payload-header walk of RFC 7296 §3.2, written once: Next Payload chaining, the Critical bit, and the
 * Payload Length checked against the remaining bytes before each body is handed to its record's decoder.
 *
 * <p>SK and SKF end the chain (RFC 7296 §3.14: the Encrypted payload is the last one); their Next Payload field
 * names the first inner payload and is kept in the record.
 */
public final class PayloadChainCodec {
    /** Bound on payloads in one chain (outer or inner); strongSwan's largest rule allows a few dozen. */
    public static final int MAX_PAYLOADS = 64;

    private PayloadChainCodec() {
    }

    /**
     * Decodes the chain starting with payload {@code first} that must span exactly {@code in}.
     *
     * @throws DecodeException INVALID_SYNTAX for bad lengths, UNSUPPORTED_CRITICAL_PAYLOAD (data: the type byte)
     *                         for a critical payload of unknown type (RFC 7296 §2.5)
     */
    public static List<Payload> decode(final PayloadType first, final WireReader in) throws DecodeException {
        final List<Payload> payloads = new ArrayList<>();
        PayloadType type = first;
        while (type.value() != 0) {
            if (payloads.size() == MAX_PAYLOADS) {
                throw DecodeException.invalidSyntax("more than " + MAX_PAYLOADS + " payloads");
            }
            final PayloadType next = PayloadType.valueOf(in.u8("next payload of " + type.shortName()));
            final boolean critical = (in.u8("critical flag") & 0x80) != 0;
            final int length = in.u16("payload length");
            if (length < Payload.HEADER_LENGTH) {
                throw DecodeException.invalidSyntax(type.shortName() + " payload length " + length);
            }
            final WireReader body = in.slice(length - Payload.HEADER_LENGTH, type.shortName() + " payload");
            if (type.equals(PayloadType.SK) || type.equals(PayloadType.SKF)) {
                if (in.hasRemaining()) {
                    // RFC 7296 §3.14 / RFC 7383 §2.5: the Encrypted (Fragment) payload is the last one.
                    throw DecodeException.invalidSyntax(in.remaining() + " bytes after " + type.shortName());
                }
                payloads.add(type.equals(PayloadType.SK) ? new EncryptedPayload(next, body.rest())
                        : EncryptedFragmentPayload.decode(next, body));
                return payloads;
            }
            final Payload p = decodeBody(type, critical, body);
            body.expectEnd(type.shortName() + " payload");
            payloads.add(p);
            type = next;
        }
        in.expectEnd("payload chain");
        return payloads;
    }

    private static Payload decodeBody(final PayloadType type, final boolean critical, final WireReader body)
            throws DecodeException {
        switch (type.value()) {
            case 33: return SaPayload.decode(body);
            case 34: return KePayload.decode(body);
            case 35: return IdPayload.decode(true, body);
            case 36: return IdPayload.decode(false, body);
            case 37: return CertPayload.decode(body);
            case 38: return CertReqPayload.decode(body);
            case 39: return AuthPayload.decode(body);
            case 40: return NoncePayload.decode(body);
            case 41: return NotifyPayload.decode(body);
            case 42: return DeletePayload.decode(body);
            case 43: return VendorIdPayload.decode(body);
            case 44: return TsPayload.decode(true, body);
            case 45: return TsPayload.decode(false, body);
            case 47: return CpPayload.decode(body);
            case 48: return EapPayload.decode(body);
            default:
                if (critical) {
                    // RFC 7296 §2.5: reject the whole message; the notify data is the payload type.
                    throw new DecodeException(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD, new byte[] {(byte) type.value()},
                            "unsupported critical payload " + type.value());
                }
                return new UnknownPayload(type, false, body.rest());
        }
    }

    /**
     * Writes the chain of {@code payloads} (generic headers with Next Payload links and lengths) and returns the
     * type of the first payload, for the IKE header or the enclosing SK payload ({@code NONE} when empty). An SK
     * or SKF payload must come last; its Next Payload is its first inner type.
     */
    public static PayloadType encode(final List<Payload> payloads, final WireWriter out) {
        for (int i = 0; i < payloads.size(); i++) {
            final Payload p = payloads.get(i);
            final PayloadType next;
            if (p instanceof EncryptedPayload sk) {
                requireLast(i, payloads);
                next = sk.firstInner();
            } else if (p instanceof EncryptedFragmentPayload skf) {
                requireLast(i, payloads);
                next = skf.firstInner();
            } else {
                next = i + 1 < payloads.size() ? payloads.get(i + 1).type() : PayloadType.NONE;
            }
            final int start = out.size();
            out.u8(next.value()).u8(p.critical() ? 0x80 : 0).u16(0);
            p.encodeBody(out);
            final int length = out.size() - start;
            if (length > 0xffff) {
                throw new IllegalArgumentException(p.type() + " payload too long: " + length);
            }
            out.setU16(start + 2, length);
        }
        return payloads.isEmpty() ? PayloadType.NONE : payloads.get(0).type();
    }

    private static void requireLast(final int i, final List<Payload> payloads) {
        if (i != payloads.size() - 1) {
            throw new IllegalArgumentException("SK/SKF must be the last payload");
        }
    }
}
