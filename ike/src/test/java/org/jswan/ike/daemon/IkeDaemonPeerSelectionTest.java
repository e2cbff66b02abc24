package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.pskAuth;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jswan.ike.auth.Identity;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A responder with several connections for the same addresses picks the one whose remote identity accepts IDi
 * and, when the initiator names one, whose local identity is IDr (RFC 7296 §2.15, §3.5; strongSwan's peer config
 * lookup by identities).
 */
class IkeDaemonPeerSelectionTest {
    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();
    private IkeDaemon a;
    private IkeDaemon b;

    @AfterEach
    void stop() {
        net.close();
    }

    private void start(final Conn atA, final Conn... atB) {
        a = net.daemon(A, backendA);
        b = net.daemon(B, backendB);
        a.load(List.of(atA.build()), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(java.util.Arrays.stream(atB).map(Conn::build).toList(), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate(atA.name(), "net");
    }

    @Test
    void switchesToTheConnectionThatAcceptsTheInitiatorsIdentity() throws Exception {
        Conn decoy = Conn.psk("decoy", B, A, "10.7.0.0/16", "10.1.0.0/16")
                .withProposals("aes128gcm16-prfsha256-x25519-ecp256", "aes128gcm16")
                .withAuth(pskAuth(Identity.address(B)), pskAuth(Identity.fqdn("decoy.example.org")));
        Conn real = Conn.psk("real", B, A, "10.2.0.0/16", "10.1.0.0/16")
                .withAuth(pskAuth(Identity.address(B)), pskAuth(Identity.address(A)));
        start(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16"), decoy, real);
        await("established with the right connection", () -> established(a, 1) && established(b, 1));
        assertEquals("real", b.listSas().get(0).name());
        assertEquals(List.of("10.2.0.0/16"), b.listSas().get(0).children().get(0).localTs());
    }

    @Test
    void picksTheConnectionWhoseLocalIdentityTheInitiatorAsksFor() throws Exception {
        Conn one = Conn.psk("one", B, A, "10.2.0.0/16", "10.1.0.0/16")
                .withAuth(pskAuth(Identity.fqdn("one.example.org")), pskAuth(Identity.ANY));
        Conn two = Conn.psk("two", B, A, "10.2.0.0/16", "10.1.0.0/16")
                .withAuth(pskAuth(Identity.fqdn("two.example.org")), pskAuth(Identity.ANY));
        start(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16")
                .withAuth(pskAuth(Identity.address(A)), pskAuth(Identity.fqdn("two.example.org"))), one, two);
        await("established with the named connection", () -> established(a, 1) && established(b, 1));
        assertEquals("two", b.listSas().get(0).name());
        assertEquals("two.example.org", a.listSas().get(0).remoteId());
    }
}
