package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.PeerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rekeying by lifetime with strongSwan's jitter: an IKE_SA rekeys at {@code rekey_time - random(0, rand_time)}, a
 * CHILD_SA likewise with its own rekey_time and rand_time, and the CHILD_SA expires at life_time.
 */
class IkeDaemonLifetimeJitterTest {
    private static final Duration IKE_REKEY = Duration.ofHours(4);
    private static final Duration IKE_RAND = Duration.ofHours(1);
    private static final Duration CHILD_REKEY = Duration.ofHours(1);
    private static final Duration CHILD_RAND = Duration.ofMinutes(20);
    private static final Duration CHILD_LIFE = Duration.ofMinutes(66);

    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();

    @AfterEach
    void stop() {
        net.close();
    }

    private static PeerConfig withJitter(final PeerConfig p) {
        ChildPeerConfig c = p.children().get(0);
        ChildPeerConfig child = new ChildPeerConfig(c.name(), c.localTs(), c.remoteTs(), c.espProposals(),
                c.transportMode(), c.startAction(), c.closeAction(), c.dpdAction(), CHILD_REKEY, CHILD_LIFE,
                CHILD_RAND, c.rekeyBytes(), c.lifeBytes(), c.rekeyPackets(), c.lifePackets(), c.replayWindow());
        return new PeerConfig(p.name(), p.localAddrs(), p.remoteAddrs(), p.localPort(), p.remotePort(),
                p.proposals(), p.local(), p.remote(), IKE_REKEY, p.reauthTime(), p.overTime(), IKE_RAND,
                p.dpdDelay(), p.forceEncap(), p.sendCertreq(), p.sendCertAlways(), p.keyingTries(), List.of(child));
    }

    @Test
    void rekeyTimesAreJitteredWithinRandTime() throws Exception {
        IkeDaemon a = net.daemon(A, new RecordingBackend());
        IkeDaemon b = net.daemon(B, new RecordingBackend());
        int n = 6;
        // One connection per IKE_SA: initiating a connection that is up adds a CHILD_SA to it instead.
        List<PeerConfig> connections = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            connections.add(withJitter(Conn.psk("b" + i, A, B, "10.1.0.0/16", "10.2.0.0/16").build()));
        }
        a.load(connections, secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(withJitter(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build())), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        for (int i = 0; i < n; i++) {
            a.initiate("b" + i, "net");
        }
        await(n + " IKE_SAs with a CHILD_SA", () -> a.listSas().size() == n && a.listSas().stream()
                .allMatch(s -> s.state().equals("ESTABLISHED") && s.children().size() == 1));
        Set<Long> ikeTimes = new HashSet<>();
        Set<Long> childTimes = new HashSet<>();
        for (IkeSaView s : a.listSas()) {
            long ike = s.rekeyInSeconds();
            assertTrue(ike <= IKE_REKEY.toSeconds() && ike >= IKE_REKEY.minus(IKE_RAND).toSeconds() - 1,
                    "IKE rekey in " + ike + " s");
            ikeTimes.add(ike);
            IkeSaView.ChildView c = s.children().get(0);
            assertTrue(c.rekeyInSeconds() <= CHILD_REKEY.toSeconds()
                    && c.rekeyInSeconds() >= CHILD_REKEY.minus(CHILD_RAND).toSeconds() - 1,
                    "CHILD rekey in " + c.rekeyInSeconds() + " s");
            childTimes.add(c.rekeyInSeconds());
            assertTrue(Math.abs(c.lifeInSeconds() - CHILD_LIFE.toSeconds()) <= 1, "life " + c.lifeInSeconds());
        }
        // Six draws from 3600 (1200) seconds: equal all around only if there were no jitter at all.
        assertTrue(ikeTimes.size() > 1, "IKE rekey times jittered: " + ikeTimes);
        assertTrue(childTimes.size() > 1, "CHILD rekey times jittered: " + childTimes);
        assertEquals(n, b.listSas().size());
    }
}
