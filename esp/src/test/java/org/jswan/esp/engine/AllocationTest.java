package org.jswan.esp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.jswan.esp.api.Direction;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.EspTransport;
import org.jswan.esp.api.Mode;
import org.jswan.esp.api.PolicySpec;
import org.jswan.esp.api.SaSpec;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.esp.crypto.CryptoBackend;
import org.jswan.esp.crypto.EspTransformFactory;
import org.jswan.nativeio.tun.ChannelTun;
import org.jswan.nativeio.tun.PacketBatch;
import org.jswan.nativeio.tun.TunDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Heap allocation per packet after warm-up, with the thread allocation counter, on the outbound path (TUN batch ->
 * policy -> encap -> transport) and the inbound path (datagram batch -> SA -> replay -> decap -> TUN), for each
 * transform. With OpenSSL (the default backend) nothing is allocated: the assertion is less than one byte per
 * packet over 96 000 packets. The JCA backend allocates inside the JDK's Cipher.init/doFinal (JDK 17: AES-GCM about
 * 1 KB, ChaCha20-Poly1305 about 1.3 KB, AES-CBC+HMAC about 0.1 KB per packet; see BENCHMARKS.md); its bound only
 * catches regressions of our own, such as a per-packet copy into a new array.
 */
class AllocationTest {
    private static final int ROUNDS = 3000;
    private static final int BATCH = 32;
    private static final int[] ENCRS = {EspTransformFactory.ENCR_AES_GCM_16,
        EspTransformFactory.ENCR_CHACHA20_POLY1305, EspTransformFactory.ENCR_AES_CBC};

    @AfterEach
    void defaultBackend() {
        System.clearProperty(CryptoBackend.PROPERTY);
    }

    @ParameterizedTest
    @EnumSource(CryptoBackend.class)
    void outboundAndInboundAllocateNothingOfOurOwn(final CryptoBackend backend) throws Exception {
        System.setProperty(CryptoBackend.PROPERTY, backend.name().toLowerCase(java.util.Locale.ROOT));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int encr : ENCRS) {
            int integ = encr == EspTransformFactory.ENCR_AES_CBC ? EspTransformFactory.AUTH_HMAC_SHA2_256_128 : 0;
            TrafficSelector a = TrafficSelector.of(InetAddress.getByName("10.1.0.0"), 16);
            TrafficSelector b = TrafficSelector.of(InetAddress.getByName("10.2.0.0"), 16);
            byte[] key = new byte[EspTransformFactory.encryptionKeymatLength(encr, 256)];
            byte[] integKey = new byte[EspTransformFactory.integrityKeyLength(integ)];
            EspDataPlane sender = new EspDataPlane();
            sender.installSa(new SaSpec(0x5555, Direction.OUTBOUND, Mode.TUNNEL, 1, TwoPeerTest.ep("192.0.2.1",
                    "192.0.2.2"), encr, integ, 256, key, integKey, false, 0, null, null, List.of(a), List.of(b), 0));
            sender.addPolicy(new PolicySpec(a, b, 1, 0));
            EspDataPlane receiver = new EspDataPlane();
            receiver.installSa(new SaSpec(0x5555, Direction.INBOUND, Mode.TUNNEL, 1, TwoPeerTest.ep("192.0.2.2",
                    "192.0.2.1"), encr, integ, 256, key, integKey, false, 4096, null, null, List.of(b), List.of(a),
                    0));
            CountingTun out = new CountingTun();
            InboundProcessor rx = new InboundProcessor(out, receiver, InboundProcessor.Arrival.UDP, BATCH, 2000);
            // The transport hands each sealed batch straight to the receiver, as the wire would, through reserve()
            // as the gateway's receiver does.
            EspTransport wire = (batch, dest) -> {
                for (int i = 0; i < batch.count(); i++) {
                    ByteBuffer into = rx.reserve(i, batch.length(i));
                    into.put(into.position(), batch.slot(i), batch.offset(i), batch.length(i));
                }
                try {
                    rx.process(batch.count());
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            };
            TunReaderAgent agent = new TunReaderAgent(new ChannelTun("t", 1400, BATCH), sender, wire);
            PacketBatch batch = batchOf(agent);
            byte[] packet = TestPackets.ping("10.1.0.5", "10.2.0.7", 1, 1372);
            long before = 0;
            for (int r = 0; r < 2 * ROUNDS; r++) {
                if (r == ROUNDS) {
                    before = mx.getThreadAllocatedBytes(thread);
                }
                for (int i = 0; i < BATCH; i++) {
                    batch.slot(i).put(PacketBatch.DEFAULT_HEADROOM, packet);
                    batch.set(i, PacketBatch.DEFAULT_HEADROOM, packet.length);
                }
                assertEquals(BATCH, agent.process(BATCH));
            }
            long perPacket = (mx.getThreadAllocatedBytes(thread) - before) / (ROUNDS * (long) BATCH);
            System.out.println(backend + " encr=" + encr + ": " + perPacket + " B/packet (seal + open)");
            assertEquals(2L * ROUNDS * BATCH, out.written, "every packet crossed and was decrypted");
            if (backend != CryptoBackend.JCA) {
                assertEquals(0, perPacket, backend + " encr " + encr + " allocates " + perPacket + " B/packet");
            } else {
                assertTrue(perPacket < 5000, backend + " encr " + encr + " allocates " + perPacket + " B/packet");
            }
        }
    }

    private static PacketBatch batchOf(final TunReaderAgent agent) throws Exception {
        java.lang.reflect.Field f = TunReaderAgent.class.getDeclaredField("batch");
        f.setAccessible(true);
        return (PacketBatch) f.get(agent);
    }

    /** A TUN device that only counts what is written to it (ChannelTun would copy each packet into a new array). */
    private static final class CountingTun implements TunDevice {
        long written;

        @Override
        public String name() {
            return "count";
        }

        @Override
        public int mtu() {
            return 1400;
        }

        @Override
        public int batchSize() {
            return BATCH;
        }

        @Override
        public int read(final PacketBatch batch, final int headroom) {
            return 0;
        }

        @Override
        public int write(final PacketBatch batch) {
            written += batch.count();
            return batch.count();
        }

        @Override
        public void close() {
        }
    }
}
