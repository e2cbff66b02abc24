package org.jswan.gateway.net;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Where the UDP sockets hand what they receive: on the socket's event-loop thread, and {@link #onIke} also on the
 * NAT-T socket's own reader ({@code NatTReceiveLoop}) when it has one.
 */
public interface DatagramReceiver {

    /**
     * An IKE message (non-ESP marker already stripped on port 4500). The buffer is only valid during the call:
     * copy what you keep.
     */
    void onIke(ByteBuf message, InetSocketAddress local, InetSocketAddress remote);

    /** An ESP-in-UDP datagram (RFC 3948) received on the NAT-T port. Valid only during the call. */
    void onEsp(ByteBuf datagram, InetSocketAddress local, InetSocketAddress remote);

    /** The end of one batch of reads (recvmmsg); a data plane flushes what it staged. */
    default void onBatchEnd() {
    }
}
