package org.jswan.gateway.statickey;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.esp.engine.InboundProcessor;
import org.jswan.nativeio.tun.PacketBatch;

/**
 * ESP-in-UDP (RFC 3948) for a static tunnel on a plain blocking {@link DatagramChannel}: {@link #send} on the TUN
 * thread, {@link #run} on its own receive thread. A debugging tool, so one syscall per datagram is fine.
 */
final class UdpEspSocket implements EspTransport, Runnable {
    private static final System.Logger ESP = System.getLogger("ESP");
    private final DatagramChannel channel;
    private final InetSocketAddress remote;
    private final InboundProcessor inbound;
    private final ByteBuffer receive = ByteBuffer.allocateDirect(65536);
    private volatile long sendErrors;

    UdpEspSocket(final InetSocketAddress local, final InetSocketAddress remote, final InboundProcessor inbound)
            throws IOException {
        this.channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(local);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind UDP " + local + ": " + e.getMessage(), e);
        }
        this.remote = remote;
        this.inbound = inbound;
    }

    @Override
    public void send(final PacketBatch batch, final EspEndpoint[] destinations) {
        for (int i = 0; i < batch.count(); i++) {
            ByteBuffer slot = batch.slot(i).duplicate();
            slot.limit(batch.offset(i) + batch.length(i)).position(batch.offset(i));
            try {
                channel.send(slot, destinations[i].remote());
            } catch (IOException e) {
                sendErrors++; // e.g. ICMP unreachable reported on a later send; the next packet may pass
            }
        }
    }

    long sendErrors() {
        return sendErrors;
    }

    /** Receives until the channel closes; only datagrams from the configured peer reach the ESP engine. */
    @Override
    public void run() {
        while (channel.isOpen()) {
            receive.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(receive);
            } catch (IOException e) {
                if (channel.isOpen()) {
                    ESP.log(System.Logger.Level.WARNING, "UDP receive failed: " + e.getMessage());
                    continue;
                }
                return;
            }
            receive.flip();
            if (from == null || !from.getAddress().equals(remote.getAddress()) || !isEsp(receive)) {
                continue;
            }
            if (inbound.stage(0, receive)) {
                try {
                    inbound.process(1);
                } catch (IOException e) {
                    ESP.log(System.Logger.Level.WARNING, "writing to the TUN device failed: " + e.getMessage());
                }
            }
        }
    }

    /** RFC 3948 §2.2/§2.3: a 1-byte 0xFF is a NAT keepalive, a zero non-ESP marker starts IKE; neither is ESP. */
    static boolean isEsp(final ByteBuffer b) {
        if (b.remaining() == 1 && (b.get(b.position()) & 0xFF) == 0xFF) {
            return false;
        }
        return b.remaining() >= 8 && b.getInt(b.position()) != 0;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing only wakes the receive thread
        }
    }
}
