package org.jswan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueSyntaxTest {

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(30), ValueSyntax.parseDuration("30s"));
        assertEquals(Duration.ofMinutes(5), ValueSyntax.parseDuration("5m"));
        assertEquals(Duration.ofHours(4), ValueSyntax.parseDuration("4h"));
        assertEquals(Duration.ofDays(1), ValueSyntax.parseDuration("1d"));
        assertEquals(Duration.ofSeconds(90), ValueSyntax.parseDuration("90"));
        for (String bad : new String[] {"", "h", "1.5h", "-1s", "1w", "99999999999999d"}) {
            assertThrows(IllegalArgumentException.class, () -> ValueSyntax.parseDuration(bad), bad);
        }
    }

    @Test
    void volumes() {
        assertEquals(1L << 30, ValueSyntax.parseVolume("1G"));
        assertEquals(500L << 20, ValueSyntax.parseVolume("500M"));
        assertEquals(2048, ValueSyntax.parseVolume("2k"));
        assertEquals(12345, ValueSyntax.parseVolume("12345"));
        assertThrows(IllegalArgumentException.class, () -> ValueSyntax.parseVolume("1T"));
        assertThrows(IllegalArgumentException.class, () -> ValueSyntax.parseVolume("999999999999999G"));
    }

    @Test
    void booleansNumbersLists() {
        for (String t : new String[] {"yes", "TRUE", "1", "on"}) {
            assertTrue(ValueSyntax.parseBoolean(t));
        }
        for (String f : new String[] {"no", "false", "0", "off"}) {
            assertFalse(ValueSyntax.parseBoolean(f));
        }
        assertEquals("invalid boolean 'maybe' (expected yes or no)",
                assertThrows(IllegalArgumentException.class, () -> ValueSyntax.parseBoolean("maybe")).getMessage());
        assertEquals(255, ValueSyntax.parseUnsigned("0xff", 1000));
        assertEquals("number 70000 out of range (0..65535)", assertThrows(IllegalArgumentException.class,
                () -> ValueSyntax.parseUnsigned("70000", 65535)).getMessage());
        assertEquals(List.of("a", "b c"), ValueSyntax.parseList(" a, ,b c ,"));
    }

    @Test
    void addresses() {
        assertNull(AddressSyntax.checkIkeAddress("%any"));
        assertNull(AddressSyntax.checkIkeAddress("2001:db8::1"));
        assertNull(AddressSyntax.checkIkeAddress("vpn-gw.example.org"));
        assertNull(AddressSyntax.checkIkeAddress("10.0.0.0/8"));
        assertNull(AddressSyntax.checkIkeAddress("10.0.0.1-10.0.0.5"));
        assertEquals("invalid address or host name '1.2.3'", AddressSyntax.checkIkeAddress("1.2.3"));
        assertNull(AddressSyntax.checkTrafficSelector("dynamic[udp/500]"));
        assertNull(AddressSyntax.checkTrafficSelector("10.0.0.0/24[tcp/1000-2000]"));
        assertNull(AddressSyntax.checkTrafficSelector("::/0"));
        assertEquals("invalid address 'vpn.example.org'", AddressSyntax.checkTrafficSelector("vpn.example.org"));
        assertEquals("invalid port in traffic selector '10.0.0.0/8[tcp/70000]'",
                AddressSyntax.checkTrafficSelector("10.0.0.0/8[tcp/70000]"));
        assertEquals("address range '10.0.0.1-2001:db8::1' mixes IPv4 and IPv6",
                AddressSyntax.checkRange("10.0.0.1-2001:db8::1"));
        assertEquals("invalid prefix length in '2001:db8::/129'", AddressSyntax.checkSubnet("2001:db8::/129"));
    }
}
