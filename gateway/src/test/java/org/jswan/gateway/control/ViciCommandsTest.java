package org.jswan.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The VICI layouts of ViciCommands, checked without a socket. */
class ViciCommandsTest {
    private final FakeGatewayControl gateway = new FakeGatewayControl();
    private final ViciCommands commands = new ViciCommands(gateway);

    /** Records events as a client registered for {@code registered} would receive them. */
    private static final class Recorder implements ViciEventSink {
        final Set<String> registered;
        final List<String> names = new ArrayList<>();
        final List<ViciMessage> messages = new ArrayList<>();

        Recorder(final String... registered) {
            this.registered = Set.of(registered);
        }

        @Override
        public boolean isRegistered(final String event) {
            return registered.contains(event);
        }

        @Override
        public void emit(final String event, final ViciMessage message) {
            if (registered.contains(event)) {
                names.add(event);
                messages.add(message);
            }
        }
    }

    @Test
    void controlLogHonoursLevelAndRegistration() {
        Recorder r = new Recorder("control-log");
        ViciMessage res = commands.handle("initiate", ViciMessage.builder().add("child", "net").add("loglevel", 1)
                .build(), r);
        assertEquals("yes", res.get("success"));
        assertNull(res.get("errmsg"));
        assertEquals(2, r.messages.size(), "the level-2 line must be filtered out");
        ViciMessage first = r.messages.get(0);
        assertEquals("IKE", first.get("group"));
        assertEquals("1", first.get("level"));
        assertEquals("gw", first.get("ikesa-name"));
        assertEquals("3", first.get("ikesa-uniqueid"));

        Recorder none = new Recorder();
        commands.handle("initiate", ViciMessage.builder().add("child", "net").build(), none);
        assertTrue(none.messages.isEmpty());
    }

    @Test
    void terminateAndRekeyReadSwanctlKeys() {
        commands.handle("terminate", ViciMessage.builder().add("ike-id", 3).add("force", "yes")
                .add("timeout", 2000).build(), ViciEventSink.NONE);
        assertTrue(gateway.calls.contains(
                "terminate TerminateRequest[child=null, ike=null, childId=0, ikeId=3, force=true, timeoutMillis=2000,"
                        + " logLevel=1]"), gateway.calls.toString());
        commands.handle("rekey", ViciMessage.builder().add("child", "net").add("reauth", "no").build(),
                ViciEventSink.NONE);
        assertTrue(gateway.calls.contains("rekey RekeyRequest[child=net, ike=null, childId=0, ikeId=0, reauth=false]"),
                gateway.calls.toString());
    }

    @Test
    void listSasEmitsOnlyToRegisteredClientsAndIkeSectionEndsWithChildren() {
        Recorder r = new Recorder("list-sa");
        assertTrue(commands.handle("list-sas", ViciMessage.EMPTY, r).isEmpty());
        assertEquals(List.of("list-sa"), r.names);
        List<ViciMessage.Entry> ike = r.messages.get(0).section("gw").entries();
        assertEquals("child-sas", ike.get(ike.size() - 1).name());
        ViciMessage child = r.messages.get(0).section("gw").section("child-sas").section("net-7");
        assertEquals("AES_GCM_16", child.get("encr-alg"));
        assertEquals("256", child.get("encr-keysize"));
        assertNull(child.get("integ-alg"));
        assertEquals("0e5f6071", child.get("spi-out"));
        Recorder nobody = new Recorder();
        commands.handle("list-sas", ViciMessage.EMPTY, nobody);
        assertTrue(nobody.messages.isEmpty());
    }

    @Test
    void credentialsAndConnections() {
        ViciMessage res = commands.handle("load-shared", ViciMessage.builder().add("type", "ike")
                .add("data", "s3cret".getBytes(StandardCharsets.UTF_8)).addList("owners", List.of("a", "b")).build(),
                ViciEventSink.NONE);
        assertEquals("yes", res.get("success"));
        assertEquals("IKE", gateway.lastSecret.type());
        assertEquals(List.of("a", "b"), gateway.lastSecret.owners());
        assertFalse(gateway.calls.toString().contains("s3cret"));

        res = commands.handle("load-shared", ViciMessage.builder().add("type", "IKE").build(), ViciEventSink.NONE);
        assertEquals("no", res.get("success"));
        assertEquals("missing 'data'", res.get("errmsg"));

        res = commands.handle("unload-conn", ViciMessage.EMPTY, ViciEventSink.NONE);
        assertEquals("missing 'name'", res.get("errmsg"));
        res = commands.handle("load-conn", ViciMessage.EMPTY, ViciEventSink.NONE);
        assertEquals("no", res.get("success"));
        res = commands.handle("load-cert", ViciMessage.builder().add("data", "x").build(), ViciEventSink.NONE);
        assertEquals("certificates are not supported by the fake", res.get("errmsg"));
        assertTrue(gateway.calls.contains("loadCert X509 NONE"), gateway.calls.toString());
    }

    @Test
    void everyUnsupportedCommandSaysSo() {
        for (String c : ViciCommands.UNSUPPORTED) {
            ViciMessage res = commands.handle(c, ViciMessage.EMPTY, ViciEventSink.NONE);
            assertEquals("no", res.get("success"), c);
            assertEquals(c + " is not supported by jswan yet", res.get("errmsg"));
        }
        assertTrue(commands.commands().containsAll(ViciCommands.UNSUPPORTED));
    }

    @Test
    void queriesWithNothingToReportAnswerEmpty() {
        assertEquals(List.of(), commands.handle("get-keys", ViciMessage.EMPTY, ViciEventSink.NONE).list("keys"));
        assertEquals("authorities", commands.handle("get-authorities", ViciMessage.EMPTY, ViciEventSink.NONE)
                .entries().get(0).name());
        assertTrue(commands.handle("list-certs", ViciMessage.EMPTY, ViciEventSink.NONE).isEmpty());
    }

    @Test
    void humanDurationsReadLikeStrongSwans() {
        assertEquals("0 seconds", ViciCommands.humanDuration(Duration.ZERO));
        assertEquals("1 second", ViciCommands.humanDuration(Duration.ofSeconds(1)));
        assertEquals("2 minutes", ViciCommands.humanDuration(Duration.ofSeconds(125)));
        assertEquals("1 hour", ViciCommands.humanDuration(Duration.ofMinutes(61)));
        assertEquals("3 days", ViciCommands.humanDuration(Duration.ofDays(3)));
    }

    @Test
    void logLevelsMapBackToStrongSwans() {
        assertEquals(0, org.jswan.gateway.logging.LogLevels.strongSwanLevel(java.util.logging.Level.SEVERE));
        assertEquals(1, org.jswan.gateway.logging.LogLevels.strongSwanLevel(java.util.logging.Level.INFO));
        assertEquals(2, org.jswan.gateway.logging.LogLevels.strongSwanLevel(java.util.logging.Level.FINE));
        assertEquals(3, org.jswan.gateway.logging.LogLevels.strongSwanLevel(java.util.logging.Level.FINER));
        assertEquals(4, org.jswan.gateway.logging.LogLevels.strongSwanLevel(java.util.logging.Level.FINEST));
    }
}
