package org.jswan.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jswan.lab.CaptureSummary;
import org.jswan.lab.IperfResult;
import org.jswan.lab.Iperf3;
import org.jswan.lab.Lab;
import org.jswan.lab.PacketCapture;
import org.jswan.lab.Ping;
import org.jswan.lab.PingResult;
import org.jswan.lab.SiteToSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain ESP (IP protocol 50) negotiated by IKE between two jswan daemons in the lab: with {@code --esp-encap nat}
 * and no NAT in between, NAT detection finds none and the CHILD_SA carries ESP directly over IP through the raw
 * sockets, as kernel IPsec stacks do; with the default on either side, it is ESP-in-UDP. strongSwan cannot be the
 * peer here: its userspace kernel-libipsec only does ESP-in-UDP, and this kernel has no ESP of its own.
 */
class PlainEspTest {
    private static final String IKE = "aes128gcm16-prfsha256-x25519";
    private static final String ESP = "aes128gcm16";

    @RegisterExtension
    final Lab lab = Lab.create();

    /** Gateway A or B of the lab, IPv4 (or IPv6) outside and inside, with {@code --esp-encap encap}. */
    private JswanNode gateway(final SiteToSite net, final boolean siteA, final boolean ipv6, final String start,
            final String encap, final String... jvm) {
        String wanA = ipv6 ? SiteToSite.GW_A_WAN6 : SiteToSite.GW_A_WAN;
        String wanB = ipv6 ? SiteToSite.GW_B_WAN6 : SiteToSite.GW_B_WAN;
        String subnetA = ipv6 ? SiteToSite.SUBNET_A6 : SiteToSite.SUBNET_A;
        String subnetB = ipv6 ? SiteToSite.SUBNET_B6 : SiteToSite.SUBNET_B;
        String conf = siteA
                ? SiteToSiteConfigs.psk(wanA, wanB, subnetA, subnetB, "gwa.jswan.test", "gwb.jswan.test", IKE, ESP,
                        start, "", "")
                : SiteToSiteConfigs.psk(wanB, wanA, subnetB, subnetA, "gwb.jswan.test", "gwa.jswan.test", IKE, ESP,
                        start, "", "");
        return new JswanNode(lab, siteA ? net.gwA() : net.gwB(), siteA ? "gwA" : "gwB").swanctlConf(conf)
                .jvm(jvm).args("--esp-encap", encap).start();
    }

    /** The lab, a capture on gwA's WAN link, and the two gateways once gwA has its CHILD_SA. */
    private record Tunnel(SiteToSite net, PacketCapture wan, JswanNode a, JswanNode b) {
    }

    /** gwA with {@code --esp-encap nat} responds, gwB with {@code encapB} initiates; both get {@code jvm}. */
    private Tunnel up(final boolean ipv6, final String encapB, final String... jvm) {
        Lab.assumeRoot();
        SiteToSite net = SiteToSite.build(lab);
        PacketCapture wan = PacketCapture.start(net.gwA(), SiteToSite.WAN);
        JswanNode a = gateway(net, true, ipv6, "none", "nat", jvm);
        JswanNode b = gateway(net, false, ipv6, "start", encapB, jvm);
        a.awaitLog("CHILD_SA net{", Duration.ofSeconds(20));
        return new Tunnel(net, wan, a, b);
    }

    @Test
    @Timeout(120)
    void withoutANatTwoJswanGatewaysCarryPlainEsp() {
        Tunnel t = up(false, "nat");
        SiteToSite net = t.net();
        PacketCapture wan = t.wan();
        JswanNode a = t.a();
        JswanNode b = t.b();
        b.awaitLog("CHILD_SA net{", Duration.ofSeconds(20));
        assertTrue(a.log().contains("plain ESP unless a NAT is detected"), a.log());
        String spis = a.lastChildSpis(); // "<in>_i <out>_o" on gwA

        PingResult ping = Ping.ping(net.hostA(), SiteToSite.HOST_B, 5, Duration.ofSeconds(8));
        assertEquals(5, ping.received(), ping.output());
        PingResult back = Ping.ping(net.hostB(), SiteToSite.HOST_A, 3, Duration.ofSeconds(8));
        assertEquals(3, back.received(), back.output());
        IperfResult iperf = Iperf3.tcp(net.hostB(), SiteToSite.HOST_B, net.hostA(), 2);
        lab.note(String.format("iperf3 hostA -> hostB over plain ESP, jswan <-> jswan: %.1f Mbit/s",
                iperf.megabitsPerSecond()));
        assertTrue(iperf.bitsPerSecond() > 0, "iperf3 through the tunnel");

        CaptureSummary wire = wan.summary();
        lab.note("gwA wan capture: " + wire);
        assertTrue(wire.plainEsp() > 100, "ESP directly over IP: " + wire);
        assertEquals(0, wire.espInUdp(), "no ESP-in-UDP: " + wire);
        assertEquals(0, wire.cleartextIcmp(), wire.toString());
        assertEquals(0, wire.count(l -> l.contains(SiteToSite.HOST_A) || l.contains(SiteToSite.HOST_B)),
                "no inner addresses on the wan link");
        String in = spis.substring(0, spis.indexOf('_'));
        String out = spis.substring(spis.indexOf(' ') + 1, spis.lastIndexOf('_'));
        assertTrue(wire.count(l -> l.contains("ESP(spi=0x" + in + ",")) > 0, "ESP to gwA on its inbound SPI " + in);
        assertTrue(wire.count(l -> l.contains("ESP(spi=0x" + out + ",")) > 0, "ESP from gwA on SPI " + out);
        assertTrue(wire.ike() > 0 && wire.count(l -> l.matches(".*\\.4500[ :].*")) == 0,
                "IKE stayed on port 500: " + wire);

        assertEquals(0, a.stop(), "SIGTERM exits 0");
        assertEquals(0, b.stop());
        // Both directions went through gwA's IPv4 raw socket, and nothing was dropped on the way.
        Matcher raw = Pattern.compile("plain ESP sockets: IPv4 (\\d+) datagrams in \\(0 runts\\), (\\d+) out, 0 "
                + "refused").matcher(a.log());
        assertTrue(raw.find(), a.log());
        assertTrue(Long.parseLong(raw.group(1)) > 100 && Long.parseLong(raw.group(2)) > 100, raw.group());
        Matcher drops = Pattern.compile("ESP drops (\\{.*})").matcher(a.log());
        assertTrue(drops.find(), a.log());
        assertTrue(!drops.group(1).matches(".*(WRONG_TRANSPORT|AUTH_FAILED|REPLAY|MALFORMED)=[1-9].*"),
                "no plain ESP packet was refused: " + drops.group(1));
    }

