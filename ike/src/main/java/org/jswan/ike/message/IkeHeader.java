package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * IKE header (RFC 7296 §3.1).
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IKE SA Initiator's SPI                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IKE SA Responder's SPI                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Payload | MjVer | MnVer | Exchange Type |     Flags     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Message ID                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Length                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Flags: |X|X|R|V|I|X|X|X|  (I = original initiator, V = higher version possible, R = response)
 * </pre>
 *
 * @param messageId unsigned 32-bit, held in a long
 * @param length    unsigned 32-bit total message length, held in a long
 */
public record IkeHeader(long spiI, long spiR, PayloadType nextPayload, int majorVersion, int minorVersion,
        ExchangeType exchangeType, boolean initiator, boolean version, boolean response, long messageId,
        long length) {
    public static final int LENGTH = 28;
    public static final int FLAG_INITIATOR = 0x08;
    public static final int FLAG_VERSION = 0x10;
    public static final int FLAG_RESPONSE = 0x20;

    /** A version 2.0 header; next payload and length are filled in by the codec. */
    public static IkeHeader of(final long spiI, final long spiR, final ExchangeType exchangeType,
            final boolean initiator, final boolean response, final long messageId) {
        return new IkeHeader(spiI, spiR, PayloadType.NONE, 2, 0, exchangeType, initiator, false, response,
                messageId & 0xffffffffL, 0);
    }

    /** Reads the 28 header bytes; no semantic checks (see {@code MessageCodec.decodeHeader}). */
    public static IkeHeader decode(final WireReader in) throws DecodeException {
        final long spiI = in.u64("IKE SPIi");
        final long spiR = in.u64("IKE SPIr");
        final PayloadType next = PayloadType.valueOf(in.u8("next payload"));
        final int version = in.u8("version");
        final ExchangeType exchange = ExchangeType.valueOf(in.u8("exchange type"));
        final int flags = in.u8("flags");
        final long mid = in.u32("message id");
        final long length = in.u32("length");
        return new IkeHeader(spiI, spiR, next, version >>> 4, version & 0x0f, exchange,
                (flags & FLAG_INITIATOR) != 0, (flags & FLAG_VERSION) != 0, (flags & FLAG_RESPONSE) != 0, mid,
                length);
    }

    public void encode(final WireWriter out) {
        final int flags = (initiator ? FLAG_INITIATOR : 0) | (version ? FLAG_VERSION : 0)
                | (response ? FLAG_RESPONSE : 0);
        out.u64(spiI).u64(spiR).u8(nextPayload.value()).u8(majorVersion << 4 | minorVersion & 0x0f)
                .u8(exchangeType.value()).u8(flags).u32(messageId).u32(length);
    }

    public byte[] toBytes() {
        final WireWriter w = new WireWriter(LENGTH);
        encode(w);
        return w.toByteArray();
    }

    public IkeHeader withNextPayloadAndLength(final PayloadType next, final long newLength) {
        return new IkeHeader(spiI, spiR, next, majorVersion, minorVersion, exchangeType, initiator, version,
                response, messageId, newLength);
    }

    @Override
    public String toString() {
        return String.format("IkeHeader[%016x_i %016x_r %s %s %d, next=%s, v%d.%d, len=%d%s]", spiI, spiR,
                exchangeType, response ? "response" : "request", messageId, nextPayload, majorVersion,
                minorVersion, length, initiator ? ", I" : "");
    }
}
