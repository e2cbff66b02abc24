package org.jswan.gateway.backend;

import java.io.IOException;
import org.jswan.esp.engine.InboundProcessor;
import org.jswan.nativeio.raw.RawEspSocket;
import org.jswan.nativeio.tun.PacketBatch;

/**
 * The reader thread of a raw ESP socket: receives a batch straight into the inbound processor's slots (after the
 * headroom; an IPv4 header, if any, stays in front), decapsulates it and writes it to the TUN device, until the
 * socket closes. Used by {@code jswan static}, and by the daemon's {@link PlainEspSockets} when Netty reads the NAT-T
 * socket.
 */
public final class PlainEspReader implements Runnable {
    private static final System.Logger NET = System.getLogger("NET");
    private final RawEspSocket socket;
    private final InboundProcessor inbound;

    public PlainEspReader(final RawEspSocket socket, final InboundProcessor inbound) {
        this.socket = socket;
        this.inbound = inbound;
    }

    @Override
    public void run() {
        PacketBatch batch = inbound.batch();
        while (true) {
            int n;
            try {
                n = socket.receiveEsp(batch, InboundProcessor.HEADROOM);
            } catch (IOException e) {
                NET.log(System.Logger.Level.ERROR, "receiving plain ESP failed, no more plain ESP is read: "
                        + e.getMessage());
                return;
            }
            if (n < 0) {
                return;
            }
            try {
                inbound.process(n);
            } catch (IOException e) {
                NET.log(System.Logger.Level.WARNING, "writing to the TUN device failed: " + e.getMessage());
            }
        }
    }
}
