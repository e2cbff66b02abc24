package org.jswan.gateway.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The gateway's two UDP sockets: IKE on {@code ikePort} (500) and NAT-T on {@code natTPort} (4500, IKE behind the
 * non-ESP marker and ESP-in-UDP), on one Netty event loop with native epoll where available (recvmmsg batches), NIO
 * elsewhere. With epoll the gateway normally takes reading the NAT-T socket over ({@link #stopNatTReads}); the
 * options below then only matter for its UDP GRO socket option.
 */
public final class UdpSockets implements AutoCloseable {
    private static final System.Logger NET = System.getLogger("NET");
    /** recvmmsg: up to this many datagrams of {@link #MAX_DATAGRAM} per read. */
    private static final int MAX_DATAGRAM = 9216;
    private static final int READ_BATCH = 32;
    /** With UDP GRO a datagram can be a whole 64 KB super-packet. */
    private static final int GRO_DATAGRAM = 65_536;
    /** -Djswan.udp.gro=false turns UDP GRO off on the NAT-T socket, for comparisons. */
    private static final boolean UDP_GRO = Boolean.parseBoolean(System.getProperty("jswan.udp.gro", "true"));

    private final EventLoopGroup group;
    private final Channel ike;
    private final Channel natT;
    private final boolean epoll;

    private UdpSockets(final EventLoopGroup group, final Channel ike, final Channel natT, final boolean epoll) {
        this.group = group;
        this.ike = ike;
        this.natT = natT;
        this.epoll = epoll;
    }

    /** Binds both sockets on {@code address} (wildcard if null); throws with the port in the message on failure. */
    public static UdpSockets bind(final InetAddress address, final int ikePort, final int natTPort,
                                  final DatagramReceiver receiver) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread t = new Thread(runnable, "jswan-udp");
            t.setDaemon(true);
            return t;
        }, factory);
        try {
            Channel ike = open(group, epoll, address, ikePort, new Port4500Demux(receiver, false));
            Channel natT = open(group, epoll, address, natTPort, new Port4500Demux(receiver, true));
            NET.log(System.Logger.Level.INFO, "listening on UDP ports " + ikePort + " and " + natTPort
                    + (epoll ? " (epoll)" : " (nio)"));
            return new UdpSockets(group, ike, natT, epoll);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully();
            throw e;
        }
    }

    private static Channel open(final EventLoopGroup group, final boolean epoll, final InetAddress address,
                                final int port, final Port4500Demux handler) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).handler(handler)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20);
        if (epoll && handler.natTraversalPort() && UDP_GRO) {
            // UDP GRO: a peer's GSO burst (or what the kernel merged) arrives as one datagram of up to 64 KB with a
            // cmsg giving the segment size, and Netty hands the segments up one by one; this saves the kernel's
            // per-segment work on receive. Netty reads that cmsg on its recvmsg path only (its recvmmsg path hands
            // the merged datagram up whole), so no MAX_DATAGRAM_PAYLOAD_SIZE here: one 64 KB datagram per read.
            b.channel(EpollDatagramChannel.class)
                    .option(EpollChannelOption.UDP_GRO, true)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new io.netty.channel.FixedRecvByteBufAllocator(GRO_DATAGRAM));
        } else if (epoll) {
            b.channel(EpollDatagramChannel.class)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new io.netty.channel.FixedRecvByteBufAllocator(MAX_DATAGRAM * READ_BATCH));
        } else {
            b.channel(NioDatagramChannel.class);
        }
        InetSocketAddress at = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
        try {
            return b.bind(at).sync().channel();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot bind UDP " + at + ": " + e.getMessage()
                    + " (is another IKE daemon such as charon running? ports below 1024 need root)", e);
        }
    }

    /** Sends an IKE message; {@code natT} selects the NAT-T socket and prepends the non-ESP marker. */
    public void sendIke(final byte[] message, final InetSocketAddress remote, final boolean natT) {
        ByteBuf buf;
        if (natT) {
            buf = Unpooled.buffer(4 + message.length).writeInt(0).writeBytes(message);
        } else {
            buf = Unpooled.wrappedBuffer(message);
        }
        (natT ? this.natT : ike).writeAndFlush(new DatagramPacket(buf, remote));
    }

    /** The NAT-T channel, for the data plane's ESP-in-UDP sends. */
    public Channel natTChannel() {
        return natT;
    }

    public int ikePort() {
        return ((InetSocketAddress) ike.localAddress()).getPort();
    }

    public int natTPort() {
        return ((InetSocketAddress) natT.localAddress()).getPort();
    }

    public boolean usesEpoll() {
        return epoll;
    }

    /** The NAT-T socket's fd (epoll only), for the data plane's own sends and receives; -1 on NIO. */
    public int natTFd() {
        return epoll ? ((EpollDatagramChannel) natT).fd().intValue() : -1;
    }

    /**
     * Hands reading the NAT-T socket over to its caller: Netty stops reading it (and so calls the receiver no more
     * for port 4500) before this returns. Sends through {@link #sendIke} go on as before.
     */
    public void stopNatTReads() throws InterruptedException {
        natT.eventLoop().submit(() -> natT.config().setAutoRead(false)).sync();
    }

    /** Netty reads the NAT-T socket again (the data plane's own reader gave up). */
    public void resumeNatTReads() {
        natT.config().setAutoRead(true);
    }

    @Override
    public void close() {
        ike.close().awaitUninterruptibly();
        natT.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
