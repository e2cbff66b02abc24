package org.jswan.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jswan.lab.CaptureSummary;
import org.jswan.lab.Charon;
import org.jswan.lab.ChildSa;
import org.jswan.lab.IkeSa;
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
 * jswan against strongSwan 5.9 (kernel-libipsec) with a pre-shared key, in both roles: the IKE_SA and CHILD_SA as
 * strongSwan itself reports them, traffic between the hosts behind the gateways, only ESP-in-UDP on the wire, and
 * the CHILD_SA keys strongSwan derived equal to those jswan derived.
 */
class StrongSwanInteropPskTest {
    private static final String IKE = "aes128gcm16-prfsha256-x25519";
    private static final String ESP = "aes128gcm16";

    @RegisterExtension
    final Lab lab = Lab.create();

    @Test
    @Timeout(120)
    void jswanInitiatesToStrongSwan() {
        Lab.assumeCharon();
        SiteToSite net = SiteToSite.build(lab);
        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 4, chd 4")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, "gwb.jswan.test", "gwa.jswan.test", IKE, ESP, "none", "", ""));
        strongswan.start();
        PacketCapture wan = PacketCapture.start(net.gwA(), SiteToSite.WAN);
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                        SiteToSite.SUBNET_B, "gwa.jswan.test", "gwb.jswan.test", IKE, ESP, "start", "", ""))
                .start();
        jswan.awaitLog("CHILD_SA net{", Duration.ofSeconds(20));
        // scripts/test.sh installs libipsec-mb1 on x86-64, so the AES-GCM traffic below is sealed and opened by
        // Intel's ipsec-mb there, by GnuTLS elsewhere.
        String gcm = System.getProperty("os.arch").equals("amd64") ? "ipsec-mb 1." : "GnuTLS 3.";
        assertTrue(jswan.log().contains("ESP crypto: AES-GCM on " + gcm), jswan.log());

        verifyTunnel(lab, net, strongswan, jswan, wan, false);
        String route = net.gwA().execOk("ip", "route", "show", SiteToSite.SUBNET_B).output();
        assertTrue(route.contains("dev jswan0"), "traffic to site B is routed into the TUN: " + route);
        assertEquals(0, jswan.stop(), "SIGTERM exits 0");
        assertTrue(jswan.log().contains("deleting IKE_SA"), jswan.log());
        // jswan's own reader took port 4500: strongSwan's ESP and its IKE behind the non-ESP marker came through it.
        Matcher natT = Pattern.compile(
                "NAT-T socket: \\d+ recvmmsg messages: (\\d+) ESP datagrams, (\\d+) IKE, .* (\\d+) failed")
                .matcher(jswan.log());
        assertTrue(natT.find(), jswan.log());
        assertTrue(Long.parseLong(natT.group(1)) > 0, "ESP read by jswan's recvmmsg loop: " + natT.group());
        assertTrue(Long.parseLong(natT.group(2)) > 0, "IKE on port 4500 read by it: " + natT.group());
        assertEquals("0", natT.group(3), natT.group());
        assertTrue(strongswan.listSas().isEmpty(), "jswan's DELETE removed strongSwan's SAs");
        // A clean shutdown leaves the gateway's routing as it found it.
        assertEquals("", net.gwA().execOk("ip", "route", "show", SiteToSite.SUBNET_B).output().strip(),
                "route to site B removed");
        assertTrue(!net.gwA().exec("ip", "link", "show", "jswan0").ok(), "TUN device jswan0 removed");
    }

    @Test
    @Timeout(120)
    void strongSwanInitiatesToJswan() {
        Lab.assumeCharon();
        SiteToSite net = SiteToSite.build(lab);
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                        SiteToSite.SUBNET_B, "gwa.jswan.test", "gwb.jswan.test", IKE, ESP, "none", "", ""))
                .start();
        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 4, chd 4")
                .swanctlConf(SiteToSiteConfigs.psk(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, "gwb.jswan.test", "gwa.jswan.test", IKE, ESP, "none", "", ""));
        strongswan.start();
        PacketCapture wan = PacketCapture.start(net.gwA(), SiteToSite.WAN);
        strongswan.initiate("net");
        jswan.awaitLog("CHILD_SA net{", Duration.ofSeconds(20));

        verifyTunnel(lab, net, strongswan, jswan, wan, true);
        strongswan.swanctl("--terminate", "--ike", "s2s").orThrow();
        jswan.awaitLog("received DELETE for IKE_SA", Duration.ofSeconds(10));
        assertEquals(0, jswan.stop());
    }

    static IkeSa awaitEstablished(final Charon c) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            List<IkeSa> sas = c.listSas();
            for (IkeSa s : sas) {
                ChildSa child = s.children().isEmpty() ? null : s.children().get(0);
                if (s.established() && child != null && child.installed()) {
                    return s;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("strongSwan has no ESTABLISHED IKE_SA with an INSTALLED CHILD_SA: " + sas
                        + "\n" + c.logTail(40));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static void verifyTunnel(final Lab lab, final SiteToSite net, final Charon strongswan, final JswanNode jswan,
                             final PacketCapture wan, final boolean strongswanInitiated) {
        IkeSa ike = awaitEstablished(strongswan);
        assertEquals("AES_GCM_16", ike.encrAlg(), ike.toString());
        assertEquals("128", ike.encrKeysize());
        assertEquals("PRF_HMAC_SHA2_256", ike.prfAlg());
        assertEquals("CURVE_25519", ike.dhGroup());
        assertEquals("gwa.jswan.test", ike.remoteId());
        ChildSa child = ike.child("net");
        assertEquals("INSTALLED", child.state(), child.toString());
        assertEquals("TUNNEL", child.mode());
        assertEquals("AES_GCM_16", child.encrAlg());
        assertTrue(child.udpEncapsulated(), child.toString());
        assertEquals(List.of(SiteToSite.SUBNET_B), child.localTs());
        assertEquals(List.of(SiteToSite.SUBNET_A), child.remoteTs());

        PingResult ping = Ping.ping(net.hostA(), SiteToSite.HOST_B, 5, Duration.ofSeconds(8));
        assertEquals(5, ping.received(), ping.output());
        PingResult back = Ping.ping(net.hostB(), SiteToSite.HOST_A, 3, Duration.ofSeconds(8));
        assertEquals(3, back.received(), back.output());
        IperfResult iperf = Iperf3.tcp(net.hostB(), SiteToSite.HOST_B, net.hostA(), 2);
        lab.note(String.format("iperf3 hostA -> hostB, jswan <-> strongSwan: %.1f Mbit/s", iperf.megabitsPerSecond()));
        assertTrue(iperf.bitsPerSecond() > 0, "iperf3 through the tunnel");

        ChildSa after = strongswan.ikeSa("s2s").child("net");
        assertTrue(after.packetsIn() >= 8 && after.packetsOut() >= 8, "strongSwan counted the traffic: " + after);

        // Key agreement: what strongSwan derived (its own log) equals what jswan derived (--save-keys).
        String log = strongswan.logTail(100_000);
        List<String> initiatorKeys = JswanNode.strongSwanChildKeys(log, "encryption initiator key");
        List<String> responderKeys = JswanNode.strongSwanChildKeys(log, "encryption responder key");
        assertEquals(1, initiatorKeys.size(), "one CHILD_SA keyed");
        List<JswanNode.EspKey> ours = jswan.espKeys();
        assertEquals(2, ours.size(), ours.toString());
        String initiatorAddr = strongswanInitiated ? SiteToSite.GW_B_WAN : SiteToSite.GW_A_WAN;
        for (JswanNode.EspKey k : ours) {
            boolean fromInitiator = k.src().equals(initiatorAddr);
            assertEquals(fromInitiator ? initiatorKeys.get(0) : responderKeys.get(0), k.encryptionKey(),
                    "ESP key " + k.src() + " -> " + k.dst());
            String spiOnStrongSwan = k.src().equals(SiteToSite.GW_A_WAN) ? child.spiIn() : child.spiOut();
            assertEquals(spiOnStrongSwan, k.spi(), "SPI of " + k.src() + " -> " + k.dst());
        }

        CaptureSummary wire = wan.summary();
        lab.note("gwA wan capture: " + wire);
        assertTrue(wire.espInUdp() > 0, wire.toString());
        assertEquals(0, wire.plainEsp(), wire.toString());
        assertEquals(0, wire.cleartextIcmp(), wire.toString());
        assertEquals(0, wire.count(l -> l.contains(SiteToSite.HOST_A) || l.contains(SiteToSite.HOST_B)),
                "no inner addresses on the wan link");
    }
}
