package org.jswan.gateway.logging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jswan.config.ConfigException;
import org.jswan.config.ConfigProblem;
import org.jswan.config.SettingsParser;
import org.jswan.config.SettingsSection;
import org.jswan.config.SettingsValue;
import org.jswan.config.SourcePosition;

/**
 * The logger part of a strongswan.conf-style settings file (strongswan.conf(5) "LOGGER CONFIGURATION"), read from
 * a {@code jswan} section or, so an existing strongswan.conf snippet works unchanged, a {@code charon} section:
 * <pre>
 *   jswan {
 *       filelog {
 *           charon-log {                      # the name is the path unless path is given
 *               path = /var/log/jswan.log     # or stdout / stderr
 *               default = 1                   # and per subsystem: ike = 2, knl = 3, ...
 *               time_format = %b %e %T
 *               append = yes
 *               flush_line = yes
 *           }
 *       }
 *       stdout { default = 0 }                # shorthand for filelog { stdout { ... } }
 *   }
 * </pre>
 * Every problem comes with file and line: a key no one knows is an error, a key strongSwan knows and jswan does
 * not use is a warning. Other keys of a {@code charon} section belong to charon and are ignored with one warning.
 *
 * @param loggers  the configured loggers, in file order (empty: none configured)
 * @param problems what is wrong or ignored
 */
public record LogSettings(List<LoggerSpec> loggers, List<ConfigProblem> problems) {

    /** strongSwan's subsystems that jswan has no counterpart for (accepted with a warning). */
    private static final Set<String> FOREIGN_SUBSYSTEMS = Set.of("app", "tnc", "imc", "imv", "pts", "tls");
    /** filelog keys strongSwan knows that jswan accepts but does not act on. */
    private static final Set<String> UNSUPPORTED_KEYS = Set.of("ike_name");

    /** No settings file: no loggers, no problems. */
    public static final LogSettings NONE = new LogSettings(List.of(), List.of());
    /** The settings file read from the config dir when {@code --settings} is not given. */
    public static final String DEFAULT_FILE_NAME = "jswan.conf";

    public LogSettings {
        loggers = List.copyOf(loggers);
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(ConfigProblem::isError);
    }

    /** {@code explicit} if given, else {@code configDir/jswan.conf} if it exists, else null (no settings file). */
    public static Path settingsFile(final Path explicit, final Path configDir) {
        if (explicit != null) {
            return explicit;
        }
        Path candidate = configDir.resolve(DEFAULT_FILE_NAME);
        return java.nio.file.Files.isRegularFile(candidate) ? candidate : null;
    }

    /** Reads {@code file}; a file that cannot be parsed at all gives one error and no loggers. */
    public static LogSettings read(final Path file) {
        try {
            return of(new SettingsParser().parseFile(file));
        } catch (ConfigException e) {
            return new LogSettings(List.of(), List.of(ConfigProblem.error(e.position(), "", e.detail())));
        }
    }

    /** Reads settings text held in memory (tests, or text from elsewhere). */
    public static LogSettings parse(final String displayName, final String text) {
        try {
            return of(new SettingsParser().parseString(displayName, text, null));
        } catch (ConfigException e) {
            return new LogSettings(List.of(), List.of(ConfigProblem.error(e.position(), "", e.detail())));
        }
    }

    /** Reads the logger configuration of a parsed settings tree. */
    public static LogSettings of(final SettingsSection root) {
        Reader r = new Reader();
        for (SettingsValue v : root.values()) {
            r.problems.add(ConfigProblem.error(v.position(), v.key(), "unknown key; expected a 'jswan' (or "
                    + "'charon') section"));
        }
        for (SettingsSection top : root.sections()) {
            if (top.name().equals("jswan") || top.name().equals("charon")) {
                r.daemonSection(top);
            } else {
                r.problems.add(ConfigProblem.warning(top.position(), top.name(), "section not used by jswan; "
                        + "ignored (only 'jswan' and 'charon' are read)"));
            }
        }
        return new LogSettings(new ArrayList<>(r.loggers.values()), r.problems);
    }

    /**
     * The loggers to install once the command line is applied on top: {@code debug} (charondebug syntax, may be
     * empty) overrides the levels of every logger; {@code logFile} (may be null) replaces the destinations by one
     * file, keeping the first logger's options. Without configured loggers this is the command line's logger.
     */
    public List<LoggerSpec> withCommandLine(final String debug, final Path logFile) {
        LogLevels cli = LogLevels.parse(debug);
        boolean cliLevels = debug != null && !debug.isBlank();
        if (loggers.isEmpty()) {
            return List.of(LoggerSpec.commandLine(cli, logFile));
        }
        List<LoggerSpec> out = new ArrayList<>();
        for (LoggerSpec l : loggers) {
            out.add(cliLevels ? l.withLevels(l.levels().overriddenBy(cli)) : l);
        }
        if (logFile != null) {
            return List.of(out.get(0).withDestination(logFile.toString()));
        }
        return out;
    }

