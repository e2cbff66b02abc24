package org.jswan.esp.engine;

import java.nio.ByteBuffer;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.Mode;
import org.jswan.esp.crypto.EspTransform;
import org.jswan.esp.packet.EspHeader;
import org.jswan.esp.packet.InnerPacket;
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
    private int resultOffset;
    private int resultLength;
    private long nowMillis;

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
        if (espOff < 0 || end > buf.capacity()) {
            return DropReason.NO_ROOM;
        }
        long seq = sa.takeSeq();
        if (seq < 0) {
            return DropReason.SEQ_OVERFLOW;
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
        sa.count(payloadLen, nowMillis);
        return null;
    }
}
