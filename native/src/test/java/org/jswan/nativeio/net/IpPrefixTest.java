package org.jswan.nativeio.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpPrefixTest {
    @Test
    void parsesV4AndV6() {
        IpPrefix v4 = IpPrefix.parse("198.18.7.1/30");
        assertTrue(v4.isIpv4());
        assertEquals(30, v4.prefixLength());
        assertEquals("198.18.7.1/30", v4.toString());
        IpPrefix v6 = IpPrefix.parse("2001:2::1/64");
        assertFalse(v6.isIpv4());
        assertEquals("2001:2:0:0:0:0:0:1/64", v6.toString());
        assertEquals(32, IpPrefix.parse("10.0.0.1").prefixLength());
        assertEquals(128, IpPrefix.parse("::1").prefixLength());
    }

    @Test
    void rejectsBadInputWithoutDnsLookups() {
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("198.18.7.1/33"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("2001:2::1/129"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.1/-1"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.1/x"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("cafe"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("example.com/24"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("1.2.3/24"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("1.2.3.999/24"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(""));
    }
}
