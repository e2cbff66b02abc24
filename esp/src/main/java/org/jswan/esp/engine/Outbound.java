package org.jswan.esp.engine;

import java.nio.ByteBuffer;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.Framing;
import org.jswan.esp.api.Mode;
import org.jswan.esp.crypto.EspTransform;
import org.jswan.esp.packet.EspHeader;
import org.jswan.esp.packet.InnerPacket;
import org.jswan.esp.packet.Ipv4Header;
import org.jswan.esp.packet.Ipv6Header;
import org.jswan.esp.sa.SecurityAssociation;

/**
 * Encapsulates one IP packet into ESP in place (RFC 4303 §3.3): the ESP header and IV go into the headroom in front
 * of the payload, padding, trailer and ICV into the tailroom behind it. Tunnel mode protects the whole inner packet
 * (next header 4 or 41); transport mode strips the IP header (the socket writes the outer one from the SA's
 * endpoints) and protects its payload (next header = the original protocol).
 *
 * <p>Pure and thread-confined: no allocation beyond the transform's, no exceptions, no logging.
 */
public final class Outbound {
    private static final int UDP_HEADER = 8;
    private static final int PROTO_ESP = 50;
    private static final int PROTO_UDP = 17;

    private final Framing framing;
    private int resultOffset;
    private int resultLength;
    private long nowMillis;

    public Outbound() {
        this(Framing.ESP);
    }

    /** @param framing {@link Framing#IP} also writes the outer IP (and RFC 3948 UDP) header in the headroom */
    public Outbound(final Framing framing) {
        this.framing = framing;
    }

    /** Sets the cached wall clock for last-use stamps; called once per batch (STYLE B.5 Time). */
    public void clock(final long nowMillis) {
        this.nowMillis = nowMillis;
    }

    /** Start of the ESP packet after a successful {@link #encap}. */
    public int resultOffset() {
        return resultOffset;
    }

    /** ESP packet length after a successful {@link #encap}. */
    public int resultLength() {
        return resultLength;
    }

    /**
     * @param p the packet's fields, already parsed by the caller (for the policy lookup)
     * @return null on success (see {@link #resultOffset()}, {@link #resultLength()}), else why it was dropped
     */
    public DropReason encap(final SecurityAssociation sa, final ByteBuffer buf, final int off, final int len,
            final InnerPacket p) {
        if (sa.dead()) {
            return DropReason.SA_EXPIRED;
        }
        EspTransform t = sa.transform();
        int payloadOff;
        int payloadLen;
        int nextHeader;
        int tfcPad = 0;
        if (sa.mode() == Mode.TUNNEL) {
            payloadOff = off;
            payloadLen = p.totalLength; // trims any link padding after the IP packet
            nextHeader = p.version == 4 ? EspHeader.NEXT_IPV4 : EspHeader.NEXT_IPV6;
            // RFC 4303 §2.7: TFC padding in tunnel mode, the receiver finds the real end from the inner header.
            if (sa.tfcPadTo() > payloadLen) {
                tfcPad = sa.tfcPadTo() - payloadLen;
            }
        } else {
            payloadOff = off + p.headerLength;
            payloadLen = p.totalLength - p.headerLength;
            nextHeader = p.protocol;
        }
        int align = Math.max(4, t.blockSize());
        int unpadded = payloadLen + tfcPad + 2;
        int padLength = (align - unpadded % align) % align; // RFC 4303 §2.4
        int plaintextLen = unpadded + padLength;
        int espOff = payloadOff - EspHeader.LENGTH - t.ivLength();
        int end = payloadOff + plaintextLen + t.icvLength();
        SecurityAssociation.Peer peer = sa.peer();
        EspEndpoint ep = peer.endpoint();
        int outerLen = 0;
        if (framing == Framing.IP) {
            outerLen = (ep.udpEncap() ? UDP_HEADER : 0) + (sa.mode() == Mode.TRANSPORT ? p.headerLength
                    : ep.ipv6() ? Ipv6Header.LENGTH : Ipv4Header.LENGTH);
        }
        if (espOff - outerLen < 0 || end > buf.capacity()) {
            return DropReason.NO_ROOM;
        }
        long seq = sa.takeSeq();
        if (seq < 0) {
            return DropReason.SEQ_OVERFLOW;
        }
        if (framing == Framing.IP && sa.mode() == Mode.TRANSPORT) {
            // Move the original IP header in front of the ESP header (destination is lower: ascending copy is safe).
            int to = espOff - outerLen;
            for (int i = 0; i < p.headerLength; i++) {
                buf.put(to + i, buf.get(off + i));
            }
        }
        int trailer = payloadOff + payloadLen;
        for (int i = 0; i < tfcPad; i++) {
            buf.put(trailer++, (byte) 0);
        }
        // RFC 4303 §2.4: padding bytes are 1, 2, 3, ...
        for (int i = 1; i <= padLength; i++) {
            buf.put(trailer++, (byte) i);
        }
        buf.put(trailer++, (byte) padLength);
        buf.put(trailer, (byte) nextHeader);
        buf.putInt(espOff + EspHeader.SPI_OFFSET, sa.spi());
        buf.putInt(espOff + EspHeader.SEQ_OFFSET, (int) seq);
        resultOffset = espOff;
        resultLength = t.seal(buf, espOff, plaintextLen, seq);
        if (resultLength < 0) {
            return DropReason.SA_EXPIRED; // deleted by the control thread while this batch still held it
        }
        if (framing == Framing.IP) {
            writeOuter(sa, peer, buf, p);
        }
        sa.count(payloadLen, nowMillis);
        return null;
    }

    private void writeOuter(final SecurityAssociation sa, final SecurityAssociation.Peer peer, final ByteBuffer buf,
            final InnerPacket p) {
        EspEndpoint ep = peer.endpoint();
        int off = resultOffset;
        int len = resultLength;
        if (ep.udpEncap()) {
            // RFC 3948 §2.1: UDP header in front of the ESP header, checksum 0.
            off -= UDP_HEADER;
            len += UDP_HEADER;
            buf.putShort(off, (short) ep.local().getPort());
            buf.putShort(off + 2, (short) ep.remote().getPort());
            buf.putShort(off + 4, (short) len);
            buf.putShort(off + 6, (short) 0);
        }
        int protocol = ep.udpEncap() ? PROTO_UDP : PROTO_ESP;
        if (sa.mode() == Mode.TRANSPORT) {
            // RFC 4303 §3.1.1: the original header stays; fix length, protocol and checksum.
            off -= p.headerLength;
            len += p.headerLength;
            if (p.version == 4) {
                buf.putShort(off + Ipv4Header.TOTAL_LENGTH_OFFSET, (short) len);
                buf.put(off + Ipv4Header.PROTOCOL_OFFSET, (byte) protocol);
                Ipv4Header.updateChecksum(buf, off, p.headerLength);
            } else {
                buf.putShort(off + Ipv6Header.PAYLOAD_LENGTH_OFFSET, (short) (len - Ipv6Header.LENGTH));
                buf.put(off + Ipv6Header.NEXT_HEADER_OFFSET, (byte) protocol);
            }
        } else if (ep.ipv6()) {
            off -= Ipv6Header.LENGTH;
            Ipv6Header.write(buf, off, len, protocol, peer.local(), peer.remote());
            len += Ipv6Header.LENGTH;
        } else {
            off -= Ipv4Header.LENGTH;
            len += Ipv4Header.LENGTH;
            Ipv4Header.write(buf, off, len, protocol, peer.local(), peer.remote());
        }
        resultOffset = off;
        resultLength = len;
    }
}
