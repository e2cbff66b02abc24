package org.jswan.gateway.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.esp.engine.EspDataPlane;
import org.jswan.lab.Lab;
import org.jswan.nativeio.raw.RawEspSocket;
import org.jswan.nativeio.tun.PacketBatch;
import org.jswan.nativeio.tun.TunDevice;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** A batch with SAs of both kinds: each packet leaves once, by the way its SA was negotiated. Needs CAP_NET_RAW. */
class DualEspTransportTest {
    private static final int HEADROOM = 64;

    @Test
    void eachPacketLeavesByItsSasTransportOnce() throws Exception {
        Lab.assumeRoot();
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        EspEndpoint udp = new EspEndpoint(new InetSocketAddress(lo, 4500), new InetSocketAddress(lo, 4500), true);
        EspEndpoint plain = new EspEndpoint(new InetSocketAddress(lo, 0), new InetSocketAddress(lo, 0), false);
        EspEndpoint[] to = {udp, plain, udp, plain, udp};
        int spi = 0x7e57_0000 + (int) (System.nanoTime() & 0xffff);
        PacketBatch batch = new PacketBatch(to.length, 256);
        for (int i = 0; i < to.length; i++) {
            batch.slot(i).putInt(HEADROOM, spi).putInt(HEADROOM + 4, i).putLong(HEADROOM + 8, 0);
            batch.set(i, HEADROOM, 32);
        }
        batch.count(to.length);
        List<Integer> viaUdp = new ArrayList<>();
        EspTransport fakeUdp = (b, d) -> {
            for (int i = 0; i < b.count(); i++) {
                if (d[i].udpEncap()) { // the contract: a UDP transport skips the others
                    viaUdp.add(b.slot(i).getInt(b.offset(i) + 4));
                }
            }
        };
        try (RawEspSocket peer = RawEspSocket.open((Inet4Address) lo);
                PlainEspSockets raw = PlainEspSockets.open(Mockito.mock(TunDevice.class), new EspDataPlane(), 8,
                        2000)) {
            new DualEspTransport(fakeUdp, raw).send(batch, to);
            assertEquals(List.of(0, 2, 4), viaUdp);
            List<Integer> viaRaw = new ArrayList<>();
            PacketBatch in = new PacketBatch(8, 256);
            // Everything that arrives within 1.5 s: the two plain packets, each once, and nothing else of ours.
            CompletableFuture<Void> stop = CompletableFuture.runAsync(peer::close,
                    CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));
            try {
                int n;
                while ((n = peer.receiveEsp(in, 0)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        if (in.slot(i).getInt(in.offset(i)) == spi) {
                            viaRaw.add(in.slot(i).getInt(in.offset(i) + 4));
                        }
                    }
                }
            } finally {
                stop.cancel(false);
            }
            assertEquals(List.of(1, 3), viaRaw);
        }
    }
}
