package org.jswan.esp.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jswan.esp.api.Direction;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.esp.api.Lifetime;
import org.jswan.esp.api.Mode;
import org.jswan.esp.api.PolicySpec;
import org.jswan.esp.api.SaEventListener;
import org.jswan.esp.api.SaSpec;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.esp.crypto.EspTransformFactory;
import org.jswan.nativeio.tun.ChannelTun;
import org.jswan.nativeio.tun.PacketBatch;
import org.junit.jupiter.api.Test;

/**
 * Two data planes back to back over two {@link ChannelTun}s and a loopback {@link EspTransport} (wireguard-go
 * TestTwoDevicePing): everything runs on the test thread, synchronously.
 */
class TwoPeerTest {
    private static final int SPI_AB = 0x0000_1001;
    private static final int SPI_BA = 0x0000_2002;

    /** One gateway: data plane, TUN, TUN reader, inbound processor. */
    static final class Peer implements EspTransport {
        final EspDataPlane plane = new EspDataPlane();
        final ChannelTun tun = new ChannelTun("t", 1400, 8);
        final TunReaderAgent reader = new TunReaderAgent(tun, plane, this);
        final InboundProcessor rx = new InboundProcessor(tun, plane, InboundProcessor.Arrival.UDP, 8, 2000);
        final List<byte[]> wire = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        Peer other;

        Peer() {
            plane.setListener(new SaEventListener() {
                @Override
                public void onSoftExpire(final Direction d, final int spi) {
                    events.add("soft " + d + " " + Integer.toHexString(spi));
                }

                @Override
                public void onHardExpire(final Direction d, final int spi) {
                    events.add("hard " + d + " " + Integer.toHexString(spi));
                }

                @Override
                public void onSeqOverflow(final Direction d, final int spi) {
                    events.add("overflow " + d + " " + Integer.toHexString(spi));
                }
            });
        }

        final List<EspEndpoint> sentTo = new ArrayList<>();

        @Override
        public void send(final PacketBatch batch, final EspEndpoint[] destinations) {
            for (int i = 0; i < batch.count(); i++) {
                assertNotNull(destinations[i]);
                sentTo.add(destinations[i]);
                byte[] p = new byte[batch.length(i)];
                batch.slot(i).get(batch.offset(i), p);
                wire.add(p);
                if (other != null) { // null: the test delivers by hand
                    deliver(other, p);
                }
            }
        }

        /** Sends one packet from this peer's TUN side; returns what comes out of the other peer's TUN, or null. */
        byte[] ping(final byte[] packet) throws Exception {
            tun.inject(packet);
            reader.doWork();
            return other.tun.take(50, TimeUnit.MILLISECONDS);
        }

        long drops(final DropReason r) {
            return plane.dropCounters().get(r);
        }
    }

