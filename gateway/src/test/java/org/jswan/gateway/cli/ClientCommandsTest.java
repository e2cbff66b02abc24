package org.jswan.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jswan.gateway.control.ViciCommands;
import org.jswan.gateway.control.ViciServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClientCommandsTest {
    private Path dir;
    private Path socket;
    private ViciServer server;
    private final CliFakeControl gateway = new CliFakeControl();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jswan-cli");
        socket = dir.resolve("jswan.vici");
        server = ViciServer.start(socket, new ViciCommands(gateway));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    private int run(final String... args) {
        CommandLine cl = new CommandLine(new JswanCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        if (!List.of("check-config", "completion").contains(args[0])) {
            all.add("--vici-socket");
            all.add(socket.toString());
        }
        return cl.execute(all.toArray(new String[0]));
    }

    @Test
    void listSasTable() {
        assertEquals(0, run("list-sas"));
        String s = out.toString();
        assertTrue(s.contains("site-b: #1, ESTABLISHED, IKEv2, 8a3f000000000001_i* 91b2000000000002_r"), s);
        assertTrue(s.contains("  local  'moon.example.org' @ 192.0.2.1[500]"), s);
        assertTrue(s.contains("  net: #7, reqid 1, INSTALLED, TUNNEL, ESP:AES_GCM_16-256"), s);
        assertTrue(s.contains("    in  c1a2b3d4,       8400 bytes,      100 packets, 3s ago"), s);
        assertTrue(s.contains("    remote 10.2.0.0/16"), s);
    }

    @Test
    void listSasJsonAndFilter() {
        assertEquals(0, run("list-sas", "--ike", "site-b", "--json"));
        String s = out.toString().trim();
        assertTrue(s.startsWith("[{\"name\":\"site-b\",\"uniqueid\":1,\"version\":2,\"state\":\"ESTABLISHED\""), s);
        assertTrue(s.contains("\"child-sas\":{\"net-7\":{\"name\":\"net\""), s);
        assertTrue(s.contains("\"local-ts\":[\"10.1.0.0/16\"]"), s);
        assertTrue(s.endsWith("}]"), s);
        assertTrue(gateway.calls.contains("listSas site-b"));
    }

    @Test
    void listConns() {
        assertEquals(0, run("list-conns"));
        assertTrue(out.toString().contains("site-b: IKEv2, 192.0.2.1...198.51.100.2, rekeying every 14400s"),
                out.toString());
        assertTrue(out.toString().contains("  net: TUNNEL, rekeying every 3600s, dpd action is clear"));
    }

    @Test
    void initiateStreamsLogAndCallsThrough() {
        assertEquals(0, run("initiate", "--child", "net", "--ike", "site-b", "--timeout", "5"));
        assertTrue(out.toString().contains("[IKE] initiating IKE_SA site-b[1] to 198.51.100.2"), out.toString());
        assertTrue(out.toString().contains("initiate completed successfully"));
        assertTrue(gateway.calls.contains("initiate net site-b 5000"), gateway.calls.toString());
    }

    @Test
    void initiateFailureIsExitOne() {
        assertEquals(1, run("initiate", "--child", "nope"));
        assertTrue(err.toString().contains("initiate failed: CHILD_SA config 'nope' not found"), err.toString());
    }

    @Test
    void terminateByNameAndId() {
        assertEquals(0, run("terminate", "--ike", "site-b"));
        assertEquals(0, run("terminate", "--ike-id", "4"));
        assertTrue(out.toString().contains("[IKE] deleting IKE_SA site-b[1]"));
        assertEquals(List.of("terminate site-b 0", "terminate null 4"), gateway.calls);
    }

    @Test
    void terminateNeedsExactlyOneSelector() {
        assertEquals(2, run("terminate"));
        assertEquals(2, run("terminate", "--ike", "a", "--ike-id", "3"));
    }

    @Test
    void rekey() {
        assertEquals(0, run("rekey", "--child", "net"));
        assertEquals(0, run("rekey", "--ike", "site-b"));
        assertEquals(List.of("rekey net null", "rekey null site-b"), gateway.calls);
    }

    @Test
    void stats() {
        assertEquals(0, run("stats"));
        String s = out.toString();
        assertTrue(s.contains("uptime: 2 minutes, since "), s);
        assertTrue(s.contains("IKE_SAs: 1 total, 0 half-open"), s);
        assertTrue(s.matches("(?s).*site-b#1\\s+net#7\\s+8400\\s+100\\s+12600\\s+150.*"), s);
        assertTrue(s.contains("drops: not reported by this daemon"), s);
    }

    @Test
    void statsJson() {
        assertEquals(0, run("stats", "--json"));
        String s = out.toString();
        assertTrue(s.contains("\"ikesas\":{\"total\":1,\"half-open\":0}"), s);
        assertTrue(s.contains("{\"ike\":\"site-b#1\",\"child\":\"net#7\",\"bytes-in\":8400,\"packets-in\":100,"
                + "\"bytes-out\":12600,\"packets-out\":150}"), s);
        assertTrue(s.contains("\"drops\":null"), s);
    }

    @Test
    void loadAllReportsDaemonProblems() {
        assertEquals(1, run("load-all"));
        assertTrue(err.toString().contains("reload failed: swanctl.conf:3: connections.x.version: bad"));
        assertTrue(gateway.calls.contains("reloadSettings"));
    }

    @Test
    void noDaemonIsExitThree() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        assertEquals(3, run("list-sas"));
        assertTrue(err.toString().contains("cannot connect to " + socket + ": no such file"), err.toString());
        assertTrue(err.toString().contains("is `jswan daemon` running?"), err.toString());
    }

    @Test
    void everyCommandHasExamples() {
        CommandLine root = new CommandLine(new JswanCommand());
        assertTrue(root.getUsageMessage().contains("Examples:"));
        for (CommandLine sub : root.getSubcommands().values()) {
            assertTrue(sub.getUsageMessage().contains("Examples:"), sub.getCommandName());
        }
        assertTrue(root.getSubcommands().keySet().containsAll(List.of("list-sas", "list-conns", "initiate",
                "terminate", "rekey", "stats", "log", "load-all", "check-config", "completion")));
    }

    @Test
    void logStreamsLinesUpToTheLevel() throws Exception {
        Thread publisher = new Thread(() -> {
            try {
                for (int i = 0; i < 50 && !server.hasListeners("log"); i++) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                return;
            }
            server.publish("log", org.jswan.gateway.control.ViciMessage.builder().add("group", "IKE")
                    .add("level", 1).add("msg", "shown line").build());
            server.publish("log", org.jswan.gateway.control.ViciMessage.builder().add("group", "ENC")
                    .add("level", 3).add("msg", "hidden line").build());
        });
        publisher.start();
        assertEquals(0, run("log", "--level", "2", "--exit-when-idle", "1500"));
        publisher.join();
        assertTrue(out.toString().contains("[IKE] shown line"), out.toString());
        assertFalse(out.toString().contains("hidden line"), out.toString());
    }

    @Test
    void completionScript() {
        assertEquals(0, run("completion"));
        assertTrue(out.toString().contains("complete -F _complete_jswan"), out.toString().substring(0, 200));
        assertTrue(out.toString().contains("list-sas"));
    }
}
