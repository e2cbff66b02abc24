package org.jswan.ike.message;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jswan.ike.codec.DecodeException;

/**
 * Traffic Selector substructure (RFC 7296 §3.13.1), IPv4 (16 bytes) or IPv6 (40 bytes).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   TS Type     |IP Protocol ID*|       Selector Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Start Port*         |           End Port*           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                         Starting Address*                     ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                         Ending Address*                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param ipProtocol 0 = any
 */
public record TrafficSelector(TsType tsType, int ipProtocol, int startPort, int endPort, InetAddress startAddress,
        InetAddress endAddress) {

    public TrafficSelector {
        final int len = tsType.equals(TsType.TS_IPV4_ADDR_RANGE) ? 4 : 16;
        if (startAddress.getAddress().length != len || endAddress.getAddress().length != len) {
            throw new IllegalArgumentException("address family does not match " + tsType);
        }
    }

    static TrafficSelector decode(final WireReader in) throws DecodeException {
        final TsType type = TsType.valueOf(in.u8("TS type"));
        final int addrLen;
        if (type.equals(TsType.TS_IPV4_ADDR_RANGE)) {
            addrLen = 4;
        } else if (type.equals(TsType.TS_IPV6_ADDR_RANGE)) {
            addrLen = 16;
        } else {
            throw DecodeException.invalidSyntax("unsupported TS type " + type.value());
        }
        final int protocol = in.u8("TS protocol");
        final int length = in.u16("TS length");
        if (length != 8 + 2 * addrLen) {
            throw DecodeException.invalidSyntax("TS length " + length + " for " + type);
        }
        final int startPort = in.u16("TS start port");
        final int endPort = in.u16("TS end port");
        try {
            final InetAddress start = InetAddress.getByAddress(in.bytes(addrLen, "TS start address"));
            final InetAddress end = InetAddress.getByAddress(in.bytes(addrLen, "TS end address"));
            return new TrafficSelector(type, protocol, startPort, endPort, start, end);
        } catch (final UnknownHostException e) {
            throw DecodeException.invalidSyntax("TS address");  // unreachable: lengths are 4 or 16
        }
    }

    void encode(final WireWriter out) {
        final byte[] s = startAddress.getAddress();
        out.u8(tsType.value()).u8(ipProtocol).u16(8 + 2 * s.length).u16(startPort).u16(endPort).bytes(s)
                .bytes(endAddress.getAddress());
    }
}
