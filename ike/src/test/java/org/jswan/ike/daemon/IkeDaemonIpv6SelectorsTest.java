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
import org.jswan.ike.spi.AddSaRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TSi/TSr with IPv6 ranges (TS_IPV6_ADDR_RANGE, RFC 7296 §3.13.1), alone and next to IPv4 ones in one CHILD_SA. */
class IkeDaemonIpv6SelectorsTest {
    private static final String V6_1 = "fd00:1::/64";
    private static final String V6_2 = "fd00:2::/64";
    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();

    @AfterEach
    void stop() {
        net.close();
    }

    @Test
    void ipv6AndDualStackSelectorsAreNegotiatedAndInstalled() throws Exception {
        IkeDaemon a = net.daemon(A, backendA);
        IkeDaemon b = net.daemon(B, backendB);
        a.load(List.of(Conn.psk("b", A, B, "fd00:1::/64, 10.1.0.0/16", "fd00:2::/64, 10.2.0.0/16").build()),
                secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(Conn.psk("a", B, A, "fd00:2::/64, 10.2.0.0/16", "fd00:1::/64, 10.1.0.0/16").build()),
                secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate("b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
        IkeSaView.ChildView ca = a.listSas().get(0).children().get(0);
        IkeSaView.ChildView cb = b.listSas().get(0).children().get(0);
        // (The view prints IPv6 uncompressed, as InetAddress does.)
        assertEquals(List.of(V6_1, "10.1.0.0/16"), ca.localTs());
        assertEquals(List.of(V6_2, "10.2.0.0/16"), ca.remoteTs());
        assertEquals(ca.localTs(), cb.remoteTs());
        assertEquals(ca.remoteTs(), cb.localTs());
        AddSaRequest out = backendA.sa(ca.spiOut());
        assertEquals(2, out.sourceSelectors().size(), out.toString());
        assertTrue(out.sourceSelectors().stream().anyMatch(s -> s.toString().equals("fd00:1::/64")),
                out.toString());
    }
}
