package org.jswan.esp.api;

/** Why the data plane dropped a packet; counted per reason, never logged per packet (STYLE B.3 rule 7). */
public enum DropReason {
    /** Outbound: the inner packet is not IPv4/IPv6 or is truncated; inbound: the ESP packet is too short. */
    MALFORMED,
    /** Outbound: no policy selects the inner packet. */
    NO_POLICY,
    /** No SA: unknown inbound SPI, or a policy's reqid has no outbound SA installed. */
    NO_SA,
    /** The SA reached its hard lifetime. */
    SA_EXPIRED,
    /** Outbound sequence number space exhausted (RFC 4303 §3.3.3). */
    SEQ_OVERFLOW,
    /** Not enough headroom or tailroom in the slot for the ESP framing. */
    NO_ROOM,
    /** Inbound: the replay window rejected the sequence number (RFC 4303 §3.4.3). */
    REPLAY,
    /** Inbound: the ICV did not verify (RFC 4303 §3.4.4). */
    AUTH_FAILED,
    /** Inbound: pad length or pad bytes are wrong (RFC 4303 §2.4). */
    BAD_PADDING,
    /** Inbound: a dummy packet, next header 59 (RFC 4303 §2.6); silently discarded. */
    DUMMY,
    /** Inbound: next header does not fit the SA's mode. */
    BAD_NEXT_HEADER,
    /** Inbound: the decrypted packet is outside the SA's selectors (RFC 4301 §5.2). */
    POLICY_MISMATCH,
    /**
     * Inbound, only when plain ESP and ESP-in-UDP have readers of their own (Netty reads port 4500): the packet came
     * as plain ESP for an SA negotiated with UDP encapsulation (RFC 3948), the other way round, or over the other IP
     * version; checked before any crypto, so each SA is only ever opened by one reader.
     */
    WRONG_TRANSPORT
}
