package org.jswan.nativeio.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

import org.jswan.nativeio.posix.Errno;
import org.jswan.nativeio.posix.LibC;
import org.jswan.nativeio.tun.PacketBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real datagrams over loopback (no privilege needed): plain ones, and a GSO burst that UDP GRO keeps whole. */
class UdpBatchReceiverTest {
    private final LibC libc = LibC.instance();
    private int rxFd;
    private int txFd;
    private InetSocketAddress rxAddress;

    @BeforeEach
    void open() throws Exception {
        rxFd = boundSocket();
        txFd = boundSocket();
        ByteBuffer name = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        ByteBuffer nameLength = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, 16);
        assertEquals(0, libc.getsockname(rxFd, name, nameLength));
        int port = ((name.get(2) & 0xff) << 8) | (name.get(3) & 0xff);
        rxAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private int boundSocket() {
        int fd = libc.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        assertTrue(fd >= 0, "socket: " + Errno.valueOf(LibC.errno()));
        ByteBuffer sin = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        sin.putShort(0, (short) LibC.AF_INET);
        sin.put(4, (byte) 127).put(7, (byte) 1); // 127.0.0.1, port 0
        assertEquals(0, libc.bind(fd, sin, 16), "bind: " + Errno.valueOf(LibC.errno()));
        return fd;
    }

    @AfterEach
    void close() {
        libc.close(rxFd);
        libc.close(txFd);
    }

    /** Receives until {@code want} bytes have arrived, cutting GRO messages; returns the bytes in order. */
    private static byte[] drain(final UdpBatchReceiver rx, final int want, final int[] stats) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (got.size() < want && System.nanoTime() < deadline) {
            int n = rx.receive();
            for (int m = 0; m < n; m++) {
                int len = rx.length(m);
                int seg = rx.segmentSize(m);
                stats[0]++;
                stats[1] = Math.max(stats[1], len / seg + (len % seg == 0 ? 0 : 1));
                byte[] b = new byte[len];
                rx.data(m).get(0, b);
                got.write(b);
            }
            if (n == 0) {
                Thread.sleep(1);
            }
        }
        return got.toByteArray();
    }

    @Test
    void plainDatagramsOneMessageEachWithTheirSource() throws Exception {
        try (UdpBatchReceiver rx = UdpBatchReceiver.open(rxFd, 8);
                DatagramChannel tx = DatagramChannel.open()) {
            tx.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            for (int i = 0; i < 3; i++) {
                byte[] d = new byte[100 + i];
                Arrays.fill(d, (byte) i);
                tx.send(ByteBuffer.wrap(d), rxAddress);
            }
            assertTrue(rx.await());
            int n = 0;
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (n < 3 && System.nanoTime() < deadline) {
                int got = rx.receive();
                for (int m = 0; m < got; m++, n++) {
                    assertEquals(100 + n, rx.length(m));
                    assertEquals(rx.length(m), rx.segmentSize(m), "no GRO asked for: one datagram per message");
                    assertEquals(n, rx.data(m).get(0));
                    assertEquals(tx.getLocalAddress(), rx.source(m));
                }
            }
            assertEquals(3, n);
            assertEquals(0, rx.receive(), "nothing more waiting");
        }
    }

    @Test
    void aGsoBurstArrivesAsOneGroMessageAndIsCutBySegmentSize() throws Exception {
        UdpBatchReceiver.enableGro(rxFd);
        int[] sizes = {1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 500};
        PacketBatch batch = new PacketBatch(sizes.length, 2048);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        InetSocketAddress[] to = new InetSocketAddress[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            for (int k = 0; k < sizes[i]; k++) {
                batch.slot(i).put(k, (byte) (i * 31 + k));
                sent.write(i * 31 + k);
            }
            batch.set(i, 0, sizes[i]);
            to[i] = rxAddress;
        }
        batch.count(sizes.length);
        try (UdpBatchReceiver rx = UdpBatchReceiver.open(rxFd, 4);
                UdpBatchSender sender = UdpBatchSender.open(txFd, sizes.length, true)) {
            assertEquals(sizes.length, sender.send(batch, to));
            int[] stats = new int[2];
            byte[] got = drain(rx, sent.size(), stats);
            assertTrue(Arrays.equals(sent.toByteArray(), got), "every byte, in order");
            assertTrue(stats[0] < sizes.length, stats[0] + " messages for " + sizes.length + " datagrams: GRO merged");
            assertTrue(stats[1] > 1, "a message carried several segments");
            assertEquals(0, rx.truncated());
        }
    }

    @Test
    void aDualStackSocketNamesIpv4PeersAsIpv4AndIpv6PeersAsIpv6() throws Exception {
        int fd6 = libc.socket(LibC.AF_INET6, LibC.SOCK_DGRAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        assertTrue(fd6 >= 0, "socket: " + Errno.valueOf(LibC.errno()));
        try (UdpBatchReceiver rx = UdpBatchReceiver.open(fd6, 4);
                DatagramChannel v4 = DatagramChannel.open();
                DatagramChannel v6 = DatagramChannel.open()) {
            ByteBuffer sin6 = ByteBuffer.allocateDirect(28).order(ByteOrder.nativeOrder());
            sin6.putShort(0, (short) LibC.AF_INET6); // ::, port 0: both families (IPV6_V6ONLY is off by default)
            assertEquals(0, libc.bind(fd6, sin6, 28), "bind: " + Errno.valueOf(LibC.errno()));
            ByteBuffer length = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, 28);
            assertEquals(0, libc.getsockname(fd6, sin6, length));
            int port = ((sin6.get(2) & 0xff) << 8) | (sin6.get(3) & 0xff);
            v4.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            v4.send(ByteBuffer.wrap(new byte[] {4}), new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            v6.send(ByteBuffer.wrap(new byte[] {6}), new InetSocketAddress(InetAddress.getByName("::1"), port));
            int seen = 0;
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (seen < 2 && System.nanoTime() < deadline) {
                int n = rx.receive();
                for (int m = 0; m < n; m++, seen++) {
                    InetSocketAddress expected = (InetSocketAddress) (rx.data(m).get(0) == 4 ? v4 : v6)
                            .getLocalAddress();
                    assertEquals(expected, rx.source(m), "an IPv4-mapped source comes out as IPv4");
                }
                if (n == 0) {
                    Thread.sleep(1);
                }
            }
            assertEquals(2, seen);
        } finally {
            libc.close(fd6);
        }
    }

    @Test
    void closeWakesAWaitingReceiver() throws Exception {
        UdpBatchReceiver rx = UdpBatchReceiver.open(rxFd, 2);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rx.close();
        });
        t.start();
        assertFalse(rx.await(), "woken by close, not by data");
        t.join();
        assertEquals(0, rx.receive());
        rx.close();
    }
}
