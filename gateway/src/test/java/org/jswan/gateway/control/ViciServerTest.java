package org.jswan.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ViciServerTest {
    private Path dir;
    private Path socket;
    private ViciServer server;
    private FakeGatewayControl gateway;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jswan-vici");
        socket = dir.resolve("run").resolve("jswan.vici");
        gateway = new FakeGatewayControl();
        server = ViciServer.start(socket, new ViciCommands(gateway));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private ViciClient client() throws IOException {
        return ViciClient.connect(socket, Duration.ofSeconds(5));
    }

    @Test
    void socketIsPrivateAndRemovedOnClose() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        server.close();
        assertFalse(Files.exists(socket));
    }

    @Test
    void staleSocketIsReplacedButALiveOneIsNot() throws Exception {
        IOException e = assertThrows(IOException.class, () -> ViciServer.start(socket, new ViciCommands(gateway)));
        assertTrue(e.getMessage().contains("already listening"), e.getMessage());
        // Leave a socket file behind with nobody listening, as a crashed daemon would.
        Path stale = dir.resolve("stale.vici");
        try (var ch = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale));
        try (ViciServer second = ViciServer.start(stale, new ViciCommands(gateway));
                ViciClient c = ViciClient.connect(stale)) {
            assertEquals("jswan", c.request("version", ViciMessage.EMPTY).get("daemon"));
        }
        Path regular = Files.writeString(dir.resolve("file"), "x");
        assertThrows(IOException.class, () -> ViciServer.start(regular, new ViciCommands(gateway)));
    }

    @Test
    void requestAndStream() throws Exception {
        try (ViciClient c = client()) {
            ViciMessage v = c.request("version", ViciMessage.EMPTY);
            assertEquals("jswan", v.get("daemon"));
            assertEquals("0.1.0-test", v.get("version"));
            List<ViciMessage> events = new ArrayList<>();
            ViciMessage done = c.registerAndStream("list-sa", "list-sas", ViciMessage.EMPTY, events::add);
            assertTrue(done.isEmpty());
            assertEquals(1, events.size());
            ViciMessage gw = events.get(0).section("gw");
            assertEquals("ESTABLISHED", gw.get("state"));
            assertEquals("0123456789abcdef", gw.get("initiator-spi"));
            assertEquals("yes", gw.get("nat-remote"));
            ViciMessage child = gw.section("child-sas").section("net-7");
            assertEquals("c1a2b3d4", child.get("spi-in"));
            assertEquals("8400", child.get("bytes-in"));
            assertEquals(List.of("10.2.0.0/16"), child.list("remote-ts"));
            // Unregistered again: a second list-sas streams nothing to this client.
            events.clear();
            c.request("list-sas", ViciMessage.EMPTY);
            assertTrue(events.isEmpty());
        }
    }

    @Test
    void unknownCommandAndEvent() throws Exception {
        try (ViciClient c = client()) {
            ViciProtocolException e = assertThrows(ViciProtocolException.class,
                    () -> c.request("no-such-command", ViciMessage.EMPTY));
            assertTrue(e.getMessage().contains("does not know command 'no-such-command'"), e.getMessage());
            e = assertThrows(ViciProtocolException.class, () -> c.register("no-such-event"));
            assertTrue(e.getMessage().contains("no-such-event"), e.getMessage());
            // The connection is still usable.
            assertEquals("yes", c.request("reload-settings", ViciMessage.EMPTY).get("success"));
        }
    }

    @Test
    void failedStreamLeavesTheConnectionClean() throws Exception {
        try (ViciClient c = client()) {
            assertThrows(ViciProtocolException.class,
                    () -> c.registerAndStream("list-sa", "list-everything", ViciMessage.EMPTY, m -> { }));
            assertFalse(server.hasListeners("list-sa"), "the registration must be undone");
            List<ViciMessage> conns = new ArrayList<>();
            c.registerAndStream("list-conn", "list-conns", ViciMessage.EMPTY, conns::add);
            assertEquals(List.of("10.1.0.0/16"), conns.get(0).section("gw").section("children").section("net")
                    .list("local-ts"));
        }
    }

    @Test
    void badRequestsAnswerSuccessNo() throws Exception {
        try (ViciClient c = client()) {
            ViciMessage r = c.request("initiate", ViciMessage.builder().add("child", "net").add("timeout", "soon")
                    .build());
            assertEquals("no", r.get("success"));
            assertTrue(r.get("errmsg").contains("invalid timeout"), r.get("errmsg"));
            r = c.request("terminate", ViciMessage.EMPTY);
            assertEquals("no", r.get("success"));
            r = c.request("redirect", ViciMessage.EMPTY);
            assertEquals("redirect is not supported by jswan yet", r.get("errmsg"));
        }
        assertFalse(gateway.calls.stream().anyMatch(s -> s.startsWith("initiate") || s.startsWith("terminate")));
    }

    @Test
    void handlerExceptionCostsOnlyThatCommand() throws Exception {
        ViciCommandHandler broken = new ViciCommandHandler() {
            @Override
            public Set<String> commands() {
                return Set.of("boom", "ok");
            }

            @Override
            public Set<String> events() {
                return Set.of();
            }

            @Override
            public ViciMessage handle(final String command, final ViciMessage request, final ViciEventSink sink) {
                if (command.equals("boom")) {
                    throw new IllegalStateException("bug");
                }
                return ViciMessage.builder().add("success", true).build();
            }
        };
        Path p = dir.resolve("broken.vici");
        try (ViciServer s = ViciServer.start(p, broken); ViciClient c = ViciClient.connect(p)) {
            assertEquals("no", c.request("boom", ViciMessage.EMPTY).get("success"));
            assertEquals("yes", c.request("ok", ViciMessage.EMPTY).get("success"));
        }
    }

    @Test
    void publishReachesOnlyRegisteredClients() throws Exception {
        try (ViciClient listener = client(); ViciClient other = client()) {
            listener.register("log");
            other.register("ike-updown");
            assertTrue(server.hasListeners("log"));
            server.publish("log", ViciMessage.builder().add("group", "IKE").add("level", 1).add("msg", "hi").build());
            ViciPacket p = listener.nextEvent(Duration.ofSeconds(5));
            assertNotNull(p);
            assertEquals("log", p.name());
            assertEquals("hi", p.message().get("msg"));
            assertNull(other.nextEvent(Duration.ofMillis(200)));
            listener.unregister("log");
            assertFalse(server.hasListeners("log"));
        }
    }

    /** Sends raw bytes as a hostile client and expects the server to hang up on it. */
    private void expectDisconnect(final byte[] raw) throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(raw));
            ch.shutdownOutput();
            ByteBuffer sink = ByteBuffer.allocate(1024);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ch.read(sink) >= 0) {
                sink.clear();
                assertTrue(System.nanoTime() < deadline, "server kept the connection open");
            }
        }
    }

    private static byte[] segment(final byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    @Test
    void hostileClientsAreDroppedAndOthersUnaffected() throws Exception {
        try (ViciClient bystander = client()) {
            bystander.register("log");
            expectDisconnect(new byte[] {0, 8, 0, 1});                                  // oversized length
            expectDisconnect(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            expectDisconnect(new byte[] {0, 0, 0, 0});                                  // empty segment
            expectDisconnect(new byte[] {0, 0, 0, 9, 0, 7, 'v'});                       // truncated segment
            expectDisconnect(segment(new byte[] {0, 7, 'v', 'e', 'r', 's', 'i', 'o', 'n', 9}));  // bad element
            expectDisconnect(segment(new byte[] {1}));                                  // CMD_RESPONSE from client
            expectDisconnect(segment(new byte[] {42}));                                 // unknown packet type
            byte[] deep = new byte[3 + 8 + 3 * 100];
            deep[0] = 0;
            deep[1] = 8;
            System.arraycopy("list-sas".getBytes(), 0, deep, 2, 8);
            for (int i = 0; i < 100; i++) {
                deep[10 + 3 * i] = 1;
                deep[11 + 3 * i] = 1;
                deep[12 + 3 * i] = 's';
            }
            expectDisconnect(segment(java.util.Arrays.copyOf(deep, 10 + 300)));       // nesting too deep
            // The daemon still serves, and the bystander still gets its events.
            server.publish("log", ViciMessage.builder().add("msg", "still here").build());
            assertEquals("still here", bystander.nextEvent(Duration.ofSeconds(5)).message().get("msg"));
            assertEquals("jswan", bystander.request("version", ViciMessage.EMPTY).get("daemon"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.clientCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.clientCount());
    }

    @Test
    void aClientThatNeverReadsCannotStallPublish() throws Exception {
        try (SocketChannel lazy = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            lazy.write(ByteBuffer.wrap(ViciCodec.encodeSegment(ViciPacket.of(ViciPacketType.EVENT_REGISTER,
                    "log"))));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!server.hasListeners("log") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(server.hasListeners("log"));
            ViciMessage line = ViciMessage.builder().add("msg", "x".repeat(1000)).build();
            long start = System.nanoTime();
            for (int i = 0; i < 20000; i++) {
                server.publish("log", line);
            }
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "publish blocked");
            assertFalse(server.hasListeners("log"), "the stalled client should have been dropped");
        }
    }

    @Test
    void clientExplainsAMissingDaemon() {
        Path missing = dir.resolve("nothing.vici");
        IOException e = assertThrows(IOException.class, () -> ViciClient.connect(missing));
        assertEquals("cannot connect to " + missing + ": no such file — is `jswan daemon` running? use "
                + "--vici-socket PATH", e.getMessage());
    }

    @Test
    void clientTimesOutOnASilentServer() throws Exception {
        Path p = dir.resolve("silent.vici");
        try (var silent = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(p));
            try (ViciClient c = ViciClient.connect(p, Duration.ofMillis(300))) {
                IOException e = assertThrows(IOException.class, () -> c.request("version", ViciMessage.EMPTY));
                assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
            }
        }
    }
}
