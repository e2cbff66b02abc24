package org.jswan.esp.engine;

import java.nio.ByteBuffer;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.Mode;
import org.jswan.esp.crypto.EspTransform;
import org.jswan.esp.packet.EspHeader;
import org.jswan.esp.packet.InnerPacket;
import org.jswan.esp.packet.Ipv4Header;
import org.jswan.esp.packet.Ipv6Header;
import org.jswan.esp.replay.ReplayWindow;
import org.jswan.esp.sa.SecurityAssociation;
import org.jswan.esp.spd.Selector;

/**
 * Decapsulates one ESP packet in place (RFC 4303 §3.4): replay check before decryption, ICV verification and
 * decryption, replay window update only after the ICV verified, padding check, then the inner packet is checked
 * against the SA's selectors (RFC 4301 §5.2). Tunnel mode yields the inner packet (TFC padding trimmed by its own
 * length); transport mode rebuilds an IP header from the SA's endpoints in front of the payload.
 *
 * <p>Pure and thread-confined: returns a {@link DropReason} instead of throwing, never logs.
 */
public final class Inbound {
    private final InnerPacket inner = new InnerPacket();
    private int resultOffset;
    private int resultLength;
    private long nowMillis;

    public void clock(final long nowMillis) {
        this.nowMillis = nowMillis;
    }

    public int resultOffset() {
        return resultOffset;
    }

    public int resultLength() {
        return resultLength;
    }

    /** The SPI of an ESP packet, or 0 (reserved, RFC 4303 §2.1) if it is too short to carry one. */
    public static int spi(final ByteBuffer buf, final int off, final int len) {
        return len < EspHeader.LENGTH ? 0 : buf.getInt(off + EspHeader.SPI_OFFSET);
    }

    /**
     * @param off start of the ESP header (SPI) in {@code buf}; the slot must leave room in front for a rebuilt IP
     *            header in transport mode
     * @return null on success (see {@link #resultOffset()}, {@link #resultLength()}), else why it was dropped
     */
    public DropReason decap(final SecurityAssociation sa, final ByteBuffer buf, final int off, final int len) {
        if (sa.dead()) {
            return DropReason.SA_EXPIRED;
        }
        EspTransform t = sa.transform();
        int ptOff = off + EspHeader.LENGTH + t.ivLength();
        if (len < EspHeader.LENGTH + t.ivLength() + 2 + t.icvLength() || off + len > buf.capacity()) {
            return DropReason.MALFORMED;
        }
        int seqLow = buf.getInt(off + EspHeader.SEQ_OFFSET);
        ReplayWindow replay = sa.replay();
        long seq;
        if (replay != null) {
            seq = replay.check(seqLow);
            if (seq == ReplayWindow.REJECT) {
                return DropReason.REPLAY;
            }
        } else {
            seq = seqLow & 0xFFFF_FFFFL;
        }
        int ptLen = t.open(buf, off, len, seq);
        if (ptLen < 0) {
            return sa.dead() ? DropReason.SA_EXPIRED : DropReason.AUTH_FAILED;
        }
        if (replay != null) {
            replay.update(seq); // RFC 4303 §3.4.3: only after the ICV verified
        }
        if (ptLen < 2) {
            return DropReason.BAD_PADDING;
        }
        int padLength = buf.get(ptOff + ptLen - 2) & 0xFF;
        int nextHeader = buf.get(ptOff + ptLen - 1) & 0xFF;
        int payloadLen = ptLen - 2 - padLength;
        if (payloadLen < 0) {
            return DropReason.BAD_PADDING;
        }
        // RFC 4303 §2.4: the receiver checks the monotonic padding when the default scheme is in use.
        for (int i = 0; i < padLength; i++) {
            if ((buf.get(ptOff + payloadLen + i) & 0xFF) != i + 1) {
                return DropReason.BAD_PADDING;
            }
        }
        if (nextHeader == EspHeader.NEXT_NONE) {
            return DropReason.DUMMY; // RFC 4303 §2.6
        }
        sa.count(payloadLen, nowMillis);
        if (sa.mode() == Mode.TUNNEL) {
            if (nextHeader != EspHeader.NEXT_IPV4 && nextHeader != EspHeader.NEXT_IPV6) {
                return DropReason.BAD_NEXT_HEADER;
            }
            if (!inner.parse(buf, ptOff, payloadLen)
                    || inner.version != (nextHeader == EspHeader.NEXT_IPV4 ? 4 : 6)) {
                return DropReason.MALFORMED;
            }
            resultOffset = ptOff;
            resultLength = inner.totalLength; // drops TFC padding (RFC 4303 §2.7)
        } else {
            SecurityAssociation.Peer peer = sa.peer();
            EspEndpoint ep = peer.endpoint();
            int hdr = ep.ipv6() ? Ipv6Header.LENGTH : Ipv4Header.LENGTH;
            int ipOff = ptOff - hdr;
            if (ipOff < 0) {
                return DropReason.NO_ROOM;
            }
            byte[] src = peer.remote();
            byte[] dst = peer.local();
            if (ep.ipv6()) {
                Ipv6Header.write(buf, ipOff, payloadLen, nextHeader, src, dst);
            } else {
                Ipv4Header.write(buf, ipOff, hdr + payloadLen, nextHeader, src, dst);
            }
            if (!inner.parse(buf, ipOff, hdr + payloadLen)) {
                return DropReason.MALFORMED;
            }
            resultOffset = ipOff;
            resultLength = hdr + payloadLen;
        }
        // RFC 4301 §5.2 step 4: the decrypted packet must match the SA's selectors.
        if (!Selector.anySource(sa.remoteTs(), inner) || !Selector.anyDestination(sa.localTs(), inner)) {
            return DropReason.POLICY_MISMATCH;
        }
        return null;
    }
}
