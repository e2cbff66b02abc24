package org.jswan.esp.packet;

import java.nio.ByteBuffer;

/**
 * A reusable view of an IP packet's selector fields (RFC 4301 §4.4.1.1): version, addresses as two longs, upper
 * protocol and ports. One instance per data thread; {@link #parse} fills it with no allocation.
 *
 * <p>IPv6 extension headers are not walked: the protocol is the fixed header's next header.
 */
public final class InnerPacket {
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_SCTP = 132;

    public int version;
    public int headerLength;
    /** Total length claimed by the IP header. */
    public int totalLength;
    public int protocol;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    /** -1 when the packet carries no ports (other protocol or a non-first fragment). */
    public int srcPort;
    public int dstPort;

    /** @return false if the bytes are no well-formed IPv4/IPv6 header within {@code len} */
    public boolean parse(final ByteBuffer b, final int off, final int len) {
        if (len < 1) {
            return false;
        }
        version = (b.get(off) & 0xFF) >>> 4;
        boolean portsAllowed;
        if (version == 4) {
            if (len < Ipv4Header.LENGTH) {
                return false;
            }
            headerLength = (b.get(off) & 0x0F) * 4;
            totalLength = b.getShort(off + 2) & 0xFFFF;
            if (headerLength < Ipv4Header.LENGTH || totalLength < headerLength || totalLength > len) {
                return false;
            }
            protocol = b.get(off + 9) & 0xFF;
            srcHi = 0;
            srcLo = b.getInt(off + 12) & 0xFFFF_FFFFL;
            dstHi = 0;
            dstLo = b.getInt(off + 16) & 0xFFFF_FFFFL;
            portsAllowed = (b.getShort(off + 6) & 0x1FFF) == 0;
        } else if (version == 6) {
            if (len < Ipv6Header.LENGTH) {
                return false;
            }
            headerLength = Ipv6Header.LENGTH;
            totalLength = Ipv6Header.LENGTH + (b.getShort(off + 4) & 0xFFFF);
            if (totalLength > len) {
                return false;
            }
            protocol = b.get(off + 6) & 0xFF;
            srcHi = b.getLong(off + 8);
            srcLo = b.getLong(off + 16);
            dstHi = b.getLong(off + 24);
            dstLo = b.getLong(off + 32);
            portsAllowed = true;
        } else {
            return false;
        }
        if (portsAllowed && hasPorts(protocol) && totalLength >= headerLength + 4) {
            srcPort = b.getShort(off + headerLength) & 0xFFFF;
            dstPort = b.getShort(off + headerLength + 2) & 0xFFFF;
        } else {
            srcPort = -1;
            dstPort = -1;
        }
        return true;
    }

    private static boolean hasPorts(final int protocol) {
        return protocol == PROTO_TCP || protocol == PROTO_UDP || protocol == PROTO_SCTP;
    }
}
