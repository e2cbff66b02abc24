package org.jswan.gateway.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * Splits what arrives on a UDP socket into IKE and ESP (RFC 3948 §2): on the NAT-T port a datagram that starts
 * with the four-byte zero non-ESP marker is IKE, a single 0xFF byte is a NAT keepalive (§2.3) and is dropped,
 * anything else is ESP whose first four bytes are a non-zero SPI. On the IKE port everything is IKE.
 */
@ChannelHandler.Sharable
public final class Port4500Demux extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final int NON_ESP_MARKER_LENGTH = 4;

    private final DatagramReceiver receiver;
    private final boolean natTraversalPort;
    private final LongAdder keepalives = new LongAdder();
    private final LongAdder runts = new LongAdder();

    public Port4500Demux(final DatagramReceiver receiver, final boolean natTraversalPort) {
        super(true);
        this.receiver = receiver;
        this.natTraversalPort = natTraversalPort;
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
        if (len == 1 && buf.getUnsignedByte(buf.readerIndex()) == 0xFF) {
            keepalives.increment();
            return;
        }
        if (len < NON_ESP_MARKER_LENGTH + 1) {
            runts.increment();
            return;
        }
        if (buf.getInt(buf.readerIndex()) == 0) {
            receiver.onIke(buf.skipBytes(NON_ESP_MARKER_LENGTH), local, remote);
        } else {
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

    public long keepalivesReceived() {
        return keepalives.sum();
    }

    public long runtsDropped() {
        return runts.sum();
    }
}
