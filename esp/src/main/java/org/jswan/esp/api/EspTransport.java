package org.jswan.esp.api;

import org.jswan.nativeio.tun.PacketBatch;

/**
 * Sends ESP packets to peers (implemented by the gateway with Netty UDP sockets: one write per packet, one flush per
 * batch, so sendmmsg). Each slot holds an ESP packet, SPI first; the outer IP (and for
 * {@link EspEndpoint#udpEncap()} the UDP header, RFC 3948) is added by the socket.
 */
public interface EspTransport {
    /**
     * Sends the first {@code batch.count()} packets; packet {@code i} goes to {@code destinations[i]}. Called on the
     * TUN reader thread; the batch is reused once this returns, so the implementation copies or finishes with it.
     */
    void send(PacketBatch batch, EspEndpoint[] destinations);

    /** How slots are framed; fixed for the life of the transport. */
    default Framing framing() {
        return Framing.ESP;
    }
}
