package org.jswan.ike.task;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.message.ConfigAttribute;
import org.jswan.ike.message.ConfigAttributeType;
import org.jswan.ike.message.ConfigType;
import org.jswan.ike.message.CpPayload;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.peer.VirtualIpPool;
import org.jswan.ike.sa.IkeSa;

/**
 * Virtual IPs for road warriors, responder side (RFC 7296 §2.19, §3.15; strongSwan's ike_config): a CFG_REQUEST
 * for INTERNAL_IP4_ADDRESS/INTERNAL_IP6_ADDRESS in IKE_AUTH is answered with an address from the connection's
 * pools and the pools' DNS servers in a CFG_REPLY; the CHILD_SA's {@code dynamic} remote selector then stands for
 * that address. A request that the connection's pools cannot serve gets INTERNAL_ADDRESS_FAILURE and no address;
 * a connection without pools ignores the request.
 */
final class IkeConfigTask implements Task {
    private static final System.Logger IKE = System.getLogger("IKE");

    private final IkeSa sa;
    private final TaskContext ctx;
    private boolean wantsV4;
    private boolean wantsV6;
    private final List<ConfigAttribute> reply = new ArrayList<>();

    IkeConfigTask(final IkeSa sa, final TaskContext ctx) {
        this.sa = sa;
        this.ctx = ctx;
    }

    @Override
    public TaskType type() {
        return TaskType.IKE_CONFIG;
    }

    @Override
    public TaskStatus process(final IkeMessage message) {
        if (!message.exchangeType().equals(ExchangeType.IKE_AUTH)) {
            return TaskStatus.NEED_MORE;
        }
        for (CpPayload cp : message.payloads(CpPayload.class)) {
            if (!cp.configType().equals(ConfigType.CFG_REQUEST)) {
                continue;
            }
            for (ConfigAttribute a : cp.attributes()) {
                wantsV4 |= a.attributeType().equals(ConfigAttributeType.INTERNAL_IP4_ADDRESS);
                wantsV6 |= a.attributeType().equals(ConfigAttributeType.INTERNAL_IP6_ADDRESS);
            }
        }
        if (sa.config().pools().isEmpty()) {
            // As charon: a connection without pools ignores the request (the peer keeps its own address).
            wantsV4 = false;
            wantsV6 = false;
        } else if (wantsV4 || wantsV6) {
            // Here, not in build(): the CHILD_SA task narrows its selectors to the address while processing.
            assign();
        }
        return TaskStatus.NEED_MORE;
    }

    @Override
    public TaskStatus build(final OutboundMessage message) {
        if (!message.exchangeType().equals(ExchangeType.IKE_AUTH)) {
            return TaskStatus.NEED_MORE;
        }
        if (!wantsV4 && !wantsV6) {
            return TaskStatus.SUCCESS;
        }
        if (reply.isEmpty()) {
            IKE.log(System.Logger.Level.INFO, "no virtual IP found for peer '" + sa.remoteId()
                    + "', sending INTERNAL_ADDRESS_FAILURE");
            message.addNotify(NotifyType.INTERNAL_ADDRESS_FAILURE, new byte[0]);
            return TaskStatus.SUCCESS;
        }
        message.add(new CpPayload(ConfigType.CFG_REPLY, reply));
        return TaskStatus.SUCCESS;
    }

    /** Leases an address per requested family from the connection's pools (the first with one free). */
    private void assign() {
        List<InetAddress> assigned = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            if (!(v6 ? wantsV6 : wantsV4)) {
                continue;
            }
            for (VirtualIpPool pool : sa.config().pools()) {
                if (pool.ipv6() != v6) {
                    continue;
                }
                InetAddress vip = ctx.acquireVirtualIp(pool, sa);
                if (vip == null) {
                    continue;
                }
                IKE.log(System.Logger.Level.INFO, "assigning virtual IP " + vip.getHostAddress() + " to peer '"
                        + sa.remoteId() + "'");
                assigned.add(vip);
                reply.add(address(vip));
                for (InetAddress dns : pool.dns()) {
                    reply.add(new ConfigAttribute(dns instanceof Inet6Address ? ConfigAttributeType.INTERNAL_IP6_DNS
                            : ConfigAttributeType.INTERNAL_IP4_DNS, dns.getAddress()));
                }
                break;
            }
        }
        sa.remoteVirtualIps(assigned);
    }

    /** RFC 7296 §3.15.1: an IPv6 address attribute carries a prefix length after the address. */
    private static ConfigAttribute address(final InetAddress vip) {
        if (vip instanceof Inet6Address) {
            byte[] v = java.util.Arrays.copyOf(vip.getAddress(), 17);
            v[16] = (byte) 128;
            return new ConfigAttribute(ConfigAttributeType.INTERNAL_IP6_ADDRESS, v);
        }
        return new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS, vip.getAddress());
    }
}
