package org.jswan.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The parsers behind the demo summary, on output captured from real runs. */
class DemoParsersTest {

    @Test
    void pingSummary() {
        PingResult r = PingResult.parse("PING 10.91.2.10 (10.91.2.10) 56(84) bytes of data.\n\n"
                + "--- 10.91.2.10 ping statistics ---\n"
                + "5 packets transmitted, 4 received, 20% packet loss, time 803ms\n"
                + "rtt min/avg/max/mdev = 5.560/6.700/8.960/1.200 ms\n");
        assertEquals(5, r.transmitted());
        assertEquals(4, r.received());
        assertEquals(20, r.lossPercent());
        assertEquals(6.70, r.rttAvgMs(), 1e-9);
    }

    @Test
    void pingWithNoAnswerHasNoRtt() {
        PingResult r = PingResult.parse("3 packets transmitted, 0 received, 100% packet loss, time 2040ms\n");
        assertEquals(0, r.received());
        assertEquals(100, r.lossPercent());
        assertEquals(-1, r.rttAvgMs());
        assertEquals(100, PingResult.parse("ping: connect: Network is unreachable").lossPercent());
    }

    @Test
    void jswanLogLines() {
        String log = "Nov 28 11:08:25 27[IKE] initiating IKE_SA s2s[1] to 172.31.91.2\n"
                + "Nov 28 11:08:26 27[IKE] selected proposal: IKE:AES_GCM_16_128/PRF_HMAC_SHA2_256/CURVE_25519\n"
                + "Nov 28 11:08:26 27[IKE] IKE_SA s2s[1] established between 172.31.91.1[gwa.jswan.demo]"
                + "...172.31.91.2[gwb.jswan.demo]\n"
                + "Nov 28 11:08:26 27[IKE] CHILD_SA net{1} established with SPIs 9debff8f_i dc71b135_o and TS "
                + "10.91.1.0..10.91.1.255 === 10.91.2.0..10.91.2.255\n";
        TunnelSas sas = TunnelSas.parse(log);
        assertTrue(sas.established());
        assertEquals("AES_GCM_16_128/PRF_HMAC_SHA2_256/CURVE_25519", sas.ikeProposal());
        assertEquals("s2s[1] 172.31.91.1[gwa.jswan.demo]...172.31.91.2[gwb.jswan.demo]", sas.ikeSa());
        assertEquals("net{1}", sas.childSa());
        assertEquals("9debff8f_i dc71b135_o", sas.childSpis());
        assertEquals("10.91.1.0..10.91.1.255 === 10.91.2.0..10.91.2.255", sas.childTs());
        assertFalse(TunnelSas.parse("Nov 28 11:08:26 27[IKE] received AUTHENTICATION_FAILED notify error\n")
                .established());
    }

    @Test
    void builtInEchoProbeSpeaksPingsSummary() throws Exception {
        PingResult r = PingResult.parse(EchoProbe.probe(java.net.InetAddress.getLoopbackAddress(), 2, 1000));
        assertEquals(2, r.transmitted());
        assertEquals(2, r.received(), r.output());
        assertTrue(r.rttAvgMs() >= 0, r.output());
    }

    @Test
    void rates() {
        assertEquals("215.3 Mbit/s", ThroughputResult.formatRate(215.3e6));
        assertEquals("1.25 Gbit/s", ThroughputResult.formatRate(1.25e9));
        assertEquals(8e6, new ThroughputResult("x", 3_000_000, 3.0).bitsPerSecond(), 1e-6);
        assertEquals(0, new ThroughputResult("x", 10, 0).bitsPerSecond());
    }

    @Test
    void pskConfigOfTheInitiator() {
        String conf = SiteConfig.siteA(DemoAuth.PSK).render("0123abcd");
        assertTrue(conf.contains("local_addrs = " + DemoTopology.GW_A_WAN), conf);
        assertTrue(conf.contains("start_action = start"), conf);
        assertTrue(conf.contains("local_ts = " + DemoTopology.SUBNET_A), conf);
        assertTrue(conf.contains("secret = \"0123abcd\""), conf);
        String cert = SiteConfig.siteB(DemoAuth.CERT).render("unused");
        assertTrue(cert.contains("auth = pubkey") && cert.contains("certs = gwB.pem"), cert);
        assertTrue(cert.contains("start_action = none"), cert);
        assertFalse(cert.contains("secret"), cert);
    }
}
