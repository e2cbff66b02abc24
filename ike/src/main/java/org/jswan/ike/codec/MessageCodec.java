package org.jswan.ike.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jswan.ike.crypto.IkeCryptoException;
import org.jswan.ike.crypto.SkCipher;
import org.jswan.ike.message.EncryptedFragmentPayload;
import org.jswan.ike.message.EncryptedPayload;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.Payload;
import org.jswan.ike.message.PayloadType;
import org.jswan.ike.message.WireReader;
import org.jswan.ike.message.WireWriter;

/**
 * Encodes and decodes whole IKE messages (RFC 7296 §3), including the SK{...} payload through an {@link SkCipher}
 * and RFC 7383 fragments.
 *
 * <p>Decoding is two-phase, so the caller can look up the IKE SA (and so the {@code SkCipher} of that SA and
 * direction) from the SPIs: {@link #decodeHeader}, then {@link #decodeBody} (or {@link #decodeFragment} when
 * {@link #isFragment} says so). Datagrams arrive without the 4-byte non-ESP marker of port 4500
 * ({@link NonEspMarker} strips it). Only {@link DecodeException} escapes a decoder.
 */
public final class MessageCodec {
    /** Bound on an IKE datagram (and on a reassembled message); RFC 7296 §2 requires only 1280. */
    public static final int MAX_MESSAGE_LENGTH = 65535;
    /** IKE header + SK generic header. */
    private static final int SK_OVERHEAD = IkeHeader.LENGTH + Payload.HEADER_LENGTH;
    /** IKE header + SKF generic header + Fragment Number + Total Fragments. */
    private static final int SKF_OVERHEAD = SK_OVERHEAD + EncryptedFragmentPayload.FRAGMENT_FIELDS_LENGTH;

    private MessageCodec() {
    }

    /**
     * Reads and checks the IKE header.
     *
     * @throws DecodeException INVALID_MAJOR_VERSION for a major version above 2 (RFC 7296 §2.5; the caller may
     *                         still choose to drop); a silent drop for IKEv1, a short or oversized datagram, or a
     *                         Length field that differs from the datagram length
     */
    public static IkeHeader decodeHeader(final byte[] datagram) throws DecodeException {
        if (datagram.length < IkeHeader.LENGTH) {
            throw DecodeException.drop("datagram of " + datagram.length + " bytes is shorter than an IKE header");
        }
        if (datagram.length > MAX_MESSAGE_LENGTH) {
            throw DecodeException.drop("datagram of " + datagram.length + " bytes is too long");
        }
        final IkeHeader h = IkeHeader.decode(new WireReader(datagram, 0, IkeHeader.LENGTH));
        if (h.majorVersion() > 2) {
            throw new DecodeException(NotifyType.INVALID_MAJOR_VERSION, null, "IKE version " + h.majorVersion()
                    + "." + h.minorVersion());
        }
        if (h.majorVersion() < 2) {
            throw DecodeException.drop("IKE version " + h.majorVersion() + "." + h.minorVersion());
        }
        if (h.length() != datagram.length) {
            throw DecodeException.drop("IKE header length " + h.length() + " but datagram of " + datagram.length);
        }
        return h;
    }

    /** RFC 7383: the message is one encrypted fragment; use {@link #decodeFragment}. */
    public static boolean isFragment(final IkeHeader header) {
        return header.nextPayload().equals(PayloadType.SKF);
    }

    /**
     * Decodes the payloads after the header, opens SK{...} with {@code inbound} when present, and validates the
     * result with {@link MessageRules}.
     *
     * @param inbound the cipher of this IKE SA for the peer's direction, or {@code null} (IKE_SA_INIT)
     */
    public static IkeMessage decodeBody(final IkeHeader header, final byte[] datagram, final SkCipher inbound)
            throws DecodeException {
        final List<Payload> outer = decodeOuter(header, datagram);
        final IkeMessage message;
        final Payload last = outer.isEmpty() ? null : outer.get(outer.size() - 1);
        if (last instanceof EncryptedPayload sk) {
            final byte[] plain = open(datagram, sk.sealed(), Payload.HEADER_LENGTH, inbound);
            message = new IkeMessage(header, PayloadChainCodec.decode(sk.firstInner(), new WireReader(plain)), true);
        } else if (last instanceof EncryptedFragmentPayload) {
            throw DecodeException.drop("encrypted fragment: use decodeFragment");
        } else {
            message = new IkeMessage(header, outer, false);
        }
        MessageRules.validate(message);
        return message;
    }

    /** Decodes and opens one SKF fragment (RFC 7383 §2.5); hand the result to a {@link Reassembler}. */
    public static Fragment decodeFragment(final IkeHeader header, final byte[] datagram, final SkCipher inbound)
            throws DecodeException {
        final List<Payload> outer = decodeOuter(header, datagram);
        if (outer.size() != 1 || !(outer.get(0) instanceof EncryptedFragmentPayload skf)) {
            throw DecodeException.drop("not a single encrypted fragment");
        }
        final byte[] plain = open(datagram, skf.sealed(),
                Payload.HEADER_LENGTH + EncryptedFragmentPayload.FRAGMENT_FIELDS_LENGTH, inbound);
        return new Fragment(header, skf.number(), skf.total(), skf.firstInner(), plain);
    }

