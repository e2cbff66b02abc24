package org.jswan.ike.message;

/**
 * One IKEv2 payload (RFC 7296 §3.2). The generic payload header (Next Payload, Critical, Payload Length) is written
 * and read once by {@code codec.PayloadChainCodec}; each record only knows its body, through a static
 * {@code decode(WireReader body)} and {@link #encodeBody(WireWriter)}.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Payload  |C|  RESERVED   |         Payload Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public sealed interface Payload permits SaPayload, KePayload, IdPayload, CertPayload, CertReqPayload, AuthPayload,
        NoncePayload, NotifyPayload, DeletePayload, VendorIdPayload, TsPayload, CpPayload, EapPayload,
        EncryptedPayload, EncryptedFragmentPayload, UnknownPayload {

    /** Length of the generic payload header. */
    int HEADER_LENGTH = 4;

    PayloadType type();

    /** The Critical bit to send; only {@link UnknownPayload} keeps one (RFC 7296 §2.5). */
    default boolean critical() {
        return false;
    }

    /** Writes the payload body (everything after the generic header). */
    void encodeBody(WireWriter out);

    /** strongSwan-style name for message summaries, e.g. {@code No} or {@code N(NATD_S_IP)}. */
    default String summaryName() {
        return type().shortName();
    }
}
