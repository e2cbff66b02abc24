package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.peer.TsConfig;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.spi.AddSaRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CREATE_CHILD_SA for an additional CHILD_SA on an established IKE_SA (RFC 7296 §1.3.1): the second child gets its
 * own SPIs, selectors and keys (from SK_d, §2.17) on both sides, and the first one is left as it was.
 */
class IkeDaemonCreateChildTest {
    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();

    @AfterEach
    void stop() {
        net.close();
    }

    /** {@code p} with a second child "web" tunnelling {@code local} to {@code remote}. */
    private static PeerConfig withSecondChild(final PeerConfig p, final String local, final String remote) {
        ChildPeerConfig c = p.children().get(0);
        ChildPeerConfig web = new ChildPeerConfig("web", List.of(TsConfig.parse(local)),
                List.of(TsConfig.parse(remote)), c.espProposals(), c.transportMode(), c.startAction(),
                c.closeAction(), c.dpdAction(), c.rekeyTime(), c.lifeTime(), c.randTime(), c.rekeyBytes(),
                c.lifeBytes(), c.rekeyPackets(), c.lifePackets(), c.replayWindow());
        List<ChildPeerConfig> children = new ArrayList<>(p.children());
        children.add(web);
        return new PeerConfig(p.name(), p.localAddrs(), p.remoteAddrs(), p.localPort(), p.remotePort(),
                p.proposals(), p.local(), p.remote(), p.rekeyTime(), p.reauthTime(), p.overTime(), p.randTime(),
                p.dpdDelay(), p.forceEncap(), p.sendCertreq(), p.sendCertAlways(), p.keyingTries(), children);
    }

    @Test
    void secondChildSaOnTheSameIkeSa() throws Exception {
        IkeDaemon a = net.daemon(A, backendA);
        IkeDaemon b = net.daemon(B, backendB);
        PeerConfig atA = withSecondChild(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16").build(),
                "172.16.1.0/24", "172.16.2.0/24");
        PeerConfig atB = withSecondChild(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build(),
                "172.16.2.0/24", "172.16.1.0/24");
        a.load(List.of(atA), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(atB), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate("b", "net");
        await("established with the first child", () -> established(a, 1) && established(b, 1));
        IkeSaView.ChildView first = a.listSas().get(0).children().get(0);
        int exchangesBefore = net.between(A, B).size();

        // Initiating a further child of a connection that is up reuses its IKE_SA (as swanctl --initiate does).
        assertEquals(a.listSas().get(0).name() + "[" + a.listSas().get(0).uniqueId() + "]", a.initiate("b", "web"));
        await("second CHILD_SA on both sides", () -> established(a, 2) && established(b, 2));

        assertEquals(exchangesBefore + 1, net.between(A, B).size(), "one CREATE_CHILD_SA request");
        IkeSaView va = a.listSas().get(0);
        IkeSaView vb = b.listSas().get(0);
        assertEquals(1, a.listSas().size(), "no new IKE_SA");
        IkeSaView.ChildView webA = va.children().stream().filter(c -> c.name().equals("web")).findFirst().get();
        IkeSaView.ChildView webB = vb.children().stream().filter(c -> c.name().equals("web")).findFirst().get();
        assertEquals(List.of("172.16.1.0/24"), webA.localTs());
        assertEquals(List.of("172.16.2.0/24"), webA.remoteTs());
        assertEquals(webA.spiIn(), webB.spiOut());
        assertEquals(webA.spiOut(), webB.spiIn());
        assertNotEquals(first.spiIn(), webA.spiIn());
        AddSaRequest out = backendA.sa(webA.spiOut());
        assertArrayEquals(out.encryptionKey(), backendB.sa(webB.spiIn()).encryptionKey());
        assertArrayEquals(backendA.sa(webA.spiIn()).encryptionKey(), backendB.sa(webB.spiOut()).encryptionKey());
        assertFalse(Arrays.equals(out.encryptionKey(), backendA.sa(first.spiOut()).encryptionKey()), "fresh keys");
        IkeSaView.ChildView net = va.children().stream().filter(c -> c.name().equals("net")).findFirst().get();
        assertEquals(first.spiIn(), net.spiIn(), "the first CHILD_SA is untouched");
        assertEquals(first.spiOut(), net.spiOut());
        assertEquals(4, backendA.saCount());
        assertEquals(4, backendB.saCount());
    }

    /**
     * Two children with start_action = start come up on one IKE_SA (the second by CREATE_CHILD_SA), as strongSwan
     * does; starting again (a reload) negotiates nothing new.
     */
    @Test
    void childrenStartedTogetherShareOneIkeSa() throws Exception {
        IkeDaemon a = net.daemon(A, backendA);
        IkeDaemon b = net.daemon(B, backendB);
        PeerConfig atA = InMemoryIkeNetwork.withActions(withSecondChild(Conn.psk("b", A, B, "10.1.0.0/16",
                "10.2.0.0/16").build(), "172.16.1.0/24", "172.16.2.0/24"), ChildPeerConfig.StartAction.START,
                ChildPeerConfig.CloseAction.NONE, ChildPeerConfig.CloseAction.NONE);
        PeerConfig atB = withSecondChild(Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build(),
                "172.16.2.0/24", "172.16.1.0/24");
        a.load(List.of(atA), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        b.load(List.of(atB), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        a.startConnections();
        await("both children on one IKE_SA", () -> established(a, 2) && established(b, 2));
        assertEquals(1, a.listSas().size());
        assertEquals(1, b.listSas().size());
        int exchanges = net.between(A, B).size();
        a.startConnections();
        Thread.sleep(300);
        assertEquals(exchanges, net.between(A, B).size(), "nothing negotiated again");
        assertEquals(2, a.listSas().get(0).children().size());
    }
}
