package org.jswan.gateway.backend;

import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.nativeio.tun.PacketBatch;

/**
 * Sends each packet of a batch the way its SA was negotiated: ESP-in-UDP (RFC 3948) through the NAT-T transport,
 * plain ESP through the raw sockets. Each transport skips the other's packets, so a batch is walked once per kind
 * present and nothing is copied; an SA's packets all go one way, so their order holds.
 */
public final class DualEspTransport implements EspTransport, AutoCloseable {
    private final EspTransport udp;
    private final PlainEspSockets plain;

    public DualEspTransport(final EspTransport udp, final PlainEspSockets plain) {
        this.udp = udp;
        this.plain = plain;
    }

    @Override
    public void send(final PacketBatch batch, final EspEndpoint[] destinations) {
        boolean anyUdp = false;
        boolean anyPlain = false;
        for (int i = 0; i < batch.count(); i++) {
            if (destinations[i].udpEncap()) {
                anyUdp = true;
            } else {
                anyPlain = true;
            }
        }
        if (anyPlain) {
            plain.send(batch, destinations);
        }
        if (anyUdp) {
            udp.send(batch, destinations);
        }
    }

    /** The ESP-in-UDP transport, for its counters. */
    public EspTransport udp() {
        return udp;
    }

    /** Closes the ESP-in-UDP transport (it wakes a sender waiting for room); the raw sockets close on their own. */
    @Override
    public void close() throws Exception {
        if (udp instanceof AutoCloseable c) {
            c.close();
        }
    }
}
