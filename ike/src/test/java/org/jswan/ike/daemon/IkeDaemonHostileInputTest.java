package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.C;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Datagram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A responder with established IKE_SAs to two peers gets malformed, forged, replayed and tampered datagrams: every
 * one is dropped and counted (or a replay answered from the cache), nothing escapes, and both IKE_SAs keep working.
 */
class IkeDaemonHostileInputTest {
    private static final InetSocketAddress FROM_A = new InetSocketAddress(A, 500);

    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();
    private final RecordingBackend backendC = new RecordingBackend();
    private IkeDaemon a;
    private IkeDaemon b;
    private IkeDaemon c;
    /** A's IKE_AUTH request and B's response, as captured on the wire. */
    private byte[] authRequest;
    private byte[] authResponse;

    @BeforeEach
    void establish() throws Exception {
        a = net.daemon(A, backendA);
        b = net.daemon(B, backendB);
        c = net.daemon(C, backendC);
        a.load(List.of(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        c.load(List.of(Conn.psk("b", C, B, "10.3.0.0/16", "10.2.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build(),
                Conn.psk("c", B, C, "10.2.0.0/16", "10.3.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate("b", "net");
        c.initiate("b", "net");
        await("both peers established with B", () -> established(a, 1) && established(c, 1)
                && b.listSas().size() == 2 && b.listSas().stream().allMatch(s -> s.state().equals("ESTABLISHED")));
        List<Datagram> ab = net.between(A, B);
        List<Datagram> ba = net.between(B, A);
        authRequest = ab.get(1).data();
        authResponse = ba.get(1).data();
        assertEquals(35, authRequest[18], "captured an IKE_AUTH request");
    }

    @AfterEach
    void stop() {
        net.close();
    }

    /** Injects at B from A and waits until B has handled it (B's loop is FIFO, listSas() runs after it). */
    private void inject(final byte[] datagram) {
        net.inject(B, datagram, FROM_A);
    }

    private void assertBothSasStillWork() throws Exception {
        b.listSas();
        assertNull(b.counters().drops().get("internal error"), "no exception escaped: " + b.counters().drops());
        int spiA = a.listSas().get(0).children().get(0).spiIn();
        int spiC = c.listSas().get(0).children().get(0).spiIn();
        assertEquals(1, a.rekey(null, false));
        assertEquals(1, c.rekey(null, false));
        await("both CHILD_SAs rekeyed", () -> established(a, 1) && established(c, 1)
                && a.listSas().get(0).children().get(0).spiIn() != spiA
                && c.listSas().get(0).children().get(0).spiIn() != spiC);
        assertEquals(2, b.listSas().size());
    }

    private long drops() {
        b.listSas(); // drain B's queue first
        return b.counters().totalDrops();
    }

    @Test
    void truncatedAtEveryOffsetIsDropped() throws Exception {
        long before = drops();
        for (int i = 0; i < authRequest.length; i++) {
            inject(Arrays.copyOf(authRequest, i));
        }
        // Truncated but with the header length fixed up, so the body parser sees the short payloads.
        for (int i = 28; i < authRequest.length; i++) {
            byte[] t = Arrays.copyOf(authRequest, i);
            ByteBuffer.wrap(t).putInt(24, i);
            inject(t);
        }
        assertEquals(before + authRequest.length + (authRequest.length - 28), drops(), b.counters().drops()
                .toString());
        assertBothSasStillWork();
    }

    @Test
    void randomGarbageIsDropped() throws Exception {
        Random r = new Random(0x1ce);
        long before = drops();
        int n = 3000;
        long spiI = ByteBuffer.wrap(authRequest).getLong(0);
        long spiR = ByteBuffer.wrap(authRequest).getLong(8);
        for (int i = 0; i < n; i++) {
            byte[] g = new byte[r.nextInt(600)];
            r.nextBytes(g);
            if (g.length >= 28 && i % 2 == 0) {
                // A valid-looking header of the established SA, then garbage.
                ByteBuffer h = ByteBuffer.wrap(g);
                h.putLong(0, spiI).putLong(8, spiR);
                g[17] = 0x20;
                g[18] = (byte) (34 + r.nextInt(4));
                g[19] = 0x08;
                h.putInt(24, g.length);
            }
            inject(g);
        }
        assertEquals(before + n, drops(), b.counters().drops().toString());
        assertBothSasStillWork();
    }

    @Test
    void oversizedLengthFieldsAreDropped() throws Exception {
        long before = drops();
        byte[] hdr = authRequest.clone();
        ByteBuffer.wrap(hdr).putInt(24, 0x7fffffff);
        inject(hdr);
        byte[] hdr2 = authRequest.clone();
        ByteBuffer.wrap(hdr2).putInt(24, -1);
        inject(hdr2);
        // The first payload (SK) claims more than the message holds, or less than its own header.
        for (int len : new int[] {0xffff, authRequest.length, 3, 0}) {
            byte[] p = authRequest.clone();
            ByteBuffer.wrap(p).putShort(30, (short) len);
            inject(p);
        }
        assertEquals(before + 6, drops(), b.counters().drops().toString());
        assertBothSasStillWork();
    }

    @Test
    void unknownSpiIsDroppedAndCounted() throws Exception {
        long before = b.counters().drops().getOrDefault("unknown SPI", 0L);
        byte[] forged = authRequest.clone();
        ByteBuffer.wrap(forged).putLong(8, 0x1122334455667788L);
        inject(forged);
        byte[] forged2 = authRequest.clone();
        ByteBuffer.wrap(forged2).putLong(0, 0x0102030405060708L).putLong(8, 0x1122334455667788L);
        inject(forged2);
        b.listSas();
        assertEquals(before + 2, b.counters().drops().get("unknown SPI"));
        assertBothSasStillWork();
    }

    @Test
    void replayedRequestGetsTheCachedResponseAndIsNotProcessedAgain() throws Exception {
        int sasAtB = backendB.saCount();
        int responsesBefore = net.between(B, A).size();
        inject(authRequest);
        await("cached response resent", () -> net.between(B, A).size() == responsesBefore + 1);
        assertArrayEquals(authResponse, net.between(B, A).get(responsesBefore).data());
        b.listSas();
        assertEquals(sasAtB, backendB.saCount(), "no second CHILD_SA installed");
        assertEquals(2, b.listSas().size());
        assertBothSasStillWork();
    }

    /** RFC 7296 §2.3: once a later exchange completed, the IKE_AUTH request is older than the window. */
    @Test
    void replayOfAnOlderRequestIsDroppedAndCounted() throws Exception {
        int spiA = a.listSas().get(0).children().get(0).spiIn();
        assertEquals(1, a.rekey(null, false));
        await("CHILD_SA rekeyed (message ID 2)", () -> established(a, 1)
                && a.listSas().get(0).children().get(0).spiIn() != spiA);
        b.listSas();
        long before = b.counters().drops().getOrDefault("message ID out of window", 0L);
        int sasAtB = backendB.saCount();
        int answers = net.between(B, A).size();
        inject(authRequest);
        inject(authRequest);
        b.listSas(); // drain B's queue
        assertEquals(before + 2, b.counters().drops().get("message ID out of window"),
                b.counters().drops().toString());
        assertEquals(answers, net.between(B, A).size(), "an old request is not answered");
        assertEquals(sasAtB, backendB.saCount(), "nothing installed again");
        assertBothSasStillWork();
    }

    @Test
    void replayedIkeSaInitDoesNotCreateAnotherSa() throws Exception {
        byte[] init = net.between(A, B).get(0).data();
        int answers = net.between(B, A).size();
        long before = drops();
        for (int i = 0; i < 3; i++) {
            inject(init);
        }
        assertEquals(before + 3, drops(), b.counters().drops().toString());
        assertEquals(2, b.listSas().size(), "no half-open IKE_SA created");
        assertEquals(answers, net.between(B, A).size(), "not answered");
        assertBothSasStillWork();
    }

    @Test
    void replayFromAnotherAddressDoesNotRedirectTheSa() throws Exception {
        net.inject(B, authRequest, new InetSocketAddress(InMemoryIkeNetwork.addr("198.51.100.7"), 4500));
        b.listSas();
        for (IkeSaView v : b.listSas()) {
            assertTrue(v.remoteHost().equals(A.getHostAddress()) || v.remoteHost().equals(C.getHostAddress()),
                    "IKE_SA moved to " + v.remoteHost());
        }
        assertBothSasStillWork();
    }

    @Test
    void tamperedEncryptedPayloadFailsIntegrityAndIsDropped() throws Exception {
        long before = drops();
        int responsesBefore = net.between(B, A).size();
        // Flip a ciphertext byte, the ICV, and (authenticated) header fields in turn, with the next message ID.
        int[] offsets = {40, authRequest.length - 1, authRequest.length - 17};
        for (int off : offsets) {
            byte[] t = authRequest.clone();
            ByteBuffer.wrap(t).putInt(20, 2);
            t[off] ^= 0x01;
            inject(t);
        }
        byte[] nextId = authRequest.clone();
        ByteBuffer.wrap(nextId).putInt(20, 2);
        inject(nextId);
        assertEquals(before + offsets.length + 1, drops(), b.counters().drops().toString());
        assertEquals(responsesBefore, net.between(B, A).size(), "no answer to a forged request");
        assertBothSasStillWork();
    }

    @Test
    void forgedResponsesToTheInitiatorAreDropped() throws Exception {
        a.listSas();
        long before = a.counters().totalDrops();
        byte[] t = authResponse.clone();
        t[t.length - 1] ^= 0x55;
        net.inject(A, t, new InetSocketAddress(B, 500));
        net.inject(A, authResponse, new InetSocketAddress(B, 500)); // a stale, genuine response
        a.listSas();
        assertEquals(before + 2, a.counters().totalDrops(), a.counters().drops().toString());
        assertFalse(a.listSas().isEmpty());
        assertTrue(established(a, 1));
        assertBothSasStillWork();
    }
}
