package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Make-before-break CHILD_SA rekey (RFC 7296 §2.8, strongSwan's child_rekey): on both peers the new SAs of each
 * direction reach the data plane before the old ones leave it, so traffic never meets a gap.
 */
class IkeDaemonMakeBeforeBreakTest {
    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();

    @AfterEach
    void stop() {
        net.close();
    }

    private static void newBeforeOld(final String side, final List<String> events, final int newSpi,
                                     final int oldSpi) {
        int added = events.indexOf("add " + Integer.toHexString(newSpi));
        int deleted = events.indexOf("del " + Integer.toHexString(oldSpi));
        assertTrue(added >= 0 && deleted >= 0, side + ": " + events);
        assertTrue(added < deleted, side + ": SA " + Integer.toHexString(newSpi) + " installed before "
                + Integer.toHexString(oldSpi) + " went: " + events);
    }

    @Test
    void newSasAreInstalledBeforeTheOldOnesGoOnBothPeers() throws Exception {
        IkeDaemon a = net.daemon(A, backendA);
        IkeDaemon b = net.daemon(B, backendB);
        a.load(List.of(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate("b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
        IkeSaView.ChildView oldA = a.listSas().get(0).children().get(0);
        IkeSaView.ChildView oldB = b.listSas().get(0).children().get(0);

        assertEquals(1, a.rekey(null, false));
        await("rekeyed, old SAs gone", () -> established(a, 1) && established(b, 1)
                && a.listSas().get(0).children().get(0).spiIn() != oldA.spiIn()
                && backendA.saCount() == 2 && backendB.saCount() == 2);
        IkeSaView.ChildView newA = a.listSas().get(0).children().get(0);
        IkeSaView.ChildView newB = b.listSas().get(0).children().get(0);

        newBeforeOld("A inbound", backendA.events(), newA.spiIn(), oldA.spiIn());
        newBeforeOld("A outbound", backendA.events(), newA.spiOut(), oldA.spiOut());
        newBeforeOld("B inbound", backendB.events(), newB.spiIn(), oldB.spiIn());
        newBeforeOld("B outbound", backendB.events(), newB.spiOut(), oldB.spiOut());
    }
}