    /** Over IPv6 outer addresses, with IPv6 inside: the IPv6 raw socket (which takes no IP header) carries it. */
    @Test
    @Timeout(120)
    void overIpv6ThePlainEspGoesThroughTheIpv6RawSockets() {
        Tunnel t = up(true, "nat");
        PacketCapture wan = t.wan();
        JswanNode a = t.a();
        JswanNode b = t.b();
        PingResult ping = Ping.ping(t.net().hostA(), SiteToSite.HOST_B6, 5, Duration.ofSeconds(8));
        assertEquals(5, ping.received(), ping.output());
        CaptureSummary wire = wan.summary();
        lab.note("gwA wan capture, IPv6: " + wire);
        assertTrue(wire.count(l -> l.contains("IP6 " + SiteToSite.GW_A_WAN6.replace("fd00:0::", "fd00::"))
                && l.contains("ESP(spi=")) >= 5, "plain ESP over IPv6 from gwA: " + wire.lines());
        assertEquals(0, wire.espInUdp(), wire.toString());
        assertEquals(0, a.stop());
        assertEquals(0, b.stop());
        Matcher raw = Pattern.compile("IPv6 (\\d+) datagrams in \\(0 runts\\), (\\d+) out, 0 refused").matcher(a.log());
        assertTrue(raw.find(), a.log());
        assertTrue(Long.parseLong(raw.group(1)) >= 5 && Long.parseLong(raw.group(2)) >= 5, raw.group());
    }

    /**
     * When Netty's event loop reads port 4500 ({@code -Djswan.esp.rx=netty}), the raw sockets get reader threads of
     * their own (jswan-esp-raw4): plain ESP still flows both ways, and nothing is refused as WRONG_TRANSPORT.
     */
    @Test
    @Timeout(120)
    void withNettyReadingUdpThePlainSocketsHaveTheirOwnReaders() {
        Tunnel t = up(false, "nat", "-Djswan.esp.rx=netty");
        PacketCapture wan = t.wan();
        JswanNode a = t.a();
        JswanNode b = t.b();
        PingResult ping = Ping.ping(t.net().hostA(), SiteToSite.HOST_B, 5, Duration.ofSeconds(8));
        assertEquals(5, ping.received(), ping.output());
        CaptureSummary wire = wan.summary();
        assertTrue(wire.plainEsp() >= 10 && wire.espInUdp() == 0, wire.toString());
        assertEquals(0, a.stop());
        assertEquals(0, b.stop());
        Matcher raw = Pattern.compile("plain ESP sockets: IPv4 (\\d+) datagrams in \\(0 runts\\)").matcher(a.log());
        assertTrue(raw.find() && Long.parseLong(raw.group(1)) >= 5, a.log());
        assertTrue(!a.log().contains("NAT-T socket:"), "Netty read port 4500, not jswan's recvmmsg loop");
        assertTrue(a.log().matches("(?s).*WRONG_TRANSPORT=0.*"), "nothing refused: " + a.log());
    }

    /** The default side fakes a NAT, as kernel-libipsec does: ESP-in-UDP even though the peer would go plain. */
    @Test
    @Timeout(120)
    void theDefaultEncapsulatesEvenForAPeerThatWouldNot() {
        Tunnel t = up(false, "always");
        PacketCapture wan = t.wan();
        JswanNode a = t.a();
        JswanNode b = t.b();
        assertTrue(b.log().contains("ESP UDP-encapsulated (plain only to peers without NAT traversal)"), b.log());
        PingResult ping = Ping.ping(t.net().hostA(), SiteToSite.HOST_B, 3, Duration.ofSeconds(8));
        assertEquals(3, ping.received(), ping.output());
        CaptureSummary wire = wan.summary(); // the last packets may still sit in the capture's ring at the stop
        assertTrue(wire.espInUdp() >= 2, wire.toString());
        assertEquals(0, wire.plainEsp(), wire.toString());
        assertEquals(0, a.stop());
        assertEquals(0, b.stop());
    }
}
