package org.jswan.gateway.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Splits what arrives on a UDP socket into IKE and ESP (RFC 3948 §2): on the NAT-T port a datagram that starts
 * with the four-byte zero non-ESP marker is IKE, a single 0xFF byte is a NAT keepalive (§2.3) and is dropped,
 * anything else is ESP whose first four bytes are a non-zero SPI. On the IKE port everything is IKE.
 */
@ChannelHandler.Sharable
public final class Port4500Demux extends SimpleChannelInboundHandler<DatagramPacket> {
    /** The four zero bytes in front of an IKE message on the NAT-T port (RFC 3948 §2.2). */
    public static final int NON_ESP_MARKER_LENGTH = 4;

    private final DatagramReceiver receiver;
    private final boolean natTraversalPort;

    public Port4500Demux(final DatagramReceiver receiver, final boolean natTraversalPort) {
        super(true);
        this.receiver = receiver;
        this.natTraversalPort = natTraversalPort;
    }

    /** What a datagram on the NAT-T port is (RFC 3948 §2). */
    public enum Kind {
        /** ESP: a non-zero SPI first. */
        ESP,
        /** IKE behind the four-byte zero non-ESP marker. */
        IKE,
        /** A NAT keepalive, the single byte 0xFF (§2.3): dropped. */
        KEEPALIVE,
        /** Too short to be either: dropped. */
        RUNT
    }

    /**
     * Sorts a datagram of {@code length} bytes on the NAT-T port by its first byte and its first four bytes
     * (big-endian; only read when there are at least five bytes).
     */
    public static Kind kind(final int length, final int firstByte, final int firstInt) {
        if (length == 1 && firstByte == 0xFF) {
            return Kind.KEEPALIVE;
        }
        if (length < NON_ESP_MARKER_LENGTH + 1) {
            return Kind.RUNT;
        }
        return firstInt == 0 ? Kind.IKE : Kind.ESP;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final DatagramPacket packet) {
        ByteBuf buf = packet.content();
        InetSocketAddress local = packet.recipient();
        InetSocketAddress remote = packet.sender();
        if (!natTraversalPort) {
            receiver.onIke(buf, local, remote);
            return;
        }
        int len = buf.readableBytes();
        int at = buf.readerIndex();
        switch (kind(len, len > 0 ? buf.getUnsignedByte(at) : -1, len > NON_ESP_MARKER_LENGTH ? buf.getInt(at) : -1)) {
            case KEEPALIVE:
            case RUNT:
                break; // dropped here; jswan's own NAT-T reader (NatTReceiveLoop) counts them
            case IKE:
                receiver.onIke(buf.skipBytes(NON_ESP_MARKER_LENGTH), local, remote);
                break;
            default:
                receiver.onEsp(buf, local, remote);
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx) {
        receiver.onBatchEnd();
    }

    /** Whether this is the NAT-T port (IKE behind the non-ESP marker, and ESP). */
    public boolean natTraversalPort() {
        return natTraversalPort;
    }
}
