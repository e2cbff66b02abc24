package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Datagram;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.task.RetransmitSchedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Lost messages (RFC 7296 §2.1, §2.4): lost responses make the initiator retransmit and the responder answer from
 * its cache; a peer that never answers makes the initiator give up and destroy the IKE_SA. COOKIE challenges
 * (§2.6) are answered and the exchange completes.
 */
class IkeDaemonRetransmitTest {
    /** Waits 200, 300, 450, 675 and 1013 ms: four retransmits, then give up (short, but not flaky on a busy CI). */
    private static final DaemonSettings FAST = new DaemonSettings(500, 4500, new RetransmitSchedule(0.2, 1.5, 4),
            30, 1000, 1500, null).withDeleteRekeyedDelay(200);

    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();
    private IkeDaemon a;
    private IkeDaemon b;

    @AfterEach
    void stop() {
        net.close();
    }

    private void start(final DaemonSettings settingsB) {
        a = net.daemon(A, backendA, FAST);
        b = net.daemon(B, backendB, settingsB);
        a.load(List.of(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
    }

    /** A (DPD every 150 ms, the given close_action and dpd_action) establishes with B. */
    private void establishWithDpd(final ChildPeerConfig.CloseAction close, final ChildPeerConfig.CloseAction dpd)
            throws InterruptedException {
        a = net.daemon(A, backendA, FAST);
        b = net.daemon(B, backendB, FAST);
        a.load(List.of(InMemoryIkeNetwork.withActions(InMemoryIkeNetwork.withDpd(Conn.psk("b", A, B, "10.1.0.0/16",
                "10.2.0.0/16").build(), java.time.Duration.ofMillis(150)), close, dpd)), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate("b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
    }

    private static int messageId(final Datagram d) {
        return ByteBuffer.wrap(d.data()).getInt(20);
    }

    private static boolean fromB(final Datagram d) {
        return d.from().getAddress().equals(B);
    }

    @Test
    void lostResponsesAreRetransmittedUntilTheExchangeCompletes() throws Exception {
        start(FAST);
        Map<Integer, Integer> seen = new ConcurrentHashMap<>();
        // B's first two answers to every message ID are lost.
        net.drop = d -> fromB(d) && seen.merge(messageId(d), 1, Integer::sum) <= 2;
        a.initiate("b", "net");
        await("established despite lost responses", () -> established(a, 1) && established(b, 1));
        long initRequests = net.between(A, B).stream().filter(d -> messageId(d) == 0).count();
        long authRequests = net.between(A, B).stream().filter(d -> messageId(d) == 1).count();
        assertTrue(initRequests >= 3, "IKE_SA_INIT retransmitted at least twice: " + initRequests);
        assertTrue(authRequests >= 3, "IKE_AUTH retransmitted at least twice: " + authRequests);
        assertEquals(1, b.listSas().size(), "retransmits did not create more IKE_SAs at the responder");
        assertEquals(2, backendB.saCount(), "retransmits did not install the CHILD_SA twice");

        int spi = a.listSas().get(0).children().get(0).spiIn();
        assertEquals(1, a.rekey(null, false));
        await("rekeyed despite lost responses", () -> established(a, 1) && established(b, 1)
                && a.listSas().get(0).children().get(0).spiIn() != spi);
        await("the rekeyed CHILD_SA's inbound SA removed after its grace period", () -> backendB.saCount() == 2);
    }

    @Test
    void silentPeerMakesTheInitiatorGiveUp() throws Exception {
        start(FAST);
        net.drop = answersOfBLost();
        a.initiate("b", "net");
        await("initiator gave up", () -> a.listSas().isEmpty());
        assertEquals(5, net.between(A, B).size(), "first send plus four retransmits");
        assertEquals(1L, a.counters().outcomes().get("timeout"));
        await("responder's half-open IKE_SA timed out", () -> b.listSas().isEmpty());
    }

    @Test
    void peerThatStopsAnsweringIsDeclaredDeadOnTheNextExchange() throws Exception {
        start(FAST);
        a.initiate("b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
        net.drop = answersOfBLost();
        assertEquals(1, a.rekey(null, false));
        await("initiator destroyed the IKE_SA", () -> a.listSas().isEmpty());
        assertEquals(0, backendA.saCount(), "its CHILD_SAs are gone from the data plane");
    }

    @Test
    void deadPeerDetectionKeepsALivePeerAndDropsADeadOne() throws Exception {
        establishWithDpd(ChildPeerConfig.CloseAction.NONE, ChildPeerConfig.CloseAction.NONE);
        // INFORMATIONAL (37) requests with no payload, answered by B.
        await("two DPD exchanges", () -> net.between(B, A).stream().filter(d -> d.data()[18] == 37).count() >= 2);
        assertTrue(established(a, 1) && established(b, 1));
        net.drop = answersOfBLost();
        await("dead peer detected", () -> a.listSas().isEmpty());
        assertEquals(0, backendA.saCount());
    }

    /** swanctl.conf(5) dpd_action = restart: the initiator brings the connection up again once the peer is back. */
    @Test
    void deadPeerWithDpdActionRestartIsReinitiated() throws Exception {
        establishWithDpd(ChildPeerConfig.CloseAction.NONE, ChildPeerConfig.CloseAction.START);
        long first = a.listSas().get(0).spiI();
        // B loses its state (a reboot) and answers nothing until A has given the IKE_SA up.
        net.drop = answersOfBLost();
        await("dead peer detected and a new IKE_SA started", () -> a.listSas().size() == 1
                && a.listSas().get(0).spiI() != first);
        b.terminate(null);
        net.drop = d -> false;
        await("re-established", () -> established(a, 1) && a.listSas().get(0).spiI() != first);
        assertEquals(1, a.listSas().size());
    }

    /** dpd_action = clear (the default): a dead peer's IKE_SA is gone and nothing is started. */
    @Test
    void deadPeerWithoutDpdActionStaysDown() throws Exception {
        establishWithDpd(ChildPeerConfig.CloseAction.NONE, ChildPeerConfig.CloseAction.NONE);
        net.drop = answersOfBLost();
        await("dead peer detected", () -> a.listSas().isEmpty());
        Thread.sleep(500);
        assertTrue(a.listSas().isEmpty(), "nothing restarted");
    }

    /** close_action = start: when the peer deletes the IKE_SA, it is initiated again. */
    @Test
    void peerDeleteWithCloseActionStartIsReinitiated() throws Exception {
        establishWithDpd(ChildPeerConfig.CloseAction.START, ChildPeerConfig.CloseAction.NONE);
        long first = a.listSas().get(0).spiI();
        assertEquals(1, b.terminate(null));
        await("re-established by A", () -> established(a, 1) && established(b, 1)
                && a.listSas().get(0).spiI() != first);
        assertTrue(a.listSas().get(0).initiator(), "A initiated again");
    }

    @Test
    void halfOpenTimeoutSparesAnEstablishedSaThatIsBusyRekeying() throws Exception {
        start(new DaemonSettings(500, 4500, RetransmitSchedule.STRONGSWAN_DEFAULT, 30, 1000, 1000, null));
        long t0 = System.currentTimeMillis();
        a.initiate("b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
        long spi = a.listSas().get(0).spiI();
        net.hold();
        assertEquals(1, b.rekey(null, true));
        // The responder's half-open timer must fire while its IKE_SA is REKEYING.
        Assumptions.assumeTrue(System.currentTimeMillis() - t0 < 700, "establishing took too long");
        Thread.sleep(1500);
        net.release();
        await("IKE_SA rekeyed by the responder", () -> established(a, 1) && established(b, 1)
                && a.listSas().get(0).spiI() != spi);
    }

    @Test
    void cookieChallengeIsAnsweredAndTheSaEstablished() throws Exception {
        start(FAST.withCookieThreshold(0));
        a.initiate("b", "net");
        await("established through a COOKIE challenge", () -> established(a, 1) && established(b, 1));
        List<Datagram> fromB = net.between(B, A);
        // The first answer is N(COOKIE) alone: header, notify header with protocol/SPI size 0, 33 bytes of cookie.
        byte[] challenge = fromB.get(0).data();
        assertEquals(0, ByteBuffer.wrap(challenge).getLong(8), "no responder SPI: the responder kept no state");
        assertEquals(41, challenge[16], "first payload is a Notify");
        assertEquals(16390, ByteBuffer.wrap(challenge).getShort(34) & 0xffff, "COOKIE");
        assertNotNull(b.counters().drops().get("cookie required"));
        List<Datagram> fromA = net.between(A, B);
        assertTrue(fromA.get(1).data().length > fromA.get(0).data().length, "the retry carries the cookie");
    }

    private static java.util.function.Predicate<Datagram> answersOfBLost() {
        return d -> fromB(d);
    }
}
