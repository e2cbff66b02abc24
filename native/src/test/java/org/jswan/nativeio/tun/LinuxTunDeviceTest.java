package org.jswan.nativeio.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jswan.nativeio.net.IpCommandConfigurator;
import org.jswan.nativeio.net.IpPrefix;
import org.jswan.nativeio.net.NetworkConfigurator;
import org.jswan.nativeio.posix.Errno;
import org.jswan.nativeio.posix.NativeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real TUN devices in the current network namespace. Needs CAP_NET_ADMIN and /dev/net/tun; skipped otherwise. Each
 * test uses a fresh interface name ({@code jt} + random hex) and addresses in the benchmark ranges 198.18.0.0/15
 * (RFC 2544) and 2001:2::/48 (RFC 5180), and closes the device in finally (the kernel removes it with its last fd).
 */
class LinuxTunDeviceTest {
    private static final int HEADROOM = PacketBatch.DEFAULT_HEADROOM;
    private static final int MTU = 1400;
    private static final long TIMEOUT_MS = 5_000;
    /** Bit 12 of CapEff in /proc/self/status (linux/capability.h). */
    private static final int CAP_NET_ADMIN = 12;

    private final NetworkConfigurator net = new IpCommandConfigurator();
    private final ThreadLocalRandom random = ThreadLocalRandom.current();
    private String name;

    @BeforeEach
    void requireNetAdmin() throws IOException {
        assumeTrue(Files.exists(Path.of(LinuxTunDevice.CLONE_DEVICE)),
                "skipped: " + LinuxTunDevice.CLONE_DEVICE + " is missing (modprobe tun, or --device /dev/net/tun)");
        assumeTrue(hasNetAdmin(), "skipped: needs root or CAP_NET_ADMIN to create TUN devices");
        name = String.format("jt%08x", random.nextInt());
    }

