package org.jswan.gateway.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.engine.EspDataPlane;
import org.jswan.esp.engine.InboundProcessor;
import org.jswan.gateway.net.DatagramReceiver;
import org.jswan.lab.Lab;
import org.jswan.nativeio.posix.LibC;
import org.jswan.nativeio.raw.RawEspSocket;
import org.jswan.nativeio.tun.PacketBatch;
import org.jswan.nativeio.tun.TunDevice;
import org.jswan.nativeio.udp.UdpBatchReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What arrives on the NAT-T socket, hostile or not, sorted by the loop over a real loopback socket (no privilege
 * needed): ESP to the data plane, IKE to the daemon, keepalives and runts counted; a datagram whose handler throws
 * costs that datagram only.
 */
class NatTReceiveLoopTest {
    private final LibC libc = LibC.instance();
    private int fd;
    private InetSocketAddress address;
    private DatagramChannel peer;

    @BeforeEach
    void open() throws Exception {
        fd = libc.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        assertTrue(fd >= 0);
        ByteBuffer sin = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        sin.putShort(0, (short) LibC.AF_INET);
        sin.put(4, (byte) 127).put(7, (byte) 1);
        assertEquals(0, libc.bind(fd, sin, 16));
        ByteBuffer length = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, 16);
        assertEquals(0, libc.getsockname(fd, sin, length));
        address = new InetSocketAddress(InetAddress.getLoopbackAddress(), ((sin.get(2) & 0xff) << 8)
                | (sin.get(3) & 0xff));
        peer = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() throws Exception {
        libc.close(fd);
        peer.close();
    }

    private void send(final int... bytes) throws Exception {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        peer.send(ByteBuffer.wrap(b), address);
    }

    /** Feeds everything waiting to the loop's sorting, as its thread would. */
    private static void drain(final UdpBatchReceiver rx, final NatTReceiveLoop loop, final EspReceiver esp,
            final int want) throws Exception {
        int seen = 0;
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (seen < want && System.nanoTime() < deadline) {
            int n = rx.receive();
            for (int m = 0; m < n; m++) {
                loop.dispatch(m);
            }
            seen += n;
            if (n == 0) {
                Thread.sleep(1);
            }
        }
        esp.flush();
        assertEquals(want, seen, "datagrams read");
    }

    @Test
    void sortsEspIkeKeepalivesAndRuntsAndSurvivesAThrowingHandler() throws Exception {
        EspDataPlane plane = new EspDataPlane();
        EspReceiver esp = new EspReceiver(new NullTun(), plane, InboundProcessor.Arrival.UDP, 16, 2000);
        List<byte[]> ike = new ArrayList<>();
        List<InetSocketAddress> from = new ArrayList<>();
        DatagramReceiver daemon = new DatagramReceiver() {
            @Override
            public void onIke(final ByteBuf message, final InetSocketAddress local, final InetSocketAddress remote) {
                byte[] b = ByteBufUtil.getBytes(message);
                if (b[0] == 0x66) {
                    throw new IllegalStateException("a handler that throws");
                }
                ike.add(b);
                from.add(remote);
            }

            @Override
            public void onEsp(final ByteBuf datagram, final InetSocketAddress local,
                    final InetSocketAddress remote) {
                throw new AssertionError("ESP goes to the EspReceiver, not here");
            }
        };
        try (UdpBatchReceiver rx = UdpBatchReceiver.open(fd, 4)) {
            NatTReceiveLoop loop = new NatTReceiveLoop(rx, 4, esp, daemon, address, () -> { });
            send(); // empty
            send(0xFF); // NAT keepalive
            send(0x00); // runt
            send(0, 0, 0, 0); // a marker and nothing behind it: runt
            send(0, 0, 0, 0, 0x66, 1, 2); // IKE whose handler throws
            send(0, 0, 0, 0, 0x21, 0x20, 0x22, 0x08); // IKE
            send(0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 9, 9); // ESP, SPI 0x12345678: no such SA
            byte[] oversized = new byte[2001]; // larger than a batch slot holds (2000 here)
            oversized[0] = 0x12;
            peer.send(ByteBuffer.wrap(oversized), address);
            drain(rx, loop, esp, 8);

            assertEquals(1, ike.size(), "one IKE message reached the daemon");
            assertArrayEquals(new byte[] {0x21, 0x20, 0x22, 0x08}, ike.get(0), "without the non-ESP marker");
            assertEquals(peer.getLocalAddress(), from.get(0));
            assertEquals(1, plane.dropCounters().get(DropReason.NO_SA), "the ESP datagram reached the data plane");
            assertEquals(1, plane.dropCounters().get(DropReason.MALFORMED), "the oversized one was dropped, counted");
            String counters = loop.counters();
            assertTrue(counters.contains("2 ESP datagrams, 2 IKE, 1 NAT keepalives, 3 runts, 1 failed"), counters);
        }
    }

    /**
     * The loop's one thread also reads plain ESP: the raw socket's readiness wakes it (its fd is in the NAT-T
     * receiver's poll set), and the datagram reaches the data plane (counted NO_SA: there is no SA for its SPI).
     */
    @Test
    void plainEspOnARawSocketWakesTheLoopAndIsDecapsulatedOnItsThread() throws Exception {
        Lab.assumeRoot();
        EspDataPlane plane = new EspDataPlane();
        EspReceiver esp = new EspReceiver(new NullTun(), plane, InboundProcessor.Arrival.ANY, 16, 2000);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (RawEspSocket raw = RawEspSocket.open((java.net.Inet4Address) lo);
                RawEspSocket sender = RawEspSocket.open((java.net.Inet4Address) lo);
                UdpBatchReceiver rx = UdpBatchReceiver.open(fd, 4, new int[] {raw.pollFd()})) {
            NatTReceiveLoop loop = new NatTReceiveLoop(rx, 4, esp, null, address, () -> { },
                    new RawEspSocket[] {raw});
            Thread t = new Thread(loop, "test-esp-rx");
            t.start();
            sender.connect(lo);
            PacketBatch out = new PacketBatch(1, 128);
            out.slot(0).putInt(0, 0x7e57_e5b0).putInt(4, 1).putLong(8, 0).putLong(16, 0);
            out.set(0, 0, 40);
            out.count(1);
            assertEquals(1, sender.send(out));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (plane.dropCounters().get(DropReason.NO_SA) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            rx.close();
            t.join(2000);
            assertEquals(1, plane.dropCounters().get(DropReason.NO_SA), "read by the loop, decapsulated on its thread");
            assertEquals(1, raw.received());
        }
    }

    /** Only the batch size matters: nothing reaches the device (no SA). */
    private static final class NullTun implements TunDevice {
        @Override
        public String name() {
            return "null";
        }

        @Override
        public int mtu() {
            return 1400;
        }

        @Override
        public int batchSize() {
            return 16;
        }

        @Override
        public int read(final PacketBatch batch, final int headroom) {
            return -1;
        }

        @Override
        public int write(final PacketBatch batch) {
            return batch.count();
        }

        @Override
        public void close() {
        }
    }
}
