package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Both peers rekey the same CHILD_SA at once (RFC 7296 §2.8.1): the rekey with the lowest nonce loses, its SA is
 * deleted, and one CHILD_SA with matching keys remains on both sides.
 */
class IkeDaemonRekeyCollisionTest {
    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();

    @AfterEach
    void stop() {
        net.close();
    }

    private IkeDaemon a;
    private IkeDaemon b;

    private int establish() throws Exception {
        a = net.daemon(A, backendA);
        b = net.daemon(B, backendB);
        a.load(List.of(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate("b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
        return a.listSas().get(0).children().get(0).spiIn();
    }

    private static boolean response(final InMemoryIkeNetwork.Datagram d) {
        return (d.data()[19] & 0x20) != 0;
    }

    /** Repeated: the nonces are random, so each side wins in some runs. */
    @RepeatedTest(6)
    void simultaneousChildRekeyLeavesOneChildSa() throws Exception {
        int old = establish();
        net.hold();
        assertEquals(1, a.rekey(null, false));
        assertEquals(1, b.rekey(null, false));
        a.listSas();
        b.listSas();
        net.release();
        assertOneChildSaLeft(old);
    }

    /** A's exchange completes at A before B's request reaches A: A answers TEMPORARY_FAILURE (RFC 7296 §2.25). */
    @RepeatedTest(6)
    void crossedRekeyWhoseRequestArrivesAfterTheOtherCompleted() throws Exception {
        int old = establish();
        net.hold();
        assertEquals(1, a.rekey(null, false));
        assertEquals(1, b.rekey(null, false));
        a.listSas();
        b.listSas();
        net.deliverHeld(d -> d.from().getAddress().equals(A) && !response(d));
        await("B answered A's request", () -> net.heldCount() == 2);
        net.deliverHeld(IkeDaemonRekeyCollisionTest::response);
        await("A completed its rekey", () -> a.listSas().get(0).children().stream()
                .anyMatch(c -> c.spiIn() != old && c.state().equals("INSTALLED")));
        net.release();
        assertOneChildSaLeft(old);
    }

    /** Both ends rekey the IKE_SA at once (RFC 7296 §2.8.2): one IKE_SA with its CHILD_SA must remain. */
    @RepeatedTest(4)
    void simultaneousIkeRekeyLeavesOneIkeSa() throws Exception {
        establish();
        long spi = a.listSas().get(0).spiI();
        net.hold();
        assertEquals(1, a.rekey(null, true));
        assertEquals(1, b.rekey(null, true));
        a.listSas();
        b.listSas();
        net.release();
        await("one rekeyed IKE_SA on each side", () -> established(a, 1) && established(b, 1)
                && a.listSas().get(0).spiI() != spi);
        Thread.sleep(300);
        await("settled", () -> established(a, 1) && established(b, 1));
        assertEquals(a.listSas().get(0).spiI(), b.listSas().get(0).spiI());
        assertEquals(a.listSas().get(0).spiR(), b.listSas().get(0).spiR());
        assertEquals(2, backendA.saCount());
        // The surviving IKE_SA still works.
        int child = a.listSas().get(0).children().get(0).spiIn();
        assertEquals(1, b.rekey(null, false));
        await("CHILD_SA rekeyed on the surviving IKE_SA", () -> established(a, 1) && established(b, 1)
                && a.listSas().get(0).children().get(0).spiIn() != child);
    }

    private void assertOneChildSaLeft(final int old) throws Exception {
        await("one CHILD_SA on each side, not the old one", () -> established(a, 1) && established(b, 1)
                && a.listSas().get(0).children().get(0).spiIn() != old);
        Thread.sleep(300);
        await("settled", () -> established(a, 1) && established(b, 1));
        IkeSaView.ChildView ca = a.listSas().get(0).children().get(0);
        IkeSaView.ChildView cb = b.listSas().get(0).children().get(0);
        assertEquals(ca.spiIn(), cb.spiOut());
        assertEquals(ca.spiOut(), cb.spiIn());
        assertArrayEquals(backendA.sa(ca.spiOut()).encryptionKey(), backendB.sa(cb.spiIn()).encryptionKey());
        assertEquals(2, backendA.saCount(), "redundant and old SAs removed at A");
        assertEquals(2, backendB.saCount(), "redundant and old SAs removed at B");
    }
}
