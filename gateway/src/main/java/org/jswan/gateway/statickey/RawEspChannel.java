package org.jswan.gateway.statickey;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.esp.engine.UdpInboundProcessor;
import org.jswan.nativeio.raw.RawEspSocket;
import org.jswan.nativeio.tun.PacketBatch;

/**
 * Plain ESP (IP protocol 50) for a static tunnel over {@link RawEspSocket}: the kernel writes the outer IPv4 header,
 * so the engine hands over ESP packets ({@link org.jswan.esp.api.Framing#ESP}, in transport mode too). Received
 * datagrams carry their IPv4 header, which is stripped before decapsulation.
 */
final class RawEspChannel implements EspTransport, Runnable {
    private static final System.Logger ESP = System.getLogger("ESP");
    private final RawEspSocket socket;
    private final int remote;
    private final UdpInboundProcessor inbound;
    private final PacketBatch receive;

    RawEspChannel(final Inet4Address local, final Inet4Address remote, final UdpInboundProcessor inbound)
            throws IOException {
        this.socket = RawEspSocket.open(local);
        this.remote = RawEspSocket.toInt(remote);
        this.inbound = inbound;
        this.receive = new PacketBatch(inbound.batch().capacity(), inbound.batch().slotSize());
    }

    @Override
    public void send(final PacketBatch batch, final EspEndpoint[] destinations) {
        try {
            socket.send(batch, remote); // a static tunnel has exactly one peer
        } catch (IOException e) {
            ESP.log(System.Logger.Level.WARNING, "raw ESP send failed: " + e.getMessage());
        }
    }

    @Override
    public void run() {
        while (true) {
            int n;
            try {
                n = socket.receive(receive, 0);
            } catch (IOException e) {
                ESP.log(System.Logger.Level.WARNING, "raw ESP receive failed: " + e.getMessage());
                return;
            }
            if (n < 0) {
                return;
            }
            int staged = 0;
            for (int i = 0; i < n; i++) {
                ByteBuffer slot = receive.slot(i);
                int off = receive.offset(i);
                int len = receive.length(i);
                int ihl = RawEspSocket.ipv4HeaderLength(slot, off);
                if (ihl < 20 || ihl >= len || RawEspSocket.ipv4Source(slot, off) != remote) {
                    continue;
                }
                ByteBuffer esp = slot.duplicate();
                esp.limit(off + len).position(off + ihl);
                if (inbound.stage(staged, esp)) {
                    staged++;
                }
            }
            if (staged > 0) {
                try {
                    inbound.process(staged);
                } catch (IOException e) {
                    ESP.log(System.Logger.Level.WARNING, "writing to the TUN device failed: " + e.getMessage());
                }
            }
        }
    }

    void close() {
        socket.close();
    }
}
