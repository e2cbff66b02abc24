package org.jswan.gateway.backend;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.nativeio.posix.NativeException;
import org.jswan.nativeio.tun.PacketBatch;
import org.jswan.nativeio.udp.UdpBatchSender;

/**
 * Sends ESP-in-UDP (RFC 3948) straight from the TUN thread on the NAT-T socket's own fd (so the source port stays
 * 4500), one sendmmsg(2) per batch, runs to one peer as UDP GSO messages. Unlike {@link NettyEspTransport} nothing
 * is copied or allocated per packet and the event loop is not woken per batch.
 * The socket stays Netty's: IKE keeps going through the channel; datagrams are atomic, so the two senders can share
 * it. Close this transport and stop the TUN thread before the channel closes.
 */
public final class SendmmsgEspTransport implements EspTransport, AutoCloseable {
    private static final System.Logger ESP = System.getLogger("ESP");

    private final UdpBatchSender sender;
    private final InetSocketAddress[] to;
    private boolean failed;

    private SendmmsgEspTransport(final UdpBatchSender sender, final int batchSize) {
        this.sender = sender;
        this.to = new InetSocketAddress[batchSize];
    }

    /**
     * @param channel an epoll datagram channel (the NAT-T socket), bound
     * @param gso     merge runs of equal-sized packets to one peer into UDP GSO sends
     */
    public static SendmmsgEspTransport open(final Channel channel, final int batchSize, final boolean gso)
            throws NativeException {
        int fd = ((EpollDatagramChannel) channel).fd().intValue();
        return new SendmmsgEspTransport(UdpBatchSender.open(fd, batchSize, gso), batchSize);
    }

    @Override
    public void send(final PacketBatch batch, final EspEndpoint[] destinations) {
        int n = Math.min(batch.count(), to.length);
        for (int i = 0; i < n; i++) {
            EspEndpoint d = destinations[i];
            to[i] = d.udpEncap() ? d.remote() : null; // plain ESP is not this socket's (DualEspTransport)
        }
        try {
            sender.send(batch, to);
        } catch (ClosedChannelException e) {
            // shutting down
        } catch (IOException e) {
            if (!failed) {
                failed = true;
                ESP.log(System.Logger.Level.ERROR, "sending ESP on the NAT-T socket failed: " + e.getMessage());
            }
        }
    }

    /** The sender, for its counters. */
    public UdpBatchSender sender() {
        return sender;
    }

    @Override
    public void close() {
        sender.close();
    }
}