    private static List<Payload> decodeOuter(final IkeHeader header, final byte[] datagram) throws DecodeException {
        if (header.length() != datagram.length || datagram.length < IkeHeader.LENGTH) {
            throw DecodeException.drop("header does not belong to this datagram");
        }
        final List<Payload> outer = PayloadChainCodec.decode(header.nextPayload(),
                new WireReader(datagram, IkeHeader.LENGTH, datagram.length - IkeHeader.LENGTH));
        if (outer.size() > 1 && (outer.get(outer.size() - 1) instanceof EncryptedPayload
                || outer.get(outer.size() - 1) instanceof EncryptedFragmentPayload)) {
            // RFC 7296 §3.14 allows unprotected payloads before SK, but no exchange we handle uses them.
            throw DecodeException.drop("unprotected payloads before the encrypted payload");
        }
        return outer;
    }

    // The encrypted payload is last, so its generic header starts headerLength + sealed bytes before the end.
    private static byte[] open(final byte[] datagram, final byte[] sealed, final int headerLength,
            final SkCipher inbound) throws DecodeException {
        if (inbound == null) {
            throw DecodeException.drop("encrypted payload but no keys for this IKE SA");
        }
        final byte[] associated = Arrays.copyOf(datagram, datagram.length - sealed.length);
        try {
            return inbound.open(associated, sealed);
        } catch (final IkeCryptoException e) {
            // RFC 7296 §2.21.2: a message that fails integrity checks is dropped without a reply.
            throw DecodeException.drop("SK payload does not verify: " + e.getMessage());
        }
    }

    /**
     * Encodes {@code message}: plaintext when {@code message.encrypted()} is false (IKE_SA_INIT), otherwise all
     * payloads inside one SK{...} sealed with {@code outbound}. Header Next Payload and Length are computed.
     */
    public static byte[] encode(final IkeMessage message, final SkCipher outbound) {
        final WireWriter body = new WireWriter();
        final PayloadType first = PayloadChainCodec.encode(message.payloads(), body);
        final byte[] out;
        if (!message.encrypted()) {
            final WireWriter w = new WireWriter(IkeHeader.LENGTH + body.size());
            message.header().withNextPayloadAndLength(first, IkeHeader.LENGTH + body.size()).encode(w);
            w.bytes(body.toByteArray());
            out = w.toByteArray();
        } else {
            Objects.requireNonNull(outbound, "outbound");
            final byte[] plain = body.toByteArray();
            final int sealedLength = outbound.sealedLength(plain.length);
            final WireWriter w = new WireWriter(SK_OVERHEAD + sealedLength);
            message.header().withNextPayloadAndLength(PayloadType.SK, SK_OVERHEAD + sealedLength).encode(w);
            w.u8(first.value()).u8(0).u16(checkU16(Payload.HEADER_LENGTH + sealedLength));
            out = seal(w, plain, sealedLength, outbound);
        }
        if (out.length > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("IKE message of " + out.length + " bytes; fragment it");
        }
        return out;
    }

    /**
     * Encodes an encrypted message as RFC 7383 fragments of at most {@code maxMessageSize} bytes each (IKE header
     * included, UDP/IP headers and non-ESP marker excluded). A message that fits is returned unfragmented, as one
     * SK message (RFC 7383 §2.5.1 fragments only what does not fit).
     */
    public static List<byte[]> encodeFragments(final IkeMessage message, final SkCipher outbound,
            final int maxMessageSize) {
        if (!message.encrypted()) {
            throw new IllegalArgumentException("only encrypted messages are fragmented (RFC 7383 §2.5)");
        }
        final WireWriter body = new WireWriter();
        final PayloadType first = PayloadChainCodec.encode(message.payloads(), body);
        final byte[] plain = body.toByteArray();
        if (SK_OVERHEAD + outbound.sealedLength(plain.length) <= maxMessageSize) {
            return List.of(encode(message, outbound));
        }
        int chunk = maxMessageSize - SKF_OVERHEAD;
        while (chunk > 0 && SKF_OVERHEAD + outbound.sealedLength(chunk) > maxMessageSize) {
            chunk--;
        }
        if (chunk <= 0) {
            throw new IllegalArgumentException("fragment size " + maxMessageSize + " leaves no room for data");
        }
        final int total = (plain.length + chunk - 1) / chunk;
        if (total > 0xffff) {
            throw new IllegalArgumentException("message needs " + total + " fragments");
        }
        final List<byte[]> fragments = new ArrayList<>(total);
        for (int n = 1; n <= total; n++) {
            final int from = (n - 1) * chunk;
            final byte[] part = Arrays.copyOfRange(plain, from, Math.min(plain.length, from + chunk));
            final int sealedLength = outbound.sealedLength(part.length);
            final WireWriter w = new WireWriter(SKF_OVERHEAD + sealedLength);
            message.header().withNextPayloadAndLength(PayloadType.SKF, SKF_OVERHEAD + sealedLength).encode(w);
            // RFC 7383 §2.5: only the first fragment names the first inner payload.
            w.u8(n == 1 ? first.value() : 0).u8(0)
                    .u16(Payload.HEADER_LENGTH + EncryptedFragmentPayload.FRAGMENT_FIELDS_LENGTH + sealedLength)
                    .u16(n).u16(total);
            fragments.add(seal(w, part, sealedLength, outbound));
        }
        return fragments;
    }

    // w holds the associated data (headers with final lengths); append IV || ciphertext || ICV.
    private static byte[] seal(final WireWriter w, final byte[] plain, final int sealedLength,
            final SkCipher outbound) {
        final byte[] sealed = outbound.seal(w.toByteArray(), plain);
        if (sealed.length != sealedLength) {
            throw new IllegalStateException("SkCipher sealed " + sealed.length + " bytes, announced " + sealedLength);
        }
        w.bytes(sealed);
        return w.toByteArray();
    }

    private static int checkU16(final int v) {
        if (v > 0xffff) {
            throw new IllegalArgumentException("SK payload too long: " + v);
        }
        return v;
    }
}
