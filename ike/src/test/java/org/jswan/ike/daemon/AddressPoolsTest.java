package org.jswan.ike.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import org.jswan.ike.peer.VirtualIpPool;
import org.junit.jupiter.api.Test;

/** Virtual IP pools as swanctl.conf writes them, and leases as strongSwan's mem_pool hands them out. */
class AddressPoolsTest {

    private static InetAddress ip(final String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void subnetsLeaveOutNetworkAndBroadcastRangesAreInclusive() throws Exception {
        VirtualIpPool subnet = VirtualIpPool.parse("v4", "10.3.0.0/24", List.of("10.1.0.53"));
        assertEquals(ip("10.3.0.1"), subnet.first());
        assertEquals(ip("10.3.0.254"), subnet.last());
        assertEquals(List.of(ip("10.1.0.53")), subnet.dns());
        VirtualIpPool range = VirtualIpPool.parse("r", "10.4.0.10-10.4.0.11", List.of());
        assertEquals(2, range.size().intValue());
        VirtualIpPool v6 = VirtualIpPool.parse("v6", "fd00:3::/120", List.of());
        assertEquals(ip("fd00:3::1"), v6.first());
        assertEquals(ip("fd00:3::ff"), v6.last());
    }

    @Test
    void leasesAreUniqueComeBackToTheSameIdentityAndRunOut() throws Exception {
        VirtualIpPool pool = VirtualIpPool.parse("r", "10.4.0.10-10.4.0.11", List.of());
        AddressPools pools = new AddressPools();
        InetAddress carol = pools.acquire(pool, "carol");
        InetAddress dave = pools.acquire(pool, "dave");
        assertEquals(ip("10.4.0.10"), carol);
        assertEquals(ip("10.4.0.11"), dave);
        assertNull(pools.acquire(pool, "eve"), "exhausted");
        pools.release(carol);
        assertEquals(1, pools.online("r"));
        assertEquals(carol, pools.acquire(pool, "carol"), "a returning peer gets its address back");
        pools.release(dave);
        assertEquals(dave, pools.acquire(pool, "eve"), "a free address goes to the next peer");
    }
}
