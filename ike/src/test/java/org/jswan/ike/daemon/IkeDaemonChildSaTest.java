package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.jswan.ike.spi.AddSaRequest;
import org.jswan.ike.spi.Selector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CHILD_SA negotiation between two daemons: traffic selector narrowing (RFC 7296 §2.9), TS_UNACCEPTABLE, transport
 * mode (§1.3.1), and the AEAD, ECP and MODP proposals with PFS on rekeying (§1.3.3), checking that both sides
 * install the same keys.
 */
class IkeDaemonChildSaTest {
    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();
    private IkeDaemon a;
    private IkeDaemon b;

    @AfterEach
    void stop() {
        net.close();
    }

    private void start(final Conn atA, final Conn atB) {
        a = net.daemon(A, backendA);
        b = net.daemon(B, backendB);
        a.load(List.of(atA.build()), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(atB.build()), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate(atA.name(), "net");
    }

    private static Conn toB() {
        return Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16");
    }

    private static Conn toA() {
        return Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16");
    }

    /** The SAs A sends with match those B receives with, and the reverse; returns A's outbound SA. */
    private AddSaRequest assertKeysMatch() {
        IkeSaView.ChildView ca = a.listSas().get(0).children().get(0);
        IkeSaView.ChildView cb = b.listSas().get(0).children().get(0);
        assertEquals(ca.spiOut(), cb.spiIn());
        assertEquals(ca.spiIn(), cb.spiOut());
        for (int spi : new int[] {ca.spiOut(), ca.spiIn()}) {
            AddSaRequest x = backendA.sa(spi);
            AddSaRequest y = backendB.sa(spi);
            assertNotNull(x);
            assertNotNull(y);
            assertEquals(x.encryptionAlgorithm(), y.encryptionAlgorithm());
            assertArrayEquals(x.encryptionKey(), y.encryptionKey());
            assertArrayEquals(x.integrityKey(), y.integrityKey());
            assertEquals(!x.inbound(), y.inbound());
        }
        assertFalse(Arrays.equals(backendA.sa(ca.spiOut()).encryptionKey(), backendA.sa(ca.spiIn())
                .encryptionKey()), "each direction has its own key");
        return backendA.sa(ca.spiOut());
    }

    @Test
    void responderNarrowsTheSelectorsAndBothSidesInstallTheNarrowedOnes() throws Exception {
        start(toB(), toA().withTs("10.2.1.0/24", "10.1.2.0/24"));
        await("established", () -> established(a, 1) && established(b, 1));
        IkeSaView.ChildView ca = a.listSas().get(0).children().get(0);
        IkeSaView.ChildView cb = b.listSas().get(0).children().get(0);
        assertEquals(List.of("10.1.2.0/24"), ca.localTs());
        assertEquals(List.of("10.2.1.0/24"), ca.remoteTs());
        assertEquals(ca.localTs(), cb.remoteTs());
        assertEquals(ca.remoteTs(), cb.localTs());
        AddSaRequest out = backendA.sa(ca.spiOut());
        Selector src = out.sourceSelectors().get(0);
        assertEquals("10.1.2.0", src.startAddress().getHostAddress());
        assertEquals("10.1.2.255", src.endAddress().getHostAddress());
        assertEquals("10.2.1.0", out.destinationSelectors().get(0).startAddress().getHostAddress());
        AddSaRequest in = backendB.sa(ca.spiOut());
        assertEquals(out.sourceSelectors(), in.sourceSelectors());
        assertEquals(out.destinationSelectors(), in.destinationSelectors());
        assertEquals(AddSaRequest.Mode.TUNNEL, out.mode());
    }

    @Test
    void disjointSelectorsAreRefusedButTheIkeSaStays() throws Exception {
        start(toB(), toA().withTs("10.9.0.0/16", "10.8.0.0/16"));
        await("IKE_SA established without CHILD_SA", () -> established(a, 0) && established(b, 0));
        Thread.sleep(200);
        assertTrue(established(a, 0) && established(b, 0), "the IKE_SA stays up");
        assertEquals(0, backendA.saCount());
        assertEquals(0, backendB.saCount());
    }

    @Test
    void refusedRekeyKeepsTheOldChildSa() throws Exception {
        start(toB(), toA());
        await("established", () -> established(a, 1) && established(b, 1));
        int spi = a.listSas().get(0).children().get(0).spiIn();
        backendB.refuseSpis = true; // B answers the rekey with TEMPORARY_FAILURE
        assertEquals(1, a.rekey(null, false));
        await("the rekey exchange is over", () -> net.between(B, A).size() == net.between(A, B).size()
                && net.between(A, B).size() == 3);
        Thread.sleep(200);
        assertTrue(established(a, 1) && established(b, 1), "old CHILD_SA still installed on both sides");
        assertEquals(spi, a.listSas().get(0).children().get(0).spiIn());
        assertEquals(2, backendA.saCount());
        assertEquals(2, backendB.saCount());
    }

    @Test
    void transportModeOnBothSides() throws Exception {
        start(toB().withTs("dynamic", "dynamic").withTransport(),
                toA().withTs("dynamic", "dynamic").withTransport());
        await("established", () -> established(a, 1) && established(b, 1));
        assertEquals("TRANSPORT", a.listSas().get(0).children().get(0).mode());
        assertEquals("TRANSPORT", b.listSas().get(0).children().get(0).mode());
        assertEquals(List.of("192.0.2.1/32"), a.listSas().get(0).children().get(0).localTs());
        assertEquals(List.of("192.0.2.2/32"), a.listSas().get(0).children().get(0).remoteTs());
        for (AddSaRequest r : List.of(assertKeysMatch(), backendB.sa(b.listSas().get(0).children().get(0).spiIn()))) {
            assertEquals(AddSaRequest.Mode.TRANSPORT, r.mode());
        }
    }

    @Test
    void transportModeRequestedByOnlyOneSideFallsBackToTunnel() throws Exception {
        start(toB().withTransport(), toA());
        await("established", () -> established(a, 1) && established(b, 1));
        assertEquals(AddSaRequest.Mode.TUNNEL, assertKeysMatch().mode());
    }

    private void establishesAndRekeys(final String ike, final String esp, final String ikeEnc, final String ke,
                                      final String childKe) throws Exception {
        start(toB().withProposals(ike, esp), toA().withProposals(ike, esp));
        await("established", () -> established(a, 1) && established(b, 1));
        IkeSaView va = a.listSas().get(0);
        assertEquals(ikeEnc, va.encryption());
        assertEquals(ke, va.keyExchange());
        AddSaRequest first = assertKeysMatch();
        int spi = va.children().get(0).spiIn();
        assertEquals(1, a.rekey(null, false));
        await("rekeyed", () -> established(a, 1) && established(b, 1)
                && a.listSas().get(0).children().get(0).spiIn() != spi);
        AddSaRequest second = assertKeysMatch();
        assertFalse(Arrays.equals(first.encryptionKey(), second.encryptionKey()));
        assertEquals(childKe, a.listSas().get(0).children().get(0).keyExchange());
        assertEquals(childKe, b.listSas().get(0).children().get(0).keyExchange());
        assertEquals(2, backendA.saCount());
        assertEquals(2, backendB.saCount());
    }

    @Test
    void chacha20Poly1305() throws Exception {
        establishesAndRekeys("chacha20poly1305-prfsha256-x25519", "chacha20poly1305", "CHACHA20_POLY1305",
                "CURVE_25519", null);
        assertEquals(36, backendA.sas.values().iterator().next().encryptionKey().length, "256-bit key + salt");
    }

    @Test
    void aes256GcmPrfSha384Ecp384WithEcp384Pfs() throws Exception {
        establishesAndRekeys("aes256gcm16-prfsha384-ecp384", "aes256gcm16-ecp384", "AES_GCM_16_256", "ECP_384",
                "ECP_384");
        assertEquals("PRF_HMAC_SHA2_384", a.listSas().get(0).prf());
    }

    @Test
    void modp3072WithModp3072Pfs() throws Exception {
        establishesAndRekeys("aes128-sha256-modp3072", "aes128-sha256-modp3072", "AES_CBC_128", "MODP_3072",
                "MODP_3072");
    }
}
