package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.spi.AddSaRequest;
import org.jswan.ike.spi.PolicyRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * start_action = trap (strongSwan's trap policies): loading the configuration installs an outbound policy without
 * an SA; the data plane's acquire starts the CHILD_SA, which takes the trap's reqid; the trap outlives the SA, so
 * traffic after a delete brings the tunnel up again; unloading the connection removes the trap.
 */
class IkeDaemonTrapTest {
    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();
    private IkeDaemon a;
    private IkeDaemon b;

    @AfterEach
    void stop() {
        net.close();
    }

    private static PeerConfig trapped() {
        return InMemoryIkeNetwork.withActions(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16").build(),
                ChildPeerConfig.StartAction.TRAP, ChildPeerConfig.CloseAction.NONE, ChildPeerConfig.CloseAction.NONE);
    }

    private PolicyRequest trapPolicy() {
        synchronized (backendA) {
            return backendA.policies.values().stream().filter(p -> p.direction() == PolicyRequest.Direction.OUT)
                    .findFirst().orElse(null);
        }
    }

    @Test
    void acquireStartsTheChildSaAndTheTrapOutlivesIt() throws Exception {
        a = net.daemon(A, backendA);
        b = net.daemon(B, backendB);
        a.load(List.of(trapped()), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);

        PolicyRequest trap = trapPolicy();
        assertTrue(trap != null && trap.outboundSa() == null, "trap policy without SA: " + backendA.policies);
        assertEquals("10.1.0.0/16", trap.source().toString());
        assertTrue(a.listSas().isEmpty(), "nothing negotiated before traffic");

        backendA.listener.onAcquire(trap.reqid());
        backendA.listener.onAcquire(trap.reqid());
        await("established on acquire", () -> established(a, 1) && established(b, 1));
        assertEquals(1, a.listSas().size(), "a second acquire while connecting starts nothing");
        int spiOut = a.listSas().get(0).children().get(0).spiOut();
        AddSaRequest out = backendA.sa(spiOut);
        assertEquals(trap.reqid(), out.reqid(), "the CHILD_SA took over the trap's reqid");

        assertEquals(1, b.terminate(null));
        await("deleted", () -> a.listSas().isEmpty());
        PolicyRequest left = trapPolicy();
        assertTrue(left != null && left.reqid() == trap.reqid() && left.source().equals(trap.source())
                && left.destination().equals(trap.destination()), "the trap stays when its CHILD_SA goes: " + left);
        backendA.listener.onAcquire(trap.reqid());
        await("up again on the next packet", () -> established(a, 1));

        a.load(List.of(), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        await("connection closed", () -> a.listSas().isEmpty());
        assertNull(trapPolicy(), "unloading the connection removes its trap: " + backendA.policies);
    }
}
