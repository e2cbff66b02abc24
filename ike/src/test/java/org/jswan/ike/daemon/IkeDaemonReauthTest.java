package org.jswan.ike.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import org.jswan.ike.peer.PeerConfig;
import org.junit.jupiter.api.Test;

/** reauth_time: the initiator replaces its IKE_SA and CHILD_SAs with freshly authenticated ones (RFC 7296 §2.8.3). */
class IkeDaemonReauthTest {

    private static PeerConfig withReauth(final PeerConfig p, final Duration reauth) {
        return new PeerConfig(p.name(), p.localAddrs(), p.remoteAddrs(), p.localPort(), p.remotePort(),
                p.proposals(), p.local(), p.remote(), p.rekeyTime(), reauth, p.overTime(), Duration.ZERO,
                p.dpdDelay(), p.forceEncap(), p.sendCertreq(), p.sendCertAlways(), p.keyingTries(), p.children());
    }

    @Test
    void reauthenticatesWithNewSasAndKeepsTheChild() throws Exception {
        try (InMemoryIkeNetwork net = new InMemoryIkeNetwork()) {
            RecordingBackend backendA = new RecordingBackend();
            RecordingBackend backendB = new RecordingBackend();
            IkeDaemon a = net.daemon(InMemoryIkeNetwork.A, backendA);
            IkeDaemon b = net.daemon(InMemoryIkeNetwork.B, backendB);
            PeerConfig ca = withReauth(InMemoryIkeNetwork.Conn.psk("site-b", InMemoryIkeNetwork.A,
                    InMemoryIkeNetwork.B, "10.1.0.0/16", "10.2.0.0/16").build(), Duration.ofSeconds(2));
            PeerConfig cb = InMemoryIkeNetwork.Conn.psk("site-a", InMemoryIkeNetwork.B, InMemoryIkeNetwork.A,
                    "10.2.0.0/16", "10.1.0.0/16").build();
            a.load(List.of(ca), InMemoryIkeNetwork.secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
            b.load(List.of(cb), InMemoryIkeNetwork.secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
            a.initiate("site-b", "net");
            InMemoryIkeNetwork.await("established", () -> InMemoryIkeNetwork.established(a, 1)
                    && InMemoryIkeNetwork.established(b, 1));
            long firstSpi = a.listSas().get(0).spiI();
            int firstChild = a.listSas().get(0).children().get(0).spiIn();

            InMemoryIkeNetwork.await("reauthenticated", () -> InMemoryIkeNetwork.established(a, 1)
                    && InMemoryIkeNetwork.established(b, 1) && a.listSas().get(0).spiI() != firstSpi);
            IkeSaView now = a.listSas().get(0);
            assertNotEquals(firstChild, now.children().get(0).spiIn(), "a new CHILD_SA with new keys");
            assertEquals(now.spiI(), b.listSas().get(0).spiI());
            assertEquals(2, backendA.saCount(), "the old CHILD_SA's SAs are gone");
            assertEquals(2, backendB.saCount());
        }
    }
}
