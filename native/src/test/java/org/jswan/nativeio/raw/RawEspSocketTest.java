package org.jswan.nativeio.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jswan.nativeio.tun.PacketBatch;
import org.jswan.nativeio.udp.UdpBatchSender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain ESP over loopback. Needs CAP_NET_RAW; skipped otherwise. */
class RawEspSocketTest {
    private static final int HEADROOM = 32;
    /** Bit 13 of CapEff (linux/capability.h). */
    private static final int CAP_NET_RAW = 13;

    @BeforeEach
    void requireNetRaw() throws IOException {
        boolean has = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                has = (Long.parseUnsignedLong(line.substring(7).trim(), 16) >> CAP_NET_RAW & 1) != 0;
            }
        }
        assumeTrue(has, "skipped: raw ESP sockets need root or CAP_NET_RAW");
    }

    @Test
    void espSentToLoopbackIsReceivedWithItsIpv4Header() throws Exception {
        Inet4Address lo = (Inet4Address) InetAddress.getByName("127.0.0.1");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int spi = random.nextInt(256, Integer.MAX_VALUE);
        byte[] esp = new byte[48];
        random.nextBytes(esp);
        ByteBuffer.wrap(esp).putInt(0, spi).putInt(4, 1); // RFC 4303 §2: SPI, sequence number

        try (RawEspSocket s = RawEspSocket.open(lo)) {
            PacketBatch out = new PacketBatch(1, 256);
            out.slot(0).put(HEADROOM, esp);
            out.set(0, HEADROOM, esp.length);
            out.count(1);
            s.connect(lo);
            assertEquals(1, s.send(out));

            PacketBatch in = new PacketBatch(8, 256);
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(s::close,
                    CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS));
            try {
                while (true) {
                    int n = s.receive(in, HEADROOM);
                    if (n < 0) {
                        fail("our ESP packet did not come back within 5 s");
                    }
                    for (int i = 0; i < n; i++) {
                        ByteBuffer slot = in.slot(i);
                        int off = in.offset(i);
                        int ihl = RawEspSocket.ipv4HeaderLength(slot, off);
                        if (slot.getInt(off + ihl) != spi) {
                            continue; // someone else's ESP
                        }
                        assertEquals(RawEspSocket.IPPROTO_ESP, slot.get(off + 9));
                        assertEquals(0x7f000001, slot.getInt(off + 12), "IPv4 source 127.0.0.1");
                        assertEquals(ihl + esp.length, in.length(i));
                        byte[] got = new byte[esp.length];
                        slot.get(off + ihl, got);
                        assertArrayEquals(esp, got);
                        return;
                    }
                }
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    @Test
    void closeWakesABlockedReceive() throws Exception {
        // Bound to an address no one sends ESP to, so nothing arrives.
        RawEspSocket s = RawEspSocket.open((Inet4Address) InetAddress.getByName("127.0.0.53"));
        try {
            PacketBatch in = new PacketBatch(4, 256);
            CompletableFuture<Integer> r = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.receive(in, 0);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertFalse(r.isDone());
            s.close();
            assertEquals(-1, r.get(2, TimeUnit.SECONDS));
            assertThrows(ClosedChannelException.class, () -> s.send(in));
        } finally {
            s.close();
        }
    }

    /** IPv6 raw sockets deliver no IP header (RFC 3542 §3): the ESP packet lands at the headroom as sent. */
    @Test
    void espOverIpv6LoopbackArrivesWithoutHeaderFromTheConnectedPeerOnly() throws Exception {
        Inet6Address lo = (Inet6Address) InetAddress.getByName("::1");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int spi = random.nextInt(256, Integer.MAX_VALUE);
        byte[] esp = new byte[40];
        random.nextBytes(esp);
        ByteBuffer.wrap(esp).putInt(0, spi).putInt(4, 7);
        try (RawEspSocket s = RawEspSocket.open(lo)) {
            assertFalse(s.ipv4());
            assertThrows(IllegalArgumentException.class, () -> s.connect(InetAddress.getByName("127.0.0.1")));
            s.connect(lo);
            PacketBatch out = new PacketBatch(1, 256);
            out.slot(0).put(HEADROOM, esp);
            out.set(0, HEADROOM, esp.length);
            out.count(1);
            assertEquals(1, s.send(out));

            PacketBatch in = new PacketBatch(8, 256);
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(s::close,
                    CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS));
            try {
                while (true) {
                    int n = s.receive(in, HEADROOM);
                    if (n < 0) {
                        fail("our IPv6 ESP packet did not come back within 5 s");
                    }
                    for (int i = 0; i < n; i++) {
                        ByteBuffer slot = in.slot(i);
                        int off = in.offset(i);
                        if (slot.getInt(off) != spi) {
                            continue;
                        }
                        assertEquals(esp.length, in.length(i));
                        byte[] got = new byte[esp.length];
                        slot.get(off, got);
                        assertArrayEquals(esp, got);
                        return;
                    }
                }
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    /** The daemon's way: one unconnected socket per family, a sendmmsg batch to any peers, names with port 0. */
    @Test
    void aBatchSenderReachesEachPacketsPeerOverBothFamilies() throws Exception {
        for (InetAddress lo : new InetAddress[] {InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")}) {
            boolean v4 = lo instanceof Inet4Address;
            int spi = ThreadLocalRandom.current().nextInt(256, Integer.MAX_VALUE);
            try (RawEspSocket s = v4 ? RawEspSocket.open((Inet4Address) null) : RawEspSocket.open((Inet6Address) null)) {
                PacketBatch out = new PacketBatch(3, 256);
                for (int i = 0; i < 3; i++) {
                    out.slot(i).putInt(HEADROOM, spi).putInt(HEADROOM + 4, i + 1).putLong(HEADROOM + 8, i);
                    out.set(i, HEADROOM, 40);
                }
                out.count(3);
                InetSocketAddress peer = new InetSocketAddress(lo, 0);
                UdpBatchSender sender = s.batchSender(3);
                assertEquals(2, sender.send(out, new InetSocketAddress[] {peer, null, peer}), lo.toString());
                assertEquals(sender, s.batchSender(3), "made once");

                PacketBatch in = new PacketBatch(8, 256);
                int[] seen = new int[4];
                CompletableFuture<Void> watchdog = CompletableFuture.runAsync(s::close,
                        CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS));
                try {
                    while (seen[1] + seen[3] < 2) {
                        int n = s.receive(in, HEADROOM);
                        if (n < 0) {
                            fail("our ESP packets did not come back within 5 s over " + lo);
                        }
                        for (int i = 0; i < n; i++) {
                            ByteBuffer slot = in.slot(i);
                            int off = in.offset(i) + (v4 ? RawEspSocket.ipv4HeaderLength(slot, in.offset(i)) : 0);
                            if (slot.getInt(off) == spi) {
                                seen[slot.getInt(off + 4)]++;
                            }
                        }
                    }
                } finally {
                    watchdog.cancel(false);
                }
                assertArrayEquals(new int[] {0, 1, 0, 1}, seen, "packets 1 and 3 arrived once, 2 was skipped");
            }
        }
    }

    /** A datagram too short to be ESP is left out of the batch; the ones after it move up, bytes intact. */
    @Test
    void aRuntIsLeftOutAndTheDatagramsAfterItMoveUp() throws Exception {
        Inet6Address lo = (Inet6Address) InetAddress.getByName("::1");
        int spi = ThreadLocalRandom.current().nextInt(256, Integer.MAX_VALUE);
        try (RawEspSocket s = RawEspSocket.open(lo)) {
            s.connect(lo);
            PacketBatch out = new PacketBatch(3, 256);
            out.slot(0).putInt(HEADROOM, spi);
            out.set(0, HEADROOM, 4); // SPI only: no room for a sequence number
            for (int i = 1; i < 3; i++) {
                out.slot(i).putInt(HEADROOM, spi).putInt(HEADROOM + 4, i).putLong(HEADROOM + 8, 0x0101_0101L * i);
                out.set(i, HEADROOM, 16);
            }
            out.count(3);
            assertEquals(3, s.send(out));
            PacketBatch in = new PacketBatch(8, 256);
            int[] got = new int[3];
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(s::close,
                    CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS));
            try {
                while (got[1] + got[2] < 2) {
                    int n = s.receive(in, HEADROOM);
                    if (n < 0) {
                        fail("datagrams 1 and 2 did not come back within 5 s");
                    }
                    for (int i = 0; i < n; i++) {
                        ByteBuffer slot = in.slot(i);
                        int off = in.offset(i);
                        if (slot.getInt(off) == spi) {
                            int seq = slot.getInt(off + 4);
                            assertEquals(16, in.length(i));
                            assertEquals(0x0101_0101L * seq, slot.getLong(off + 8), "datagram " + seq + " intact");
                            got[seq]++;
                        }
                    }
                }
            } finally {
                watchdog.cancel(false);
            }
            assertEquals(1, s.runts(), "the 4-byte datagram");
        }
    }
}