    private static final class Reader {
        final Map<String, LoggerSpec> loggers = new LinkedHashMap<>();
        final List<ConfigProblem> problems = new ArrayList<>();

        void daemonSection(final SettingsSection daemon) {
            boolean charon = daemon.name().equals("charon");
            for (SettingsValue v : daemon.values()) {
                foreign(charon, v.position(), daemon.name() + "." + v.key());
            }
            for (SettingsSection s : daemon.sections()) {
                String path = daemon.name() + "." + s.name();
                switch (s.name()) {
                    case "filelog":
                        for (SettingsValue v : s.values()) {
                            problems.add(ConfigProblem.error(v.position(), path + "." + v.key(),
                                    "unknown key; filelog holds one section per logger, e.g. /var/log/jswan.log { "
                                            + "default = 1 }"));
                        }
                        for (SettingsSection logger : s.sections()) {
                            logger(logger, path + "." + logger.name(), logger.name());
                        }
                        break;
                    case "stdout":
                    case "stderr":
                        logger(s, path, s.name());
                        break;
                    case "syslog":
                        problems.add(ConfigProblem.warning(s.position(), path, "syslog loggers are not supported "
                                + "by jswan yet; ignored (use filelog, or stdout under systemd's journal)"));
                        break;
                    default:
                        foreign(charon, s.position(), path);
                }
            }
        }

        /** A key of the daemon section that is not about logging. */
        private void foreign(final boolean charon, final SourcePosition at, final String path) {
            if (charon) {
                problems.add(ConfigProblem.warning(at, path, "charon option not used by jswan; ignored"));
            } else {
                problems.add(ConfigProblem.error(at, path, "unknown key; the jswan section knows filelog, stdout, "
                        + "stderr and syslog"));
            }
        }

        private void logger(final SettingsSection s, final String path, final String name) {
            String destination = name;
            LogLevels levels = new LogLevels();
            boolean append = true;
            boolean flushLine = false;
            String timeFormat = null;
            boolean timeAddMs = false;
            boolean logLevel = false;
            for (SettingsValue v : s.values()) {
                String key = v.key();
                String at = path + "." + key;
                try {
                    switch (key) {
                        case "path":
                            destination = v.value();
                            break;
                        case "default":
                            levels = levels.withDefault(level(v.value()));
                            break;
                        case "append":
                            append = bool(v.value());
                            break;
                        case "flush_line":
                            flushLine = bool(v.value());
                            break;
                        case "time_format":
                            StrftimeFormat.toFormatter(v.value());
                            timeFormat = v.value();
                            break;
                        case "time_add_ms":
                            timeAddMs = bool(v.value());
                            break;
                        case "log_level":
                            logLevel = bool(v.value());
                            break;
                        default:
                            Subsystem sub = LogLevels.subsystem(key.toLowerCase(Locale.ROOT));
                            if (sub != null) {
                                levels = levels.with(sub, level(v.value()));
                            } else if (FOREIGN_SUBSYSTEMS.contains(key)) {
                                level(v.value());
                                problems.add(ConfigProblem.warning(v.position(), at, "jswan has no '" + key
                                        + "' subsystem; ignored"));
                            } else if (UNSUPPORTED_KEYS.contains(key)) {
                                bool(v.value());
                                problems.add(ConfigProblem.warning(v.position(), at, "not supported by jswan yet; "
                                        + "ignored"));
                            } else {
                                problems.add(ConfigProblem.error(v.position(), at, "unknown key; expected path, "
                                        + "default, a subsystem (" + subsystems() + "), append, flush_line, "
                                        + "time_format, time_add_ms, log_level or ike_name"));
                            }
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(ConfigProblem.error(v.position(), at, e.getMessage()));
                }
            }
            for (SettingsSection sub : s.sections()) {
                problems.add(ConfigProblem.error(sub.position(), path + "." + sub.name(),
                        "unexpected section in a logger"));
            }
            if (loggers.containsKey(destination)) {
                problems.add(ConfigProblem.warning(s.position(), path, "a second logger for '" + destination
                        + "'; this one replaces the first"));
            }
            loggers.put(destination, new LoggerSpec(destination, levels, append, flushLine, timeFormat, timeAddMs,
                    logLevel));
        }

        private static String subsystems() {
            StringBuilder sb = new StringBuilder();
            for (Subsystem s : Subsystem.values()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(s.key());
            }
            return sb.toString();
        }

        private static int level(final String value) {
            int level;
            try {
                level = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' is not a log level; expected -1 to 4");
            }
            if (level < -1 || level > 4) {
                throw new IllegalArgumentException("log level " + level + " is outside -1..4");
            }
            return level;
        }

        /** strongSwan's settings booleans: yes/no, true/false, enabled/disabled, 1/0. */
        private static boolean bool(final String value) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "yes":
                case "true":
                case "enabled":
                case "1":
                    return true;
                case "no":
                case "false":
                case "disabled":
                case "0":
                    return false;
                default:
                    throw new IllegalArgumentException("'" + value + "' is not a boolean; expected yes or no");
            }
        }
    }
}
