package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.jswan.ike.keys.WiresharkKeyFiles;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INITIAL_CONTACT (RFC 7296 §2.4): the initiator sends it in its first IKE_AUTH only when it has no other IKE_SA
 * with that peer; the responder then destroys older IKE_SAs between the same identities (strongSwan's uniqueness
 * policy "no": a peer that rebooted lost them), along with their CHILD_SAs in the data plane.
 */
class IkeDaemonInitialContactTest {
    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();
    private IkeDaemon a;
    private IkeDaemon b;

    @TempDir
    Path keysB;

    @AfterEach
    void stop() {
        net.close();
    }

    private IkeDaemon peerA(final RecordingBackend backend) {
        IkeDaemon d = net.daemon(A, backend);
        // "b2" is a second connection to the same peer, for a second IKE_SA next to the first.
        d.load(List.of(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16").build(),
                Conn.psk("b2", A, B, "10.1.0.0/16", "10.2.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        return d;
    }

    private void start() throws Exception {
        a = peerA(backendA);
        b = net.daemon(B, backendB, DaemonSettings.defaults().withKeyFiles(new WiresharkKeyFiles(keysB)));
        b.load(List.of(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate("b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
    }

    /** The IKE_AUTH requests A sent to B so far, decrypted with the keys B saved. */
    private List<IkeMessage> authRequests() throws Exception {
        return WireDecryptor.read(keysB).requests(net.between(A, B), ExchangeType.IKE_AUTH);
    }

    @Test
    void firstIkeAuthCarriesInitialContact() throws Exception {
        start();
        List<IkeMessage> auth = authRequests();
        assertEquals(1, auth.size());
        assertNotNull(auth.get(0).notify(NotifyType.INITIAL_CONTACT), "INITIAL_CONTACT in the first IKE_AUTH");
    }

    @Test
    void rebootedInitiatorReplacesItsStaleSaAtTheResponder() throws Exception {
        start();
        long oldSpi = b.listSas().get(0).spiI();
        int oldChildSpi = b.listSas().get(0).children().get(0).spiIn();
        assertNotNull(backendB.sa(oldChildSpi));

        // A loses all state without telling B (no DELETE), comes back and connects again.
        a.close();
        RecordingBackend rebooted = new RecordingBackend();
        IkeDaemon a2 = peerA(rebooted);
        a2.initiate("b", "net");
        await("B keeps only the new IKE_SA", () -> established(a2, 1) && established(b, 1)
                && b.listSas().get(0).spiI() != oldSpi);
        assertNotEquals(oldSpi, b.listSas().get(0).spiI());
        assertNull(backendB.sa(oldChildSpi), "the stale CHILD_SA left B's data plane");
        assertEquals(2, backendB.saCount(), "only the new CHILD_SA's two SAs are installed at B");
        assertEquals(2, authRequests().size());
        assertNotNull(authRequests().get(1).notify(NotifyType.INITIAL_CONTACT));
    }

    @Test
    void secondIkeSaToTheSamePeerHasNoInitialContactAndKeepsTheFirst() throws Exception {
        start();
        a.initiate("b2", "net");
        await("two IKE_SAs on both sides", () -> a.listSas().size() == 2 && b.listSas().size() == 2
                && b.listSas().stream().allMatch(s -> s.state().equals("ESTABLISHED"))
                && a.listSas().stream().allMatch(s -> s.state().equals("ESTABLISHED")));
        List<IkeMessage> auth = authRequests();
        assertEquals(2, auth.size());
        assertNotNull(auth.get(0).notify(NotifyType.INITIAL_CONTACT));
        assertNull(auth.get(1).notify(NotifyType.INITIAL_CONTACT), "A already had an IKE_SA with B");
        Thread.sleep(100);
        assertEquals(2, b.listSas().size(), "B destroyed nothing");
        assertFalse(b.listSas().stream().anyMatch(s -> s.children().isEmpty()));
    }

    @Test
    void ikeSasSetUpAtOnceSendInitialContactOnlyOnce() throws Exception {
        start();
        a.close();
        IkeDaemon a2 = peerA(new RecordingBackend());
        for (int i = 0; i < 3; i++) {
            a2.initiate("b", "net");
        }
        await("three new IKE_SAs, the stale one gone", () -> a2.listSas().size() == 3 && b.listSas().size() == 3
                && b.listSas().stream().allMatch(s -> s.state().equals("ESTABLISHED") && s.children().size() == 1));
        List<IkeMessage> fresh = authRequests().subList(1, 4);
        assertEquals(1, fresh.stream().filter(m -> m.notify(NotifyType.INITIAL_CONTACT) != null).count(),
                "only the first IKE_AUTH says INITIAL_CONTACT");
    }
}
