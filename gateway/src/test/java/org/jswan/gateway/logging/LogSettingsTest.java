package org.jswan.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jswan.config.ConfigProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSettingsTest {

    private static List<String> lines(final LogSettings s) {
        return s.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void readsFilelogAndStdoutFromJswanSection() {
        LogSettings s = LogSettings.parse("jswan.conf", """
                jswan {
                    filelog {
                        main {
                            path = /var/log/jswan.log
                            time_format = %b %e %T
                            default = 0
                            ike = 2
                            knl = 3
                            append = no
                            flush_line = yes
                            time_add_ms = yes
                            log_level = yes
                        }
                    }
                    stdout {
                        default = -1
                        cfg = 1
                    }
                }
                """);
        assertEquals(List.of(), lines(s));
        assertEquals(2, s.loggers().size());
        LoggerSpec file = s.loggers().get(0);
        assertEquals("/var/log/jswan.log", file.destination());
        assertEquals("%b %e %T", file.timeFormat());
        assertEquals(0, file.levels().level(Subsystem.CFG));
        assertEquals(2, file.levels().level(Subsystem.IKE));
        assertEquals(3, file.levels().level(Subsystem.KNL));
        assertFalse(file.append());
        assertTrue(file.flushLine());
        assertTrue(file.timeAddMs());
        assertTrue(file.logLevel());
        LoggerSpec out = s.loggers().get(1);
        assertEquals(LoggerSpec.STDOUT, out.destination());
        assertEquals(-1, out.levels().level(Subsystem.IKE));
        assertEquals(1, out.levels().level(Subsystem.CFG));
        assertTrue(out.append());
        assertFalse(out.flushLine());
        assertNull(out.timeFormat());
    }

    /** A strongswan.conf snippet works unchanged: charon's own options only give warnings. */
    @Test
    void charonSectionIsAnAliasAndItsOtherOptionsAreWarnings() {
        LogSettings s = LogSettings.parse("strongswan.conf", """
                charon {
                    load_modular = yes
                    filelog {
                        /var/log/charon.log {
                            time_format = %b %e %T
                            ike_name = yes
                            append = no
                            default = 2
                            flush_line = yes
                        }
                        stderr {
                            ike = 2
                            knl = 3
                        }
                    }
                    syslog {
                        daemon {
                            default = 1
                        }
                    }
                    plugins {
                        include strongswan.d/charon/*.conf
                    }
                }
                libstrongswan {
                    integrity_test = no
                }
                """.replace("        include strongswan.d/charon/*.conf\n", ""));
        assertFalse(s.hasErrors(), lines(s).toString());
        assertEquals(List.of(
                "strongswan.conf:2: warning: charon.load_modular: charon option not used by jswan; ignored",
                "strongswan.conf:6: warning: charon.filelog./var/log/charon.log.ike_name: not supported by jswan "
                        + "yet; ignored",
                "strongswan.conf:16: warning: charon.syslog: syslog loggers are not supported by jswan yet; "
                        + "ignored (use filelog, or stdout under systemd's journal)",
                "strongswan.conf:21: warning: charon.plugins: charon option not used by jswan; ignored",
                "strongswan.conf:24: warning: libstrongswan: section not used by jswan; ignored (only 'jswan' and "
                        + "'charon' are read)"), lines(s));
        assertEquals(List.of("/var/log/charon.log", "stderr"),
                s.loggers().stream().map(LoggerSpec::destination).toList());
        assertEquals(2, s.loggers().get(0).levels().level(Subsystem.NET));
        assertEquals(3, s.loggers().get(1).levels().level(Subsystem.KNL));
        assertEquals(LogLevels.DEFAULT, s.loggers().get(1).levels().level(Subsystem.CFG));
    }

    @Test
    void everyProblemHasFileLineKeyAndWhatIsExpected() {
        LogSettings s = LogSettings.parse("jswan.conf", """
                jswan {
                    threads = 4
                    filelog {
                        /tmp/x.log {
                            verbose = yes
                            ike = 7
                            knl = two
                            append = maybe
                            time_format = %Q
                            tls = 2
                        }
                    }
                }
                """);
        assertTrue(s.hasErrors());
        assertEquals(List.of(
                "jswan.conf:2: jswan.threads: unknown key; the jswan section knows filelog, stdout, stderr and syslog",
                "jswan.conf:5: jswan.filelog./tmp/x.log.verbose: unknown key; expected path, default, a subsystem "
                        + "(dmn, mgr, ike, chd, job, cfg, knl, net, asn, enc, lib, esp), append, flush_line, "
                        + "time_format, time_add_ms, log_level or ike_name",
                "jswan.conf:6: jswan.filelog./tmp/x.log.ike: log level 7 is outside -1..4",
                "jswan.conf:7: jswan.filelog./tmp/x.log.knl: 'two' is not a log level; expected -1 to 4",
                "jswan.conf:8: jswan.filelog./tmp/x.log.append: 'maybe' is not a boolean; expected yes or no",
                "jswan.conf:9: jswan.filelog./tmp/x.log.time_format: time_format conversion '%Q' is not supported; "
                        + "use %a %A %b %B %h %d %e %j %m %y %Y %H %I %M %S %p %T %R %F %D %z %Z",
                "jswan.conf:10: warning: jswan.filelog./tmp/x.log.tls: jswan has no 'tls' subsystem; ignored"),
                lines(s));
    }

    @Test
    void syntaxErrorIsOneProblemWithFileAndLine(@TempDir final Path dir) throws Exception {
        Path f = dir.resolve("jswan.conf");
        Files.writeString(f, "jswan {\n    filelog {\n");
        LogSettings s = LogSettings.read(f);
        assertTrue(s.hasErrors());
        assertEquals(1, s.problems().size(), lines(s).toString());
        assertTrue(lines(s).get(0).startsWith("jswan.conf:"), lines(s).toString());
        assertTrue(s.loggers().isEmpty());
    }

    @Test
    void defaultFileIsJswanConfInTheConfigDirWhenPresent(@TempDir final Path dir) throws Exception {
        assertNull(LogSettings.settingsFile(null, dir));
        Files.writeString(dir.resolve("jswan.conf"), "jswan {\n}\n");
        assertEquals(dir.resolve("jswan.conf"), LogSettings.settingsFile(null, dir));
        assertEquals(Path.of("/x/other.conf"), LogSettings.settingsFile(Path.of("/x/other.conf"), dir));
    }

    @Test
    void commandLineOverridesTheFile() {
        LogSettings s = LogSettings.parse("jswan.conf", """
                jswan {
                    filelog {
                        /var/log/a.log {
                            default = 0
                            ike = 2
                            flush_line = yes
                        }
                        stdout {
                            knl = 3
                        }
                    }
                }
                """);
        // Nothing on the command line: the file's loggers as they are.
        assertEquals(s.loggers(), s.withCommandLine("", null));
        // --debug 'cfg 4': cfg raised in every logger, the rest kept.
        List<LoggerSpec> debug = s.withCommandLine("cfg 4", null);
        assertEquals(4, debug.get(0).levels().level(Subsystem.CFG));
        assertEquals(2, debug.get(0).levels().level(Subsystem.IKE));
        assertEquals(0, debug.get(0).levels().level(Subsystem.NET));
        assertEquals(4, debug.get(1).levels().level(Subsystem.CFG));
        assertEquals(3, debug.get(1).levels().level(Subsystem.KNL));
        // --debug with 'any' replaces the levels entirely (charondebug's rule).
        List<LoggerSpec> any = s.withCommandLine("any 1, ike 3", null);
        assertEquals(1, any.get(0).levels().level(Subsystem.NET));
        assertEquals(3, any.get(0).levels().level(Subsystem.IKE));
        // --log-file: one logger to that file, with the first logger's options.
        List<LoggerSpec> file = s.withCommandLine("", Path.of("/tmp/cli.log"));
        assertEquals(1, file.size());
        assertEquals("/tmp/cli.log", file.get(0).destination());
        assertTrue(file.get(0).flushLine());
        assertEquals(2, file.get(0).levels().level(Subsystem.IKE));
        // No settings file: the command line's own logger.
        List<LoggerSpec> none = LogSettings.NONE.withCommandLine("ike 2", null);
        assertEquals(List.of(LoggerSpec.commandLine(LogLevels.parse("ike 2"), null)), none);
    }

    @Test
    void strftimePatternsFormatAsStrongSwanWould() {
        Instant t = Instant.parse("2026-03-05T07:08:09Z");
        ZoneId utc = ZoneId.of("UTC");
        assertEquals("Mar  5 07:08:09", StrftimeFormat.toFormatter("%b %e %T").withZone(utc).format(t));
        assertEquals("2026-03-05 07:08 100% 05", StrftimeFormat.toFormatter("%F %R 100%% %d").withZone(utc)
                .format(t));
        assertThrows(IllegalArgumentException.class, () -> StrftimeFormat.toFormatter("%T %"));
    }
}
