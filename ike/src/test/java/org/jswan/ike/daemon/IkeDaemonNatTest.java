package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import org.jswan.ike.codec.MessageCodec;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Datagram;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.spi.BackendFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * NAT detection in IKE_SA_INIT (RFC 7296 §2.23): both sides send NAT_DETECTION_SOURCE_IP and _DESTINATION_IP; when a
 * NAT rewrites the initiator's address, both detect it on the right side, and the initiator moves to port 4500 for
 * IKE_AUTH and after. A data plane that needs UDP encapsulation (like kernel-libipsec) makes
 * both sides fake a NAT, as strongSwan does, so the SA floats to 4500 without one.
 */
class IkeDaemonNatTest {
    private static final InetSocketAddress PUBLIC_500 = new InetSocketAddress(InMemoryIkeNetwork.addr("198.51.100.7"),
            31500);
    private static final InetSocketAddress PUBLIC_4500 = new InetSocketAddress(PUBLIC_500.getAddress(), 34500);

    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private IkeDaemon a;
    private IkeDaemon b;

    @AfterEach
    void stop() {
        net.close();
    }

    /** Daemons whose data planes can do plain ESP ({@code encapsulationRequired} false) or only ESP-in-UDP. */
    private void establish(final boolean encapsulationRequired) throws Exception {
        RecordingBackend backendA = new RecordingBackend();
        RecordingBackend backendB = new RecordingBackend();
        if (!encapsulationRequired) {
            backendA.features = EnumSet.noneOf(BackendFeature.class);
            backendB.features = EnumSet.noneOf(BackendFeature.class);
        }
        a = net.daemon(A, backendA);
        b = net.daemon(B, backendB);
        a.load(List.of(Conn.psk("b", A, B, "10.1.0.0/16", "10.2.0.0/16").build()), secret("k"),
                InMemoryIkeNetwork.NO_CREDENTIALS);
        // B accepts any address: behind a NAT, A is not where its configuration says.
        PeerConfig p = Conn.psk("a", B, A, "10.2.0.0/16", "10.1.0.0/16").build();
        PeerConfig anyRemote = new PeerConfig(p.name(), p.localAddrs(), List.of("%any"), p.localPort(),
                p.remotePort(), p.proposals(), p.local(), p.remote(), p.rekeyTime(), p.reauthTime(), p.overTime(),
                p.randTime(), p.dpdDelay(), p.forceEncap(), p.sendCertreq(), p.sendCertAlways(), p.keyingTries(),
                p.children());
        b.load(List.of(anyRemote), secret("k"), InMemoryIkeNetwork.NO_CREDENTIALS);
        a.initiate("b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
    }

    private static IkeMessage initRequest(final List<Datagram> sent) throws Exception {
        byte[] d = sent.get(0).data();
        IkeMessage m = MessageCodec.decodeBody(MessageCodec.decodeHeader(d), d, null);
        assertEquals(ExchangeType.IKE_SA_INIT, m.exchangeType());
        return m;
    }

    @Test
    void withoutNatNothingIsDetectedAndNatdIsSentBothWays() throws Exception {
        establish(false);
        IkeMessage request = initRequest(net.between(A, B));
        assertNotNull(request.notify(NotifyType.NAT_DETECTION_SOURCE_IP));
        assertNotNull(request.notify(NotifyType.NAT_DETECTION_DESTINATION_IP));
        IkeMessage response = initRequest(net.between(B, A));
        assertNotNull(response.notify(NotifyType.NAT_DETECTION_SOURCE_IP));
        assertNotNull(response.notify(NotifyType.NAT_DETECTION_DESTINATION_IP));
        IkeSaView va = a.listSas().get(0);
        IkeSaView vb = b.listSas().get(0);
        assertFalse(va.natLocal() || va.natRemote(), va.toString());
        assertFalse(vb.natLocal() || vb.natRemote(), vb.toString());
        assertEquals(500, va.localPort(), "no reason to leave port 500");
        assertEquals(500, va.remotePort());
    }

    /** strongSwan with kernel-libipsec: "faking NAT situation to enforce UDP encapsulation". */
    @Test
    void requiredEncapsulationFakesANatOnBothSides() throws Exception {
        establish(true);
        IkeSaView va = a.listSas().get(0);
        IkeSaView vb = b.listSas().get(0);
        assertTrue(va.natRemote() && vb.natRemote(), "each sees the other's faked source hash: " + va + vb);
        assertFalse(va.natLocal() || vb.natLocal(), "destination hashes are genuine");
        assertEquals(4500, va.localPort());
        assertEquals(4500, vb.remotePort());
        assertTrue(va.children().get(0).encap() && vb.children().get(0).encap());
    }

    @Test
    void initiatorBehindNatIsDetectedOnBothSidesAndFloatsTo4500() throws Exception {
        net.nat(new InetSocketAddress(A, 500), PUBLIC_500);
        net.nat(new InetSocketAddress(A, 4500), PUBLIC_4500);
        establish(false);
        IkeSaView va = a.listSas().get(0);
        IkeSaView vb = b.listSas().get(0);
        assertTrue(va.natLocal(), "A knows it is behind a NAT: " + va);
        assertFalse(va.natRemote(), va.toString());
        assertTrue(vb.natRemote(), "B sees A behind a NAT: " + vb);
        assertFalse(vb.natLocal(), vb.toString());
        assertEquals(4500, va.localPort(), "A moved to its NAT-T port");
        assertEquals(4500, va.remotePort());
        assertEquals(PUBLIC_4500.getAddress().getHostAddress(), vb.remoteHost(), "B answers the NAT's address");
        assertEquals(PUBLIC_4500.getPort(), vb.remotePort(), "and the NAT's port for A's 4500");
        // IKE_AUTH went from A's port 4500 to B's (the socket layer adds the non-ESP marker there).
        List<Datagram> fromA = net.between(A, B);
        assertEquals(4500, fromA.get(1).from().getPort());
        assertEquals(4500, fromA.get(1).to().getPort());
        assertEquals(ExchangeType.IKE_AUTH.value(), fromA.get(1).data()[18] & 0xff);
        assertTrue(va.children().get(0).encap() && vb.children().get(0).encap(), "ESP in UDP across the NAT");
        // The tunnel still works: a CHILD_SA rekey crosses the NAT.
        int spi = va.children().get(0).spiIn();
        assertEquals(1, a.rekey(null, false));
        await("rekeyed through the NAT", () -> established(a, 1) && established(b, 1)
                && a.listSas().get(0).children().get(0).spiIn() != spi);
    }
}
