package org.jswan.gateway.statickey;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.esp.engine.InboundProcessor;
import org.jswan.nativeio.raw.RawEspSocket;
import org.jswan.nativeio.tun.PacketBatch;

/**
 * Plain ESP (IP protocol 50) for a static tunnel over {@link RawEspSocket}: the kernel writes the outer IPv4 or IPv6
 * header, so the engine hands over ESP packets ({@link org.jswan.esp.api.Framing#ESP}, in transport mode too). The
 * socket is connected to the peer, so the kernel delivers only its ESP; IPv4 datagrams carry their IPv4 header, which
 * is stripped before decapsulation, IPv6 ones arrive without it.
 */
final class RawEspChannel implements EspTransport, Runnable {
    private static final System.Logger ESP = System.getLogger("ESP");
    private final RawEspSocket socket;
    private final int remote;
    private final InboundProcessor inbound;
    private final PacketBatch receive;

    RawEspChannel(final InetAddress local, final InetAddress remote, final InboundProcessor inbound)
            throws IOException {
        this.socket = local instanceof Inet4Address v4 ? RawEspSocket.open(v4)
                : RawEspSocket.open((Inet6Address) local);
        try {
            socket.connect(remote);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        this.remote = remote instanceof Inet4Address v4 ? RawEspSocket.toInt(v4) : 0;
        this.inbound = inbound;
        this.receive = new PacketBatch(inbound.batch().capacity(), inbound.batch().slotSize());
    }

    @Override
    public void send(final PacketBatch batch, final EspEndpoint[] destinations) {
        try {
            socket.send(batch); // a static tunnel has exactly one peer, the connected one
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
                int ihl = 0;
                if (socket.ipv4()) {
                    ihl = RawEspSocket.ipv4HeaderLength(slot, off);
                    if (ihl < 20 || ihl >= len || RawEspSocket.ipv4Source(slot, off) != remote) {
                        continue;
                    }
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
