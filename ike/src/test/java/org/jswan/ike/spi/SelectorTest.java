package org.jswan.ike.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Selectors print as strongSwan prints traffic selectors, so jswan's logs read like charon's. */
class SelectorTest {

    private static Selector s(final String from, final String to, final int proto, final int p1, final int p2)
            throws Exception {
        return new Selector(InetAddress.getByName(from), InetAddress.getByName(to), proto, p1, p2);
    }

    @Test
    void subnetsRangesHostsAndPorts() throws Exception {
        assertEquals("10.1.0.0/24", s("10.1.0.0", "10.1.0.255", 0, 0, 65535).toString());
        assertEquals("0.0.0.0/0", s("0.0.0.0", "255.255.255.255", 0, 0, 65535).toString());
        assertEquals("10.3.0.1/32", s("10.3.0.1", "10.3.0.1", 0, 0, 65535).toString());
        assertEquals("10.1.0.1..10.1.0.255", s("10.1.0.1", "10.1.0.255", 0, 0, 65535).toString());
        assertEquals("10.1.0.0..10.1.0.2", s("10.1.0.0", "10.1.0.2", 0, 0, 65535).toString());
        assertEquals("10.1.0.0/16[tcp/443]", s("10.1.0.0", "10.1.255.255", 6, 443, 443).toString());
        assertEquals("10.1.0.0/16[udp/500-4500]", s("10.1.0.0", "10.1.255.255", 17, 500, 4500).toString());
        assertEquals("10.1.0.0/16[icmp]", s("10.1.0.0", "10.1.255.255", 1, 0, 65535).toString());
    }

    @Test
    void ipv6IsCompressedAsRfc5952Says() throws Exception {
        assertEquals("fd00:1::/64", s("fd00:1::", "fd00:1::ffff:ffff:ffff:ffff", 0, 0, 65535).toString());
        assertEquals("::/0", s("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 0, 0, 65535).toString());
        assertEquals("2001:db8::1/128", s("2001:db8::1", "2001:db8::1", 0, 0, 65535).toString());
        assertEquals("2001:db8:0:1:1:1:1:1", Selector.text(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:0:0:1::1", Selector.text(InetAddress.getByName("2001:0:0:1:0:0:0:1")));
        assertEquals("fe80::", Selector.text(InetAddress.getByName("fe80::")));
    }
}
