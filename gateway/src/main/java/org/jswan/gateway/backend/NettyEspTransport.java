package org.jswan.gateway.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.nio.ByteBuffer;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.nativeio.tun.PacketBatch;

/**
 * Sends ESP-in-UDP (RFC 3948) through the gateway's NAT-T socket (packets of SAs without UDP encapsulation are
 * skipped: they are not this transport's). The TUN thread copies each packet of a batch into a
 * pooled direct buffer and hands the whole batch to the socket's event loop as one task: N writes, one flush, which
 * epoll turns into sendmmsg. The pooled buffers and DatagramPacket wrappers are the remaining per-packet
 * allocations of the outbound path (see BENCHMARKS.md).
 */
public final class NettyEspTransport implements EspTransport {
    private final Channel channel;
    private final ByteBufAllocator alloc;

    public NettyEspTransport(final Channel channel) {
        this.channel = channel;
        this.alloc = channel.alloc();
    }

    @Override
    public void send(final PacketBatch batch, final EspEndpoint[] destinations) {
        int n = batch.count();
        if (n == 0) {
            return;
        }
        DatagramPacket[] packets = new DatagramPacket[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!destinations[i].udpEncap()) {
                continue; // plain ESP leaves by the raw socket (DualEspTransport)
            }
            int len = batch.length(i);
            ByteBuf buf = alloc.directBuffer(len);
            ByteBuffer slot = batch.slot(i).duplicate();
            slot.limit(batch.offset(i) + len).position(batch.offset(i));
            buf.writeBytes(slot);
            packets[m++] = new DatagramPacket(buf, destinations[i].remote());
        }
        int count = m;
        if (count == 0) {
            return;
        }
        channel.eventLoop().execute(() -> {
            for (int i = 0; i < count; i++) {
                channel.write(packets[i], channel.voidPromise());
            }
            channel.flush();
        });
    }
}
