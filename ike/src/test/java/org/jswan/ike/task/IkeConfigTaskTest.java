package org.jswan.ike.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.jswan.ike.message.ConfigAttribute;
import org.jswan.ike.message.ConfigAttributeType;
import org.jswan.ike.message.ConfigType;
import org.jswan.ike.message.CpPayload;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.peer.VirtualIpPool;
import org.jswan.ike.sa.IkeSa;
import org.junit.jupiter.api.Test;

/** The responder's answer to a CFG_REQUEST (RFC 7296 §2.19), as charon's ike_config answers it. */
class IkeConfigTaskTest {

    private static PeerConfig connection(final List<VirtualIpPool> pools) {
        return new PeerConfig("rw", List.of(), List.of(), 500, 500, List.of(), null, null, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, false, true, false, 1, List.of(),
                pools);
    }

    private static IkeMessage authRequest() {
        return new IkeMessage(IkeHeader.of(1, 2, ExchangeType.IKE_AUTH, true, false, 1), List.of(new CpPayload(
                ConfigType.CFG_REQUEST, List.of(new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS,
                        new byte[0])))), true);
    }

    private static OutboundMessage answer(final IkeSa sa, final TaskContext ctx) {
        IkeConfigTask task = new IkeConfigTask(sa, ctx);
        task.process(authRequest());
        OutboundMessage response = new OutboundMessage(sa, ExchangeType.IKE_AUTH, 1, true);
        task.build(response);
        return response;
    }

    @Test
    void addressAndDnsFromThePool() throws Exception {
        VirtualIpPool pool = VirtualIpPool.parse("rw", "10.3.0.0/24", List.of("10.1.0.53"));
        IkeSa sa = new IkeSa(1, false, connection(List.of(pool)));
        TaskContext ctx = mock(TaskContext.class);
        when(ctx.acquireVirtualIp(any(), any())).thenReturn(InetAddress.getByName("10.3.0.1"));
        OutboundMessage response = answer(sa, ctx);
        CpPayload reply = (CpPayload) response.payloads().get(0);
        assertEquals(ConfigType.CFG_REPLY, reply.configType());
        assertEquals(2, reply.attributes().size(), "address and DNS server");
        assertEquals(List.of(InetAddress.getByName("10.3.0.1")), sa.remoteVirtualIps());
    }

    @Test
    void anExhaustedPoolIsAnInternalAddressFailure() throws Exception {
        VirtualIpPool pool = VirtualIpPool.parse("rw", "10.3.0.0/24", List.of());
        IkeSa sa = new IkeSa(1, false, connection(List.of(pool)));
        OutboundMessage response = answer(sa, mock(TaskContext.class));
        assertTrue(response.hasNotify(NotifyType.INTERNAL_ADDRESS_FAILURE));
        assertTrue(sa.remoteVirtualIps().isEmpty());
    }

    @Test
    void aConnectionWithoutPoolsIgnoresTheRequest() {
        IkeSa sa = new IkeSa(1, false, connection(List.of()));
        OutboundMessage response = answer(sa, mock(TaskContext.class));
        assertTrue(response.payloads().isEmpty(), "no CFG_REPLY, no INTERNAL_ADDRESS_FAILURE");
        assertFalse(response.hasNotify(NotifyType.INTERNAL_ADDRESS_FAILURE));
    }
}
