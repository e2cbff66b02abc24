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
