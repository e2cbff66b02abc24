package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.pskAuth;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.jswan.ike.auth.Identity;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ID type of the issue (RFC 7296 §3.5: ID_IPV4_ADDR, ID_IPV6_ADDR, ID_FQDN, ID_RFC822_ADDR, ID_DER_ASN1_DN) in
 * IDi and IDr of a PSK exchange: each side is configured to expect exactly the other's identity, so the exchange only
 * completes if both encode, decode and compare it right.
 */
class IkeDaemonIdentityTypesTest {
    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();

    @AfterEach
    void stop() {
        net.close();
    }

    static Stream<Arguments> identities() {
        Identity v4 = Identity.address(InMemoryIkeNetwork.addr("198.51.100.10"));
        Identity v6 = Identity.address(InMemoryIkeNetwork.addr("2001:db8::10"));
        Identity fqdn = Identity.fqdn("gw.example.org");
        Identity email = Identity.rfc822("admin@example.org");
        Identity dn = Identity.dn(new X500Principal("CN=gw, O=jswan, C=CH"));
        return Stream.of(
                Arguments.of(v4, v6), Arguments.of(v6, fqdn), Arguments.of(fqdn, email), Arguments.of(email, dn),
                Arguments.of(dn, v4));
    }

    @ParameterizedTest(name = "IDi {0}, IDr {1}")
    @MethodSource("identities")
    void establishesWithThisPairOfIdentities(final Identity idA, final Identity idB) throws Exception {
        IkeDaemon a = net.daemon(A, new RecordingBackend());
        IkeDaemon b = net.daemon(B, new RecordingBackend());
        a.load(List.of(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16")
                .withAuth(pskAuth(idA), pskAuth(idB)).build()), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16")
                .withAuth(pskAuth(idB), pskAuth(idA)).build()), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate("b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
        IkeSaView va = a.listSas().get(0);
        IkeSaView vb = b.listSas().get(0);
        assertEquals(idA.toString(), va.localId());
        assertEquals(idB.toString(), va.remoteId());
        assertEquals(idB.toString(), vb.localId());
        assertEquals(idA.toString(), vb.remoteId());
    }
}