    static void deliver(final Peer to, final byte[] esp) {
        try {
            assertTrue(to.rx.stage(0, ByteBuffer.wrap(esp)));
            to.rx.process(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    record Setup(Peer a, Peer b) {
    }

    static Setup setup(final Mode mode, final String innerA, final String innerB, final int innerPrefix,
            final String outerA, final String outerB, final int encr, final int integ, final boolean esn,
            final Lifetime softAb, final Lifetime hardAb) throws Exception {
        Peer a = new Peer();
        Peer b = new Peer();
        a.other = b;
        b.other = a;
        EspEndpoint abAtA = ep(outerA, outerB);
        EspEndpoint abAtB = ep(outerB, outerA);
        int keyBits = encr == EspTransformFactory.ENCR_AES_GCM_16 ? 128 : 256;
        byte[] kAb = key(EspTransformFactory.encryptionKeymatLength(encr, keyBits), 1);
        byte[] kBa = key(EspTransformFactory.encryptionKeymatLength(encr, keyBits), 2);
        byte[] iAb = key(EspTransformFactory.integrityKeyLength(integ), 3);
        byte[] iBa = key(EspTransformFactory.integrityKeyLength(integ), 4);
        TrafficSelector netA = TrafficSelector.of(InetAddress.getByName(innerA), innerPrefix);
        TrafficSelector netB = TrafficSelector.of(InetAddress.getByName(innerB), innerPrefix);
        a.plane.installSa(new SaSpec(SPI_AB, Direction.OUTBOUND, mode, 1, abAtA, encr, integ, keyBits, kAb, iAb, esn,
                0, softAb, hardAb, List.of(netA), List.of(netB), 0));
        b.plane.installSa(new SaSpec(SPI_AB, Direction.INBOUND, mode, 1, abAtB, encr, integ, keyBits, kAb, iAb, esn,
                4096, null, null, List.of(netB), List.of(netA), 0));
        b.plane.installSa(new SaSpec(SPI_BA, Direction.OUTBOUND, mode, 1, abAtB, encr, integ, keyBits, kBa, iBa, esn,
                0, null, null, List.of(netB), List.of(netA), 0));
        a.plane.installSa(new SaSpec(SPI_BA, Direction.INBOUND, mode, 1, abAtA, encr, integ, keyBits, kBa, iBa, esn,
                32, null, null, List.of(netA), List.of(netB), 0));
        a.plane.addPolicy(new PolicySpec(netA, netB, 1, 0));
        b.plane.addPolicy(new PolicySpec(netB, netA, 1, 0));
        return new Setup(a, b);
    }

    static EspEndpoint ep(final String local, final String remote) throws Exception {
        return new EspEndpoint(new InetSocketAddress(InetAddress.getByName(local), 4500),
                new InetSocketAddress(InetAddress.getByName(remote), 4500), true);
    }

    static byte[] key(final int len, final int fill) {
        byte[] k = new byte[len];
        Arrays.fill(k, (byte) (0x40 + fill));
        return k;
    }

    static Setup gcmTunnelV4() throws Exception {
        return setup(Mode.TUNNEL, "10.1.0.0", "10.2.0.0", 16, "192.0.2.1", "192.0.2.2",
                EspTransformFactory.ENCR_AES_GCM_16, 0, false, null, null);
    }

    private static void pingBothWays(final Setup s, final String hostA, final String hostB) throws Exception {
        for (int i = 1; i <= 3; i++) {
            byte[] req = TestPackets.ping(hostA, hostB, i, 56);
            assertArrayEquals(req, s.a().ping(req), "A -> B #" + i);
            byte[] rep = TestPackets.ping(hostB, hostA, i, 100 + i);
            assertArrayEquals(rep, s.b().ping(rep), "B -> A #" + i);
        }
        assertEquals(3, s.a().plane.querySa(SPI_AB, Direction.OUTBOUND).packets());
        assertEquals(3, s.b().plane.querySa(SPI_AB, Direction.INBOUND).packets());
        assertTrue(s.a().plane.querySa(SPI_AB, Direction.OUTBOUND).lastUseMillis() > 0);
    }

    @Test
    void tunnelV4InV4AesGcm() throws Exception {
        Setup s = gcmTunnelV4();
        pingBothWays(s, "10.1.0.5", "10.2.0.7");
        byte[] esp = s.a().wire.get(0);
        assertEquals(SPI_AB, ByteBuffer.wrap(esp).getInt(0));
        assertEquals(1, ByteBuffer.wrap(esp).getInt(4), "first sequence number is 1");
        assertEquals(0, (esp.length - 8 - 8 - 16) % 4, "4-byte alignment");
    }

    @Test
    void tunnelV6InV4ChaCha() throws Exception {
        Setup s = setup(Mode.TUNNEL, "fd01::", "fd02::", 64, "192.0.2.1", "192.0.2.2",
                EspTransformFactory.ENCR_CHACHA20_POLY1305, 0, false, null, null);
        pingBothWays(s, "fd01::5", "fd02::7");
    }

    @Test
    void tunnelV4InV6AesCbcSha256() throws Exception {
        Setup s = setup(Mode.TUNNEL, "10.1.0.0", "10.2.0.0", 16, "2001:db8::1", "2001:db8::2",
                EspTransformFactory.ENCR_AES_CBC, EspTransformFactory.AUTH_HMAC_SHA2_256_128, false, null, null);
        pingBothWays(s, "10.1.0.5", "10.2.0.7");
        byte[] esp = s.a().wire.get(0);
        assertEquals(0, (esp.length - 8 - 16 - 16) % 16, "CBC block alignment");
    }

    @Test
    void tunnelV6InV6AesCbcSha512() throws Exception {
        Setup s = setup(Mode.TUNNEL, "fd01::", "fd02::", 64, "2001:db8::1", "2001:db8::2",
                EspTransformFactory.ENCR_AES_CBC, EspTransformFactory.AUTH_HMAC_SHA2_512_256, false, null, null);
        pingBothWays(s, "fd01::5", "fd02::7");
    }

    @Test
    void transportModeV4() throws Exception {
        Setup s = setup(Mode.TRANSPORT, "192.0.2.1", "192.0.2.2", 32, "192.0.2.1", "192.0.2.2",
                EspTransformFactory.ENCR_AES_GCM_16, 0, false, null, null);
        byte[] req = TestPackets.ping("192.0.2.1", "192.0.2.2", 1, 40);
        byte[] out = s.a().ping(req);
        assertNotNull(out);
        assertEquals(req.length, out.length);
        assertEquals(1, out[9], "protocol restored from next header");
        assertArrayEquals(Arrays.copyOfRange(req, 12, 20), Arrays.copyOfRange(out, 12, 20), "addresses");
        assertArrayEquals(Arrays.copyOfRange(req, 20, req.length), Arrays.copyOfRange(out, 20, out.length));
        assertEquals(req.length + 8 + 8 + 16 - 20 + 2 + 2, s.a().wire.get(0).length, "IP header stripped, 2 pad");
        byte[] rep = TestPackets.ping("192.0.2.2", "192.0.2.1", 1, 40);
        assertNotNull(s.b().ping(rep));
    }

    @Test
    void transportModeV6() throws Exception {
        Setup s = setup(Mode.TRANSPORT, "2001:db8::1", "2001:db8::2", 128, "2001:db8::1", "2001:db8::2",
                EspTransformFactory.ENCR_CHACHA20_POLY1305, 0, false, null, null);
        byte[] req = TestPackets.ping("2001:db8::1", "2001:db8::2", 1, 40);
        byte[] out = s.a().ping(req);
        assertNotNull(out);
        assertArrayEquals(Arrays.copyOfRange(req, 4, req.length), Arrays.copyOfRange(out, 4, out.length));
    }

    @Test
    void replayedPacketIsDroppedAndCounted() throws Exception {
        Setup s = gcmTunnelV4();
        byte[] req = TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 56);
        assertNotNull(s.a().ping(req));
        deliver(s.b(), s.a().wire.get(0));
        assertNull(s.b().tun.take(20, TimeUnit.MILLISECONDS));
        assertEquals(1, s.b().drops(DropReason.REPLAY));
    }

    @Test
    void tamperedCiphertextAndIcvAreAuthFailures() throws Exception {
        for (Setup s : List.of(gcmTunnelV4(), setup(Mode.TUNNEL, "10.1.0.0", "10.2.0.0", 16, "192.0.2.1",
                "192.0.2.2", EspTransformFactory.ENCR_AES_CBC, EspTransformFactory.AUTH_HMAC_SHA2_384_192, false,
                null, null))) {
            Peer a = s.a();
            Peer b = s.b();
            b.other = null; // capture only
            a.other = new Peer(); // sink nobody reads
            a.tun.inject(TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 56));
            a.tun.inject(TestPackets.ping("10.1.0.5", "10.2.0.7", 2, 56));
            a.reader.doWork();
            assertEquals(2, a.wire.size());
            byte[] ct = a.wire.get(0).clone();
            ct[30] ^= 0x01;
            byte[] icv = a.wire.get(1).clone();
            icv[icv.length - 1] ^= (byte) 0x80;
            deliver(b, ct);
            deliver(b, icv);
            assertEquals(2, b.drops(DropReason.AUTH_FAILED));
            assertNull(b.tun.take(20, TimeUnit.MILLISECONDS));
            // The untampered originals still pass: a failed ICV must not have advanced the replay window.
            deliver(b, a.wire.get(0));
            deliver(b, a.wire.get(1));
            assertNotNull(b.tun.take(50, TimeUnit.MILLISECONDS));
            assertNotNull(b.tun.take(50, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void anSaTakesItsPacketsOnlyTheWayItWasNegotiated() throws Exception {
        Setup s = gcmTunnelV4(); // UDP-encapsulated SAs over IPv4
        s.a().tun.inject(TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 20));
        s.a().reader.doWork();
        assertNotNull(s.b().tun.take(50, TimeUnit.MILLISECONDS), "delivered the way it was negotiated");
        s.a().tun.inject(TestPackets.ping("10.1.0.5", "10.2.0.7", 2, 20));
        s.a().other = null; // keep the second packet off the wire: it is delivered by hand below
        s.a().reader.doWork();
        byte[] second = s.a().wire.get(1);
        for (InboundProcessor.Arrival other : new InboundProcessor.Arrival[] {InboundProcessor.Arrival.PLAIN_IPV4,
                InboundProcessor.Arrival.PLAIN_IPV6}) {
            InboundProcessor plain = new InboundProcessor(s.b().tun, s.b().plane, other, 4, 2000);
            assertTrue(plain.stage(0, ByteBuffer.wrap(second)));
            assertEquals(0, plain.process(1), other.name());
        }
        assertEquals(2, s.b().drops(DropReason.WRONG_TRANSPORT));
        assertNull(s.b().tun.take(20, TimeUnit.MILLISECONDS));
        // Dropped before the replay window saw it: the same packet still opens where it belongs, and a reader of
        // every socket (Arrival.ANY, RFC 7296 §2.23) takes the next one as plain ESP although the SA is in UDP.
        deliver(s.b(), second);
        assertNotNull(s.b().tun.take(50, TimeUnit.MILLISECONDS));
        assertEquals(0, s.b().drops(DropReason.REPLAY));
        s.a().tun.inject(TestPackets.ping("10.1.0.5", "10.2.0.7", 3, 20));
        s.a().reader.doWork();
        InboundProcessor any = new InboundProcessor(s.b().tun, s.b().plane, InboundProcessor.Arrival.ANY, 4, 2000);
        assertTrue(any.stage(0, ByteBuffer.wrap(s.a().wire.get(2))));
        assertEquals(1, any.process(1));
        assertNotNull(s.b().tun.take(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void innerPacketOutsideSelectorsIsPolicyMismatch() throws Exception {
        Setup s = gcmTunnelV4();
        // B's inbound SA accepts 10.1.0.0/16 -> 10.2.0.0/16 only; build an ESP packet A's SA would never emit
        // by adding a wider policy on A that still uses the same SA.
        s.a().plane.addPolicy(new PolicySpec(TrafficSelector.of(InetAddress.getByName("10.9.0.0"), 16),
                TrafficSelector.of(InetAddress.getByName("10.2.0.0"), 16), 1, 0));
        assertNull(s.a().ping(TestPackets.ping("10.9.0.5", "10.2.0.7", 1, 20)));
        assertEquals(1, s.b().drops(DropReason.POLICY_MISMATCH));
        assertNull(s.a().ping(TestPackets.ping("10.1.0.5", "10.3.0.1", 1, 20)));
        assertEquals(1, s.a().drops(DropReason.NO_POLICY));
    }

    @Test
    void lifetimeCrossingsRaiseExactlyOneEventEach() throws Exception {
        Setup s = setup(Mode.TUNNEL, "10.1.0.0", "10.2.0.0", 16, "192.0.2.1", "192.0.2.2",
                EspTransformFactory.ENCR_AES_GCM_16, 0, false, new Lifetime(0, 3), new Lifetime(0, 5));
        for (int i = 1; i <= 7; i++) {
            byte[] out = s.a().ping(TestPackets.ping("10.1.0.5", "10.2.0.7", i, 20));
            assertEquals(i <= 5, out != null, "packet " + i);
            s.a().plane.dispatchEvents();
        }
        assertEquals(List.of("soft OUTBOUND 1001", "hard OUTBOUND 1001"), s.a().events);
        assertEquals(2, s.a().drops(DropReason.SA_EXPIRED));
    }

    @Test
    void esnCrossesTheTwoToThe32Boundary() throws Exception {
        Setup s = setup(Mode.TUNNEL, "10.1.0.0", "10.2.0.0", 16, "192.0.2.1", "192.0.2.2",
                EspTransformFactory.ENCR_AES_CBC, EspTransformFactory.AUTH_HMAC_SHA2_256_128, true, null, null);
        s.a().plane.sad().snapshot().outbound(SPI_AB).nextSeq(0xFFFF_FFFEL);
        for (int i = 0; i < 4; i++) {
            assertNotNull(s.a().ping(TestPackets.ping("10.1.0.5", "10.2.0.7", i, 20)), "packet " + i);
        }
        assertEquals(1, ByteBuffer.wrap(s.a().wire.get(3)).getInt(4), "low half wrapped to 1");
        assertEquals((1L << 32) + 1, s.b().plane.sad().snapshot().inbound(SPI_AB).replay().top());
        deliver(s.b(), s.a().wire.get(1));
        assertEquals(1, s.b().drops(DropReason.REPLAY));
    }

    @Test
    void sequenceOverflowWithoutEsnStopsTheSa() throws Exception {
        Setup s = gcmTunnelV4();
        s.a().plane.sad().snapshot().outbound(SPI_AB).nextSeq(0xFFFF_FFFFL);
        assertNotNull(s.a().ping(TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 20)));
        assertNull(s.a().ping(TestPackets.ping("10.1.0.5", "10.2.0.7", 2, 20)));
        assertEquals(1, s.a().drops(DropReason.SEQ_OVERFLOW));
        assertNull(s.a().ping(TestPackets.ping("10.1.0.5", "10.2.0.7", 3, 20)));
        s.a().plane.dispatchEvents();
        assertEquals(List.of("overflow OUTBOUND 1001"), s.a().events);
    }

    @Test
    void readerThreadRunsUntilTheTunCloses() throws Exception {
        Setup s = gcmTunnelV4();
        Thread t = new Thread(s.a().reader, "gw-tun-rx");
        t.start();
        byte[] req = TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 56);
        s.a().tun.inject(req);
        assertArrayEquals(req, s.b().tun.take(2, TimeUnit.SECONDS));
        s.a().tun.close();
        t.join(2000);
        assertTrue(!t.isAlive(), "agent stops when the device closes");
        assertNull(s.a().plane.fatalError());
    }

    @Test
    void updateSaMovesThePeerEndpoint() throws Exception {
        Setup s = gcmTunnelV4();
        assertNotNull(s.a().ping(TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 20)));
        EspEndpoint natted = ep("192.0.2.1", "198.51.100.9");
        assertTrue(s.a().plane.updateSa(SPI_AB, Direction.OUTBOUND, natted));
        assertNotNull(s.a().ping(TestPackets.ping("10.1.0.5", "10.2.0.7", 2, 20)));
        assertEquals(List.of(ep("192.0.2.1", "192.0.2.2"), natted), s.a().sentTo);
        assertEquals(false, s.a().plane.updateSa(0x7777, Direction.OUTBOUND, natted));
    }

    @Test
    void allocatedSpisAreUnusedAndNotReserved() throws Exception {
        Setup s = gcmTunnelV4();
        for (int i = 0; i < 1000; i++) {
            int spi = s.a().plane.allocateSpi();
            assertTrue(Integer.toUnsignedLong(spi) > 255);
            assertNull(s.a().plane.querySa(spi, Direction.INBOUND));
        }
    }

    @Test
    void saSpecToStringRedactsKeys() throws Exception {
        byte[] k = key(20, 0x2a);
        SaSpec spec = new SaSpec(1000, Direction.OUTBOUND, Mode.TUNNEL, 1, ep("192.0.2.1", "192.0.2.2"),
                EspTransformFactory.ENCR_AES_GCM_16, 0, 128, k, null, false, 0, null, null, List.of(), List.of(), 0);
        assertTrue(spec.toString().contains("redacted"));
        assertTrue(!spec.toString().contains("6a6a"), spec.toString());
    }

    @Test
    void removedSaZeroesKeysAndStopsTraffic() throws Exception {
        Setup s = gcmTunnelV4();
        assertTrue(s.b().plane.removeSa(SPI_AB, Direction.INBOUND));
        assertNull(s.a().ping(TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 20)));
        assertEquals(1, s.b().drops(DropReason.NO_SA));
        assertNull(s.b().plane.querySa(SPI_AB, Direction.INBOUND));
    }
}
