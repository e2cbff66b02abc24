package org.jswan.esp.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TrafficSelectorTest {

    @Test
    void coversAddressesInsideItsPrefixOnly() throws Exception {
        TrafficSelector s = TrafficSelector.of(InetAddress.getByName("10.1.0.0"), 23);
        assertTrue(s.covers(InetAddress.getByName("10.1.1.200")));
        assertFalse(s.covers(InetAddress.getByName("10.1.2.1")));
        assertFalse(s.covers(InetAddress.getByName("::1")), "other family");
        assertTrue(TrafficSelector.of(InetAddress.getByName("::"), 0).covers(InetAddress.getByName("fd00::1")));
    }
}
