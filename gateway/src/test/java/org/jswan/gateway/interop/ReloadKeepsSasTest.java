package org.jswan.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jswan.lab.Charon;
import org.jswan.lab.IkeSa;
import org.jswan.lab.Lab;
import org.jswan.lab.Ping;
import org.jswan.lab.PingResult;
import org.jswan.lab.SiteToSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, "reload without dropping established SAs": jswan runs two connections to strongSwan ({@code s2s}
 * carrying the hosts' traffic, {@code extra} a second IKE_SA with its own identities). After swanctl.conf loses
 * {@code extra} and jswan gets SIGHUP, {@code s2s} keeps its IKE_SA (same SPIs on strongSwan, no second IKE_SA) and
 * still carries traffic, while {@code extra} is deleted on both sides.
 */
class ReloadKeepsSasTest {
    private static final String IKE = "aes128gcm16-prfsha256-x25519";
    private static final String ESP = "aes128gcm16";

    @RegisterExtension
    final Lab lab = Lab.create();

    /** One connection block (inside {@code connections}) between the lab's gateways. */
    private static String conn(final String name, final String id, final String peerId, final String local,
                               final String remote, final String localTs, final String remoteTs, final String child,
                               final String start) {
        return "    " + name + " {\n"
                + "        version = 2\n"
                + "        local_addrs = " + local + "\n"
                + "        remote_addrs = " + remote + "\n"
                + "        proposals = " + IKE + "\n"
                + "        local {\n            auth = psk\n            id = " + id + "\n        }\n"
                + "        remote {\n            auth = psk\n            id = " + peerId + "\n        }\n"
                + "        children {\n"
                + "            " + child + " {\n"
                + "                local_ts = " + localTs + "\n"
                + "                remote_ts = " + remoteTs + "\n"
                + "                esp_proposals = " + ESP + "\n"
                + "                start_action = " + start + "\n"
                + "            }\n"
                + "        }\n"
                + "    }\n";
    }

    private static String secrets() {
        return "secrets {\n"
                + "    ike-all {\n"
                + "        id-a = gwa.jswan.test\n"
                + "        id-b = gwb.jswan.test\n"
                + "        id-c = gwa2.jswan.test\n"
                + "        id-d = gwb2.jswan.test\n"
                + "        secret = \"" + SiteToSiteConfigs.PSK + "\"\n"
                + "    }\n"
                + "}\n";
    }

    private static String jswanS2s() {
        return conn("s2s", "gwa.jswan.test", "gwb.jswan.test", SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN,
                SiteToSite.SUBNET_A, SiteToSite.SUBNET_B, "net", "start");
    }

    private static String jswanExtra() {
        return conn("extra", "gwa2.jswan.test", "gwb2.jswan.test", SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN,
                "10.1.99.0/24", "10.2.99.0/24", "dummy", "start");
    }

    @Test
    @Timeout(150)
    void sighupKeepsUnchangedConnectionAndClosesRemovedOne() throws Exception {
        Lab.assumeCharon();
        SiteToSite net = SiteToSite.build(lab);
        // extra's subnets need an address on each gateway: kernel-libipsec installs its route with a source in them.
        net.gwA().addAddress(SiteToSite.LAN, "10.1.99.1/24");
        net.gwB().addAddress(SiteToSite.LAN, "10.2.99.1/24");
        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 2, cfg 2")
                .swanctlConf("connections {\n"
                        + conn("s2s", "gwb.jswan.test", "gwa.jswan.test", SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN,
                                SiteToSite.SUBNET_B, SiteToSite.SUBNET_A, "net", "none")
                        + conn("extra", "gwb2.jswan.test", "gwa2.jswan.test", SiteToSite.GW_B_WAN,
                                SiteToSite.GW_A_WAN, "10.2.99.0/24", "10.1.99.0/24", "dummy", "none")
                        + "}\n" + secrets());
        strongswan.start();
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .swanctlConf("connections {\n" + jswanS2s() + jswanExtra() + "}\n" + secrets())
                .start();

        IkeSa s2s = awaitSas(strongswan, List.of("s2s", "extra"));
        String spiI = s2s.get("initiator-spi");
        String spiR = s2s.get("responder-spi");
        assertTrue(spiI != null && spiR != null, s2s.toString());
        // strongSwan, the responder, is done before jswan has processed the last IKE_AUTH response.
        awaitCondition("jswan installed both CHILD_SAs", () -> jswan.countLog("established with SPIs") >= 2);
        String childSpis = jswan.lastChildSpis();
        PingResult before = Ping.ping(net.hostA(), SiteToSite.HOST_B, 3, Duration.ofSeconds(8));
        assertEquals(3, before.received(), before.output());

        // Remove 'extra', leave 's2s' byte for byte as it was, and reload.
        jswan.swanctlConf("connections {\n" + jswanS2s() + "}\n" + secrets());
        int reloadsBefore = jswan.countLog("loaded ");
        sighup(jswan);
        jswan.awaitLog("connection 'extra' removed", Duration.ofSeconds(10));
        awaitCondition("jswan reloaded", () -> jswan.countLog("loaded ") > reloadsBefore);

        // strongSwan got the DELETE for 'extra' and still has the very same 's2s' IKE_SA, and only that one.
        List<IkeSa> after = awaitSasList(strongswan, List.of("s2s"));
        assertEquals(1, after.size(), "one IKE_SA left on strongSwan: " + after);
        IkeSa kept = after.get(0);
        assertEquals(spiI, kept.get("initiator-spi"), "s2s kept its IKE_SA: " + kept);
        assertEquals(spiR, kept.get("responder-spi"), "s2s kept its IKE_SA: " + kept);
        assertTrue(kept.established(), kept.toString());
        assertEquals("INSTALLED", kept.child("net").state(), kept.toString());
        // No fresh IKE_SA or CHILD_SA was negotiated for the unchanged connection.
        Thread.sleep(2000);
        assertEquals(1, strongswan.listSas().size(), "no second IKE_SA after the reload: " + strongswan.listSas());
        assertEquals(childSpis, jswan.lastChildSpis(), "no new CHILD_SA on jswan");

        PingResult afterPing = Ping.ping(net.hostA(), SiteToSite.HOST_B, 3, Duration.ofSeconds(8));
        assertEquals(3, afterPing.received(), afterPing.output());
        assertEquals(1, jswan.liveIkeSas(), "jswan closed extra and kept s2s:\n" + jswan.log());
        assertEquals(0, jswan.stop(), "SIGTERM exits 0");
    }

    /** Waits until strongSwan lists exactly the established IKE_SAs {@code names}; returns the first (s2s). */
    private static List<IkeSa> awaitSasList(final Charon c, final List<String> names) {
        long deadline = System.currentTimeMillis() + 25_000;
        while (true) {
            List<IkeSa> sas = c.listSas();
            List<String> up = sas.stream().filter(s -> s.established() && !s.children().isEmpty())
                    .map(IkeSa::name).sorted().toList();
            if (up.equals(names.stream().sorted().toList()) && sas.size() == names.size()) {
                return sas;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("strongSwan SAs " + sas + ", expected established " + names + "\n"
                        + c.logTail(60));
            }
            sleep(200);
        }
    }

    private static IkeSa awaitSas(final Charon c, final List<String> names) {
        List<IkeSa> sas = awaitSasList(c, names);
        return sas.stream().filter(s -> s.name().equals("s2s")).findFirst().orElseThrow();
    }

    private static void awaitCondition(final String what, final java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            sleep(100);
        }
    }

    /** SIGHUP to the daemon's JVM ({@code ip netns exec} execs it, but look among descendants to be sure). */
    private static void sighup(final JswanNode node) throws IOException, InterruptedException {
        long pid = node.process().pid();
        Optional<ProcessHandle> jvm = ProcessHandle.of(pid).filter(ReloadKeepsSasTest::isJava);
        if (jvm.isEmpty()) {
            jvm = ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                    .filter(ReloadKeepsSasTest::isJava).findFirst();
        }
        long target = jvm.orElseThrow(() -> new AssertionError("no jswan JVM under pid " + pid)).pid();
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(target)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -HUP " + target);
    }

    private static boolean isJava(final ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/java") || c.equals("java")).orElse(false);
    }

    private static void sleep(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted", e);
        }
    }
}
