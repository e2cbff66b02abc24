package org.jswan.ike.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.Payload;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.spi.BackendFeature;
import org.jswan.ike.spi.IpsecBackend;
import org.junit.jupiter.api.Test;

/**
 * The initiator's side of NAT detection when its data plane wants UDP encapsulation everywhere (kernel-libipsec's
 * "faking NAT situation"): a peer that answers with NAT_DETECTION payloads gets ESP-in-UDP; a peer that answers
 * without them does not do NAT traversal and could not take it (RFC 3948), so the CHILD_SAs use plain ESP.
 */
class IkeNatdTaskTest {
    private static final long SPI_I = 0x1111_2222_3333_4444L;
    private static final long SPI_R = 0x5555_6666_7777_8888L;

    private static IkeSa initiatorSa() throws Exception {
        IkeSa sa = new IkeSa(1, true, null);
        sa.spis(SPI_I, SPI_R);
        sa.endpoints(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 500),
                new InetSocketAddress(InetAddress.getByName("192.0.2.2"), 500));
        return sa;
    }

    private static TaskContext requiringEncapsulation() {
        IpsecBackend backend = mock(IpsecBackend.class);
        when(backend.features()).thenReturn(EnumSet.of(BackendFeature.REQUIRE_UDP_ENCAPSULATION));
        TaskContext ctx = mock(TaskContext.class);
        when(ctx.backend()).thenReturn(backend);
        when(ctx.random()).thenReturn(new SecureRandom());
        when(ctx.natTPort()).thenReturn(4500);
        return ctx;
    }

    private static IkeMessage response(final IkeSa sa, final boolean withNatd) {
        List<Payload> payloads = new ArrayList<>();
        if (withNatd) { // a peer with no NAT in between: both hashes genuine
            payloads.add(NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, IkeNatdTask.hash(SPI_I, SPI_R,
                    sa.remote())));
            payloads.add(NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, IkeNatdTask.hash(SPI_I, SPI_R,
                    sa.local())));
        }
        return new IkeMessage(IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_SA_INIT, false, true, 0), payloads, true);
    }

    private static IkeSa negotiate(final boolean peerSendsNatd) throws Exception {
        IkeSa sa = initiatorSa();
        IkeNatdTask task = new IkeNatdTask(sa, requiringEncapsulation(), true);
        OutboundMessage request = new OutboundMessage(sa, ExchangeType.IKE_SA_INIT, 0, false);
        task.build(request);
        assertTrue(request.hasNotify(NotifyType.NAT_DETECTION_SOURCE_IP), "NAT-D offered");
        task.process(response(sa, peerSendsNatd));
        return sa;
    }

    @Test
    void aPeerWithNatTraversalGetsEspInUdpAndIkeMovesTo4500() throws Exception {
        IkeSa sa = negotiate(true);
        assertTrue(sa.udpEncapsulation());
        assertEquals(4500, sa.remote().getPort(), "IKE_AUTH goes to 4500");
    }

    @Test
    void aPeerWithoutNatTraversalGetsPlainEsp() throws Exception {
        IkeSa sa = negotiate(false);
        assertFalse(sa.udpEncapsulation(), "the peer sent no NAT_DETECTION payloads: it cannot take ESP-in-UDP");
        assertEquals(500, sa.remote().getPort(), "IKE stays on 500");
    }

    /** As responder: an initiator that sends no NAT-D gets none back and no encapsulation, whatever we would like. */
    @Test
    void asResponderAnInitiatorWithoutNatTraversalGetsPlainEsp() throws Exception {
        IkeSa sa = new IkeSa(1, false, null);
        sa.spis(SPI_I, SPI_R);
        sa.endpoints(new InetSocketAddress(InetAddress.getByName("192.0.2.2"), 500),
                new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 500));
        IkeNatdTask task = new IkeNatdTask(sa, requiringEncapsulation(), false);
        task.process(new IkeMessage(IkeHeader.of(SPI_I, 0, ExchangeType.IKE_SA_INIT, true, false, 0), List.of(),
                true));
        OutboundMessage response = new OutboundMessage(sa, ExchangeType.IKE_SA_INIT, 0, true);
        task.build(response);
        assertFalse(response.hasNotify(NotifyType.NAT_DETECTION_SOURCE_IP), "no NAT-D to a peer that sent none");
        assertFalse(sa.udpEncapsulation());
    }
}
