package org.jswan.esp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jswan.esp.api.Direction;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.PolicySpec;
import org.jswan.esp.api.SaEventListener;
import org.jswan.esp.api.TrafficSelector;
import org.junit.jupiter.api.Test;

/**
 * Trap policies: traffic that matches a policy without an outbound SA is dropped and counted, and asks the control
 * plane for an SA (strongSwan's acquire) at most once a second per reqid.
 */
class AcquireTest {

    @Test
    void packetsForAPolicyWithoutSaRaiseOneAcquirePerReqid() throws Exception {
        TwoPeerTest.Peer a = new TwoPeerTest.Peer();
        a.other = new TwoPeerTest.Peer();
        List<Integer> acquires = new ArrayList<>();
        a.plane.setListener(new SaEventListener() {
            @Override
            public void onSoftExpire(final Direction d, final int spi) {
            }

            @Override
            public void onHardExpire(final Direction d, final int spi) {
            }

            @Override
            public void onSeqOverflow(final Direction d, final int spi) {
            }

            @Override
            public void onAcquire(final int reqid) {
                acquires.add(reqid);
            }
        });
        a.plane.addPolicy(new PolicySpec(TrafficSelector.of(InetAddress.getByName("10.1.0.0"), 16),
                TrafficSelector.of(InetAddress.getByName("10.2.0.0"), 16), 7, 0));
        a.plane.addPolicy(new PolicySpec(TrafficSelector.of(InetAddress.getByName("10.1.0.0"), 16),
                TrafficSelector.of(InetAddress.getByName("10.3.0.0"), 16), 8, 0));
        for (int i = 1; i <= 5; i++) {
            assertNull(a.ping(TestPackets.ping("10.1.0.5", "10.2.0.7", i, 20)));
        }
        assertNull(a.ping(TestPackets.ping("10.1.0.5", "10.3.0.7", 1, 20)));
        a.plane.dispatchEvents();
        assertEquals(List.of(7, 8), acquires, "one acquire per reqid, not one per packet");
        assertEquals(6, a.drops(DropReason.NO_SA));
    }

    @Test
    void throttleAllowsAgainAfterTheInterval() {
        AcquireThrottle t = new AcquireThrottle(1000);
        assertTrue(t.allow(1, 10_000));
        assertFalse(t.allow(1, 10_500));
        assertTrue(t.allow(2, 10_500));
        assertTrue(t.allow(1, 11_000));
        for (int reqid = 100; reqid < 300; reqid++) {
            assertTrue(t.allow(reqid, 12_000), "a full table reuses its oldest slot");
        }
    }
}
