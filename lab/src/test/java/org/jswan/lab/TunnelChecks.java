package org.jswan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/** The assertions both strongSwan-to-strongSwan tests make once their charons are running. */
final class TunnelChecks {

    private TunnelChecks() {
    }

    static void establishAndVerify(Lab lab, SiteToSite net, Charon initiator, Charon responder, String encrAlg) {
        PacketCapture wan = PacketCapture.start(net.gwA(), SiteToSite.WAN);
        initiator.initiate("net");

        for (Charon c : List.of(initiator, responder)) {
            IkeSa ike = c.ikeSa("s2s");
            assertEquals("ESTABLISHED", ike.state(), c.name() + " " + ike);
            assertEquals("AES_GCM_16", ike.encrAlg(), c.name() + " " + ike);
            assertEquals("128", ike.encrKeysize());
            assertEquals("PRF_HMAC_SHA2_256", ike.prfAlg());
            assertEquals("CURVE_25519", ike.dhGroup());
            ChildSa child = ike.child("net");
            assertEquals("INSTALLED", child.state(), c.name() + " " + child);
            assertEquals("TUNNEL", child.mode());
            assertEquals(encrAlg, child.encrAlg());
            assertTrue(child.udpEncapsulated(), "kernel-libipsec always encapsulates in UDP: " + child);
            assertTrue(child.spiIn().matches("[0-9a-f]{8}"), child.toString());
            boolean isA = c == initiator;
            assertEquals(List.of(isA ? SiteToSite.SUBNET_A : SiteToSite.SUBNET_B), child.localTs());
            assertEquals(List.of(isA ? SiteToSite.SUBNET_B : SiteToSite.SUBNET_A), child.remoteTs());
        }
        assertEquals(initiator.ikeSa("s2s").child("net").spiIn(), responder.ikeSa("s2s").child("net").spiOut());

        PingResult ping = Ping.ping(net.hostA(), SiteToSite.HOST_B, 5, Duration.ofSeconds(5));
        assertEquals(5, ping.received(), ping.output());

        IperfResult iperf = Iperf3.tcp(net.hostB(), SiteToSite.HOST_B, net.hostA(), 2);
        lab.note(String.format("iperf3 through the tunnel: %.1f Mbit/s", iperf.megabitsPerSecond()));
        System.out.printf("iperf3 hostA -> hostB through the tunnel: %.1f Mbit/s%n", iperf.megabitsPerSecond());
        assertTrue(iperf.bitsPerSecond() > 0, "iperf3 throughput");

        ChildSa after = initiator.ikeSa("s2s").child("net");
        assertTrue(after.packetsOut() >= 5 && after.bytesOut() > 0, "counters: " + after);

        CaptureSummary wire = wan.summary();
        lab.note("gwA wan capture: " + wire);
        assertTrue(wire.espInUdp() > 0, "UDP-encapsulated ESP on the wan link: " + wire);
        assertEquals(0, wire.plainEsp(), wire.toString());
        assertEquals(0, wire.cleartextIcmp(), "no cleartext ICMP between the sites: " + wire);
        assertEquals(0, wire.count(l -> l.contains(SiteToSite.HOST_A) || l.contains(SiteToSite.HOST_B)),
                "no inner addresses visible on the wan link");
    }
}
