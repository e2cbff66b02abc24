package org.jswan.nativeio.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import org.jswan.nativeio.posix.Errno;
import org.jswan.nativeio.posix.LibC;
import org.jswan.nativeio.posix.NativeException;
import org.jswan.nativeio.tun.PacketBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sends real batches over loopback (no privilege needed) and checks what two receivers get, byte for byte. */
class UdpBatchSenderTest {
    private static final int HEADROOM = 32;
    private final LibC libc = LibC.instance();
    private int fd;
    private DatagramChannel rxA;
    private DatagramChannel rxB;

    @BeforeEach
    void open() throws IOException {
        fd = libc.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        assertTrue(fd >= 0, "socket: " + Errno.valueOf(LibC.errno()));
        rxA = receiver();
        rxB = receiver();
    }

    private static DatagramChannel receiver() throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ch.configureBlocking(false);
        return ch;
    }

    @AfterEach
    void close() throws IOException {
        libc.close(fd);
        rxA.close();
        rxB.close();
    }

    /** Packet {@code i} of a batch: its index in every byte, so any mix-up shows. */
    private static void fill(final PacketBatch batch, final int i, final int length) {
        for (int k = 0; k < length; k++) {
            batch.slot(i).put(HEADROOM + k, (byte) (i * 7 + k));
        }
        batch.set(i, HEADROOM, length);
    }

    private static byte[] expected(final int i, final int length) {
        byte[] b = new byte[length];
        for (int k = 0; k < length; k++) {
            b[k] = (byte) (i * 7 + k);
        }
        return b;
    }

    private static List<byte[]> drain(final DatagramChannel ch, final int want) throws Exception {
        List<byte[]> got = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(70_000);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (got.size() < want && System.nanoTime() < deadline) {
            buf.clear();
            if (ch.receive(buf) == null) {
                Thread.sleep(5);
                continue;
            }
            buf.flip();
            byte[] b = new byte[buf.remaining()];
            buf.get(b);
            got.add(b);
        }
        buf.clear();
        Thread.sleep(20);
        assertNull(ch.receive(buf), "no more datagrams than sent");
        return got;
    }

    @Test
    void equalRunsBecomeGsoMessagesAndArriveAsTheOriginalDatagrams() throws Exception {
        // 10 x 1400 to A (the last run member 300), then 3 x 1400 to B, then 1 x 900 to A: three GSO-able runs.
        int[] sizes = {1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 300, 1400, 1400, 1400, 900};
        PacketBatch batch = new PacketBatch(sizes.length, HEADROOM + 1500);
        InetSocketAddress a = (InetSocketAddress) rxA.getLocalAddress();
        InetSocketAddress b = (InetSocketAddress) rxB.getLocalAddress();
        InetSocketAddress[] to = new InetSocketAddress[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            fill(batch, i, sizes[i]);
            to[i] = i >= 10 && i < 13 ? b : new InetSocketAddress(a.getAddress(), a.getPort()); // equal, not same
        }
        batch.count(sizes.length);
        batch.slot(0).position(HEADROOM + 5); // as a TUN read leaves it: positions must not matter
        try (UdpBatchSender sender = UdpBatchSender.open(fd, 64, true)) {
            assertEquals(sizes.length, sender.send(batch, to));
            assertEquals(3, sender.messagesBuilt(), "runs: 10 to A, 3 to B, 1 to A");
            assertEquals(2, sender.gsoMessagesBuilt());
            assertTrue(sender.gso(), "loopback takes GSO");
            assertEquals(sizes.length, sender.datagramsSent());
        }
        List<byte[]> gotA = drain(rxA, 11);
        List<byte[]> gotB = drain(rxB, 3);
        assertEquals(11, gotA.size());
        assertEquals(3, gotB.size());
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(expected(i, sizes[i]), gotA.get(i), "datagram " + i);
        }
        assertArrayEquals(expected(13, 900), gotA.get(10));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected(10 + i, 1400), gotB.get(i));
        }
    }

    @Test
    void nullDestinationsAreSkippedAndSplitRuns() throws Exception {
        // Packets 2, 3 and 7 leave by another socket: the run to A is cut at 2 and resumes at 4.
        int n = 9;
        PacketBatch batch = new PacketBatch(n, HEADROOM + 1500);
        InetSocketAddress a = (InetSocketAddress) rxA.getLocalAddress();
        InetSocketAddress[] to = new InetSocketAddress[n];
        for (int i = 0; i < n; i++) {
            fill(batch, i, 1200);
            to[i] = i == 2 || i == 3 || i == 7 ? null : a;
        }
        batch.count(n);
        try (UdpBatchSender sender = UdpBatchSender.open(fd, n, true)) {
            assertEquals(6, sender.send(batch, to), "only the addressed datagrams count as sent");
            assertEquals(3, sender.messagesBuilt(), "runs 0-1, 4-6, 8");
            assertEquals(6, sender.datagramsSent());
            to[0] = null;
            to[1] = null;
            to[4] = null;
            to[5] = null;
            to[6] = null;
            to[8] = null;
            assertEquals(0, sender.send(batch, to), "nothing addressed: nothing sent");
        }
        List<byte[]> got = drain(rxA, 6);
        int[] sent = {0, 1, 4, 5, 6, 8};
        for (int k = 0; k < sent.length; k++) {
            assertArrayEquals(expected(sent[k], 1200), got.get(k), "datagram " + sent[k]);
        }
    }

    @Test
    void withoutGsoEachDatagramIsOneMessage() throws Exception {
        PacketBatch batch = new PacketBatch(4, HEADROOM + 1500);
        InetSocketAddress a = (InetSocketAddress) rxA.getLocalAddress();
        InetSocketAddress[] to = {a, a, a, a};
        for (int i = 0; i < 4; i++) {
            fill(batch, i, 1000);
        }
        batch.count(4);
        try (UdpBatchSender sender = UdpBatchSender.open(fd, 4, false)) {
            assertEquals(4, sender.send(batch, to));
            assertEquals(4, sender.messagesBuilt());
            assertEquals(0, sender.gsoMessagesBuilt());
        }
        List<byte[]> got = drain(rxA, 4);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(expected(i, 1000), got.get(i));
        }
    }

    @Test
    void aDatagramTooLargeForUdpIsDroppedAndTheRestStillGo() throws Exception {
        PacketBatch batch = new PacketBatch(3, HEADROOM + 66_000);
        InetSocketAddress a = (InetSocketAddress) rxA.getLocalAddress();
        InetSocketAddress[] to = {a, a, a};
        fill(batch, 0, 500);
        fill(batch, 1, 65_600); // more than 65507, the IPv4 UDP maximum: EMSGSIZE
        fill(batch, 2, 700);
        batch.count(3);
        try (UdpBatchSender sender = UdpBatchSender.open(fd, 3, true)) {
            assertEquals(2, sender.send(batch, to));
            assertEquals(1, sender.drops());
        }
        List<byte[]> got = drain(rxA, 2);
        assertArrayEquals(expected(0, 500), got.get(0));
        assertArrayEquals(expected(2, 700), got.get(1));
    }

    @Test
    void aDualStackSocketReachesIpv4PeersThroughMappedAddresses() throws Exception {
        // Netty binds the wildcard as [::]: an AF_INET6 socket refuses AF_INET names (EAFNOSUPPORT).
        int fd6 = libc.socket(LibC.AF_INET6, LibC.SOCK_DGRAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        assertTrue(fd6 >= 0, "socket(AF_INET6): " + Errno.valueOf(LibC.errno()));
        try {
            PacketBatch batch = new PacketBatch(3, HEADROOM + 1500);
            InetSocketAddress a = (InetSocketAddress) rxA.getLocalAddress();
            InetSocketAddress[] to = {a, a, a};
            for (int i = 0; i < 3; i++) {
                fill(batch, i, 1200);
            }
            batch.count(3);
            try (UdpBatchSender sender = UdpBatchSender.open(fd6, 3, true)) {
                assertEquals(3, sender.send(batch, to));
                assertEquals(0, sender.drops());
            }
            List<byte[]> got = drain(rxA, 3);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected(i, 1200), got.get(i));
            }
        } finally {
            libc.close(fd6);
        }
    }

    @Test
    void openRefusesWhatIsNotASocket() {
        int efd = libc.eventfd(0, LibC.EFD_CLOEXEC);
        try {
            assertThrows(NativeException.class, () -> UdpBatchSender.open(efd, 1, true));
        } finally {
            libc.close(efd);
        }
    }

    @Test
    void sendAfterCloseThrows() throws Exception {
        PacketBatch batch = new PacketBatch(1, HEADROOM + 100);
        fill(batch, 0, 10);
        batch.count(1);
        UdpBatchSender sender = UdpBatchSender.open(fd, 1, true);
        sender.close();
        sender.close();
        assertThrows(ClosedChannelException.class,
                () -> sender.send(batch, new InetSocketAddress[] {(InetSocketAddress) rxA.getLocalAddress()}));
    }
}
