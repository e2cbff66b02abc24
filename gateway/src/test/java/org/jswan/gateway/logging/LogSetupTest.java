package org.jswan.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A settings file's filelog entry ends up as a file holding exactly what its levels let through. */
class LogSetupTest {

    @AfterEach
    void restore() {
        LogManager.getLogManager().reset();
    }

    @Test
    void fileLoggerWritesAtTheConfiguredLevels(@TempDir final Path dir) throws Exception {
        Path log = dir.resolve("jswan.log");
        Path conf = dir.resolve("jswan.conf");
        Files.writeString(conf, "charon {\n"
                + "    filelog {\n"
                + "        lab {\n"
                + "            path = " + log + "\n"
                + "            default = 0\n"
                + "            ike = 2\n"
                + "            knl = -1\n"
                + "            log_level = yes\n"
                + "            flush_line = yes\n"
                + "        }\n"
                + "    }\n"
                + "}\n");
        Files.writeString(log, "old line\n");
        LogSettings settings = LogSettings.read(conf);
        assertEquals(List.of(), settings.problems());
        LogSetup.install(settings.withCommandLine("", null));

        System.getLogger("IKE").log(Level.DEBUG, "ike at level 2");
        System.getLogger("IKE").log(Level.TRACE, "ike at level 3");
        System.getLogger("CFG").log(Level.INFO, "cfg at level 1");
        System.getLogger("CFG").log(Level.WARNING, "cfg at level 0");
        System.getLogger("KNL").log(Level.WARNING, "knl silenced");

        String text = Files.readString(log);
        assertTrue(text.startsWith("old line\n"), "append = yes is the default: " + text);
        assertTrue(text.matches("(?s).*\\d\\d\\[IKE2\\] ike at level 2\\n.*"), text);
        assertTrue(text.matches("(?s).*\\d\\d\\[CFG0\\] cfg at level 0\\n.*"), text);
        assertFalse(text.contains("ike at level 3"), text);
        assertFalse(text.contains("cfg at level 1"), text);
        assertFalse(text.contains("knl silenced"), text);
        // No time_format: no timestamp, as in strongSwan; each line starts with the thread number.
        for (String line : text.substring("old line\n".length()).split("\n")) {
            assertTrue(line.matches("\\d\\d\\[[A-Z]{3}\\d\\] .*"), line);
        }
    }

    @Test
    void twoLoggersKeepTheirOwnLevelsAndAppendNoTruncates(@TempDir final Path dir) throws Exception {
        Path verbose = dir.resolve("verbose.log");
        Path quiet = dir.resolve("quiet.log");
        Files.writeString(quiet, "old\n");
        LogSettings settings = LogSettings.parse("jswan.conf", "jswan {\n  filelog {\n"
                + "    v {\n      path = " + verbose + "\n      default = 2\n      flush_line = yes\n"
                + "      time_format = %b %e %T\n    }\n"
                + "    q {\n      path = " + quiet + "\n      default = 1\n      append = no\n"
                + "      flush_line = yes\n    }\n  }\n}\n");
        assertEquals(List.of(), settings.problems());
        LogSetup.install(settings.loggers());
        System.getLogger("CHD").log(Level.DEBUG, "detail");
        System.getLogger("CHD").log(Level.INFO, "summary");
        String v = Files.readString(verbose);
        String q = Files.readString(quiet);
        assertTrue(v.contains("[CHD] detail") && v.contains("[CHD] summary"), v);
        assertTrue(v.matches("(?s)[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d\\d\\[CHD\\] detail\\n.*"), v);
        assertFalse(q.contains("detail"), q);
        assertFalse(q.contains("old"), "append = no truncates: " + q);
        assertTrue(q.contains("[CHD] summary"), q);
    }
}
