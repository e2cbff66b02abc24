package org.jswan.gateway.statickey;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.esp.engine.InboundProcessor;
import org.jswan.gateway.backend.PlainEspReader;
import org.jswan.nativeio.raw.RawEspSocket;
import org.jswan.nativeio.tun.PacketBatch;

/**
 * Plain ESP (IP protocol 50) for a static tunnel over {@link RawEspSocket}: the kernel writes the outer IPv4 or IPv6
 * header, so the engine hands over ESP packets ({@link org.jswan.esp.api.Framing#ESP}, in transport mode too). The
 * socket is bound to the local address and connected to the peer, so the kernel delivers only the peer's ESP to
 * it, and not other tunnels' (each static tunnel has a socket of its own); {@link PlainEspReader} reads it.
 */
final class RawEspChannel implements EspTransport, Runnable {
    private static final System.Logger ESP = System.getLogger("ESP");
    private final RawEspSocket socket;
    private final PlainEspReader reader;

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
        this.reader = new PlainEspReader(socket, inbound);
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
        reader.run();
    }

    void close() {
        socket.close();
    }
}