    private static boolean hasNetAdmin() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) >> CAP_NET_ADMIN & 1) != 0;
            }
        }
        return false;
    }

    @Test
    void kernelAnswersIpv4PingWrittenIntoTun() throws Exception {
        pingThroughTun(TunOptions.of(name, MTU));
    }

    @Test
    void kernelAnswersIpv4PingWithVnetHeader() throws Exception {
        pingThroughTun(TunOptions.of(name, MTU).withVnetHeader(true));
    }

    private void pingThroughTun(final TunOptions options) throws Exception {
        int base = 4 * random.nextInt(64);
        int x = random.nextInt(256);
        InetAddress local = InetAddress.getByName("198.18." + x + "." + (base + 1));
        InetAddress peer = InetAddress.getByName("198.18." + x + "." + (base + 2));
        LinuxTunDevice dev = LinuxTunDevice.open(options);
        try {
            assertEquals(name, dev.name());
            net.setMtu(name, MTU);
            net.addAddress(name, new IpPrefix(local, 30));
            net.linkUp(name);
            assertEquals(MTU, Integer.parseInt(Files.readString(Path.of("/sys/class/net", name, "mtu")).trim()));

            PacketBatch batch = PacketBatch.forMtu(8, MTU);
            byte[] payload = "jswan ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int id = random.nextInt(1 << 16);
            byte[] request = PingPacket.echoRequest(peer, local, id, 1, payload);
            writeOne(dev, batch, request);
            byte[] reply;
            try (Repeater r = new Repeater(dev, request)) {
                reply = readMatching(dev, batch, p -> PingPacket.isEchoReply(p, local, peer, id, 1, payload));
            }
            assertEquals(20 + 8 + payload.length, reply.length);
        } finally {
            dev.close();
        }
        assertGone(name);
    }

    @Test
    void kernelAnswersIpv6PingWrittenIntoTun() throws Exception {
        assumeTrue("0".equals(Files.readString(Path.of("/proc/sys/net/ipv6/conf/default/disable_ipv6")).trim()),
                "skipped: IPv6 is disabled in this namespace");
        int x = random.nextInt(1 << 16);
        InetAddress local = InetAddress.getByName("2001:2:0:" + Integer.toHexString(x) + "::1");
        InetAddress peer = InetAddress.getByName("2001:2:0:" + Integer.toHexString(x) + "::2");
        LinuxTunDevice dev = LinuxTunDevice.open(TunOptions.of(name, MTU));
        try {
            net.setMtu(name, MTU);
            net.linkUp(name);
            net.addAddress(name, new IpPrefix(local, 64), true);
            PacketBatch batch = PacketBatch.forMtu(8, MTU);
            byte[] payload = new byte[100];
            random.nextBytes(payload);
            int id = random.nextInt(1 << 16);
            byte[] request = PingPacket.echoRequest(peer, local, id, 7, payload);
            writeOne(dev, batch, request);
            byte[] reply;
            try (Repeater r = new Repeater(dev, request)) {
                reply = readMatching(dev, batch, p -> PingPacket.isEchoReply(p, local, peer, id, 7, payload));
            }
            assertEquals(40 + 8 + payload.length, reply.length);
        } finally {
            dev.close();
        }
        assertGone(name);
    }

    @Test
    void batchWriteOfSeveralPingsIsAnsweredAndReadInBatches() throws Exception {
        int x = random.nextInt(256);
        InetAddress local = InetAddress.getByName("198.18." + x + ".1");
        InetAddress peer = InetAddress.getByName("198.18." + x + ".2");
        LinuxTunDevice dev = LinuxTunDevice.open(TunOptions.of(name, MTU).withBatchSize(16));
        try {
            configure(local);
            int n = 8;
            int id = random.nextInt(1 << 16);
            byte[] payload = new byte[56];
            PacketBatch out = PacketBatch.forMtu(n, MTU);
            for (int i = 0; i < n; i++) {
                byte[] p = PingPacket.echoRequest(peer, local, id, i, payload);
                out.slot(i).put(HEADROOM, p);
                out.set(i, HEADROOM, p.length);
            }
            out.count(n);
            assertEquals(n, dev.write(out));
            assertEquals(0, dev.writeDrops());

            Thread.sleep(100); // let all replies queue, so that one read drains several
            PacketBatch in = PacketBatch.forMtu(16, MTU);
            Set<Integer> seen = new HashSet<>();
            int largestRead = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
            try (Watchdog w = new Watchdog(dev)) {
                while (seen.size() < n && System.nanoTime() < deadline) {
                    int got = dev.read(in, HEADROOM);
                    assertTrue(got > 0, "read ended before all replies came");
                    largestRead = Math.max(largestRead, got);
                    for (int i = 0; i < got; i++) {
                        assertEquals(HEADROOM, in.offset(i));
                        byte[] p = packet(in, i);
                        for (int seq = 0; seq < n; seq++) {
                            if (PingPacket.isEchoReply(p, local, peer, id, seq, payload)) {
                                seen.add(seq);
                            }
                        }
                    }
                }
            }
            assertEquals(n, seen.size(), "replies seen: " + seen);
            assertTrue(largestRead > 1, "one read should drain several queued packets, largest was " + largestRead);
        } finally {
            dev.close();
        }
        assertGone(name);
    }

    @Test
    void packetTheKernelRefusesIsCountedNotThrown() throws Exception {
        int x = random.nextInt(256);
        InetAddress local = InetAddress.getByName("198.18." + x + ".1");
        InetAddress peer = InetAddress.getByName("198.18." + x + ".2");
        LinuxTunDevice dev = LinuxTunDevice.open(TunOptions.of(name, MTU));
        try {
            configure(local);
            PacketBatch out = PacketBatch.forMtu(2, MTU);
            byte[] notIp = new byte[40]; // version nibble 0: tun_get_user answers EINVAL
            out.slot(0).put(HEADROOM, notIp);
            out.set(0, HEADROOM, notIp.length);
            byte[] ping = PingPacket.echoRequest(peer, local, 99, 3, new byte[8]);
            out.slot(1).put(HEADROOM, ping);
            out.set(1, HEADROOM, ping.length);
            out.count(2);
            assertEquals(1, dev.write(out));
            assertEquals(1, dev.writeDrops());
            readMatching(dev, PacketBatch.forMtu(4, MTU),
                    p -> PingPacket.isEchoReply(p, local, peer, 99, 3, new byte[8]));
        } finally {
            dev.close();
        }
    }

    @Test
    void closeWakesABlockedReaderAndRemovesTheDevice() throws Exception {
        LinuxTunDevice dev = LinuxTunDevice.open(TunOptions.of(name, MTU));
        try {
            assertTrue(net.linkExists(name));
            PacketBatch batch = PacketBatch.forMtu(4, MTU);
            CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return dev.read(batch, HEADROOM); // link is down: nothing will arrive
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertFalse(reader.isDone(), "read should block while no packet is queued");
            dev.close();
            assertEquals(-1, reader.get(2, TimeUnit.SECONDS));
            assertEquals(0, batch.count());
            assertEquals(-1, dev.read(batch, HEADROOM), "reads after close report end of stream");
            assertThrows(ClosedChannelException.class, () -> dev.write(batch));
        } finally {
            dev.close();
        }
        assertGone(name);
    }

    @Test
    void secondOpenOfSameNameIsBusyUnlessMultiQueue() throws Exception {
        try (LinuxTunDevice first = LinuxTunDevice.open(TunOptions.of(name, MTU))) {
            NativeException e = assertThrows(NativeException.class, () -> LinuxTunDevice.open(TunOptions.of(name,
                    MTU)));
            assertEquals(Errno.EBUSY, e.errno());
            assertTrue(e.getMessage().contains("ioctl(TUNSETIFF)"), e.getMessage());
        }
        String mq = name + "q";
        TunOptions options = TunOptions.of(mq, MTU).withMultiQueue(true);
        try (LinuxTunDevice q0 = LinuxTunDevice.open(options); LinuxTunDevice q1 = LinuxTunDevice.open(options)) {
            assertEquals(q0.name(), q1.name());
        }
        assertGone(mq);
    }

    @Test
    void pingRoundTripsAllocateNothingAfterWarmUp() throws Exception {
        int x = random.nextInt(256);
        InetAddress local = InetAddress.getByName("198.18." + x + ".1");
        InetAddress peer = InetAddress.getByName("198.18." + x + ".2");
        LinuxTunDevice dev = LinuxTunDevice.open(TunOptions.of(name, MTU));
        try (Watchdog w = new Watchdog(dev)) {
            configure(local);
            byte[] request = PingPacket.echoRequest(peer, local, 4242, 1, new byte[64]);
            PacketBatch out = PacketBatch.forMtu(1, MTU);
            out.slot(0).put(HEADROOM, request);
            out.set(0, HEADROOM, request.length);
            out.count(1);
            PacketBatch in = PacketBatch.forMtu(4, MTU);
            roundTrips(dev, out, in, 2_000); // warm-up: jnr-ffi stubs, JIT
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory
                    .getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            roundTrips(dev, out, in, 1_000);
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 1_000, "1000 write+read round trips allocated " + allocated + " bytes");
        } finally {
            dev.close();
        }
    }

    /** Writes the ping and reads until its reply comes back (other packets such as IPv6 MLD may come too). */
    /**
     * GRO on the write path end to end: four TCP segments written as one batch reach a real socket of this host as
     * one merged GSO packet (one writev: the merged headers, then each payload from its slot), byte for byte. The
     * kernel trusts a merged packet's checksum ({@code NEEDS_CSUM}), so only the bytes the socket reads can show a
     * payload taken from the wrong place. The test plays the remote TCP end itself: SYN, the kernel's SYN-ACK, ACK,
     * then the data.
     */
    @Test
    void mergedTcpSegmentsReachALocalSocketByteForByte() throws Exception {
        int x = random.nextInt(256);
        int base = 4 * random.nextInt(64);
        InetAddress local = InetAddress.getByName("198.18." + x + "." + (base + 1));
        InetAddress peer = InetAddress.getByName("198.18." + x + "." + (base + 2));
        LinuxTunDevice dev = LinuxTunDevice.open(TunOptions.of(name, MTU).withVnetHeader(true).withBatchSize(8));
        try (java.net.ServerSocket server = new java.net.ServerSocket()) {
            configure(local);
            server.bind(new java.net.InetSocketAddress(local, 0));
            int port = server.getLocalPort();
            int sport = 40_000 + random.nextInt(20_000);
            byte[] data = new byte[4 * 1000 - 300];
            random.nextBytes(data);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket s = server.accept()) {
                    s.setSoTimeout((int) TIMEOUT_MS);
                    return s.getInputStream().readNBytes(data.length);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            int isn = random.nextInt();
            PacketBatch batch = PacketBatch.forMtu(8, MTU);
            writeOne(dev, batch, TcpPacket.of(peer, local, sport, port, isn, 0, TcpPacket.SYN, new byte[0]));
            byte[] synAck = readMatching(dev, batch, p -> TcpPacket.is(p, local, peer, port, sport,
                    TcpPacket.SYN | TcpPacket.ACK));
            int serverIsn = ByteBuffer.wrap(synAck).getInt(20 + 4);
            writeOne(dev, batch, TcpPacket.of(peer, local, sport, port, isn + 1, serverIsn + 1, TcpPacket.ACK,
                    new byte[0]));
            batch.clear();
            for (int k = 0; k < 4; k++) {
                int from = k * 1000;
                byte[] payload = java.util.Arrays.copyOfRange(data, from, Math.min(data.length, from + 1000));
                byte[] segment = TcpPacket.of(peer, local, sport, port, isn + 1 + from, serverIsn + 1,
                        k == 3 ? TcpPacket.ACK | TcpPacket.PSH : TcpPacket.ACK, payload);
                batch.slot(k).put(HEADROOM, segment);
                batch.set(k, HEADROOM, segment.length);
            }
            batch.count(4);
            assertEquals(4, dev.write(batch));
            assertEquals(1, dev.mergedWrites(), "one GSO packet");
            assertEquals(4, dev.mergedSegments());
            assertTrue(java.util.Arrays.equals(data, received.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)),
                    "the socket read exactly the bytes of the four segments, in order");
        } finally {
            dev.close();
        }
    }

    private static void roundTrips(final LinuxTunDevice dev, final PacketBatch out, final PacketBatch in,
            final int times) throws IOException {
        for (int t = 0; t < times; t++) {
            if (dev.write(out) != 1) {
                fail("write failed");
            }
            boolean replied = false;
            while (!replied) {
                int got = dev.read(in, HEADROOM);
                if (got < 0) {
                    fail("timed out");
                }
                for (int i = 0; i < got; i++) {
                    replied |= in.slot(i).get(in.offset(i) + 20) == PingPacket.ICMP_ECHO_REPLY
                            && in.slot(i).get(in.offset(i)) == 0x45;
                }
            }
        }
    }

    private void configure(final InetAddress local) throws IOException {
        net.setMtu(name, MTU);
        net.addAddress(name, new IpPrefix(local, 30));
        net.linkUp(name);
    }

    private static void writeOne(final LinuxTunDevice dev, final PacketBatch batch, final byte[] packet)
            throws IOException {
        batch.clear();
        batch.slot(0).put(HEADROOM, packet);
        batch.set(0, HEADROOM, packet.length);
        batch.count(1);
        assertEquals(1, dev.write(batch));
    }

    /** Reads batches until a packet matches, failing after {@link #TIMEOUT_MS}. */
    private static byte[] readMatching(final LinuxTunDevice dev, final PacketBatch batch,
            final Predicate<byte[]> match) throws IOException {
        List<String> others = new ArrayList<>();
        try (Watchdog w = new Watchdog(dev)) {
            while (true) {
                int got = dev.read(batch, HEADROOM);
                if (got < 0) {
                    fail("no matching reply within " + TIMEOUT_MS + " ms; read drops " + dev.readDrops()
                            + ", other packets: " + others);
                }
                for (int i = 0; i < got; i++) {
                    assertEquals(HEADROOM, batch.offset(i));
                    byte[] p = packet(batch, i);
                    if (match.test(p)) {
                        return p;
                    }
                    others.add(java.util.HexFormat.of().formatHex(p, 0, Math.min(p.length, 48)));
                }
            }
        }
    }

    private static byte[] packet(final PacketBatch batch, final int i) {
        byte[] p = new byte[batch.length(i)];
        ByteBuffer slot = batch.slot(i);
        slot.get(batch.offset(i), p);
        return p;
    }

    private void assertGone(final String device) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (net.linkExists(device)) {
            if (System.nanoTime() > deadline) {
                fail(device + " still exists after close");
            }
            Thread.sleep(20);
        }
    }

    /**
     * Writes the packet again every 250 ms from a second thread, as ping does, in case the kernel dropped the first
     * one while the fresh interface was settling (seen once for IPv6 on a loaded machine). Also exercises a reader
     * and a writer working on the device at the same time.
     */
    private static final class Repeater implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stop;

        Repeater(final LinuxTunDevice dev, final byte[] packet) {
            PacketBatch batch = PacketBatch.forMtu(1, MTU);
            batch.slot(0).put(HEADROOM, packet);
            batch.set(0, HEADROOM, packet.length);
            batch.count(1);
            thread = new Thread(() -> {
                try {
                    while (!stop) {
                        Thread.sleep(250);
                        dev.write(batch);
                    }
                } catch (InterruptedException | IOException e) {
                    // closed under us: the test is over
                }
            }, "tun-test-repeater");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(2_000);
        }
    }

    /** Closes the device if the test has not finished in time, which makes a blocked read return -1. */
    private static final class Watchdog implements AutoCloseable {
        private final CompletableFuture<Void> timer;

        Watchdog(final LinuxTunDevice dev) {
            timer = CompletableFuture.runAsync(dev::close,
                    CompletableFuture.delayedExecutor(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }

        @Override
        public void close() {
            timer.cancel(false);
        }
    }
}
