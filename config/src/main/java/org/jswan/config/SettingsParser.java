package org.jswan.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Hand-written parser for the strongswan.conf settings syntax that swanctl.conf uses (strongswan.conf(5) "SYNTAX"):
 * <pre>
 *   settings := (section | keyvalue | include)*
 *   section  := name [':' reference (',' reference)*] '{' settings '}'
 *   keyvalue := key '=' value NEWLINE          value ends at newline, '#' or '}'
 *   include  := 'include' pattern               glob, relative to the including file's directory
 * </pre>
 * A value is one or more unquoted words or quoted strings, joined by single spaces; quoted strings know the escapes
 * {@code \n \r \t}, a backslash before a newline joins lines, and a backslash before any other character keeps that
 * character. Later definitions of a key replace earlier ones; repeated sections merge. Every node records its
 * {@link SourcePosition}; every error is a {@link ConfigException} naming file and line. Input is bounded by
 * {@link ParserLimits}. Instances are stateless and may be shared.
 */
public final class SettingsParser {

    private final ParserLimits limits;

    public SettingsParser() {
        this(ParserLimits.DEFAULT);
    }

    public SettingsParser(ParserLimits limits) {
        this.limits = limits;
    }

    /** Parses a file and everything it includes; display names are relative to the file's directory. */
    public SettingsSection parseFile(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        Run run = new Run(dir);
        SettingsSection root = new SettingsSection("", new SourcePosition(run.displayName(absolute), 1));
        run.includeFile(absolute, root, 0, new SourcePosition(run.displayName(absolute), 0));
        return root;
    }

    /**
     * Parses text held in memory. Relative includes are resolved against {@code includeDir}; with a null
     * {@code includeDir} any include is an error.
     */
    public SettingsSection parseString(String displayName, String text, Path includeDir) throws ConfigException {
        Run run = new Run(includeDir == null ? null : includeDir.toAbsolutePath().normalize());
        SettingsSection root = new SettingsSection("", new SourcePosition(displayName, 1));
        if (text.length() > limits.maxFileBytes()) {
            throw new ConfigException(new SourcePosition(displayName, 1), "file is larger than "
                    + limits.maxFileBytes() + " bytes");
        }
        run.files++;
        run.parseText(text, displayName, includeDir, root, 0);
        return root;
    }

    /** State of one parse: file count and the include chain (for cycle detection). */
    private final class Run {
        private final Path displayBase;
        private final Deque<Path> includeChain = new ArrayDeque<>();
        private int files;

        Run(Path displayBase) {
            this.displayBase = displayBase;
        }

        String displayName(Path absolute) {
            if (displayBase != null && absolute.startsWith(displayBase)) {
                return displayBase.relativize(absolute).toString();
            }
            return absolute.toString();
        }

        void includeFile(Path file, SettingsSection target, int depth, SourcePosition from) throws ConfigException {
            Path real;
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                throw new ConfigException(from, "cannot open '" + file + "': " + reason(e));
            }
            if (includeChain.contains(real)) {
                StringBuilder chain = new StringBuilder();
                for (Path p : includeChain) {
                    chain.append(displayName(p)).append(" -> ");
                }
                throw new ConfigException(from, "include cycle: " + chain + displayName(real));
            }
            if (includeChain.size() > limits.maxIncludeDepth()) {
                throw new ConfigException(from, "includes nested deeper than " + limits.maxIncludeDepth());
            }
            if (++files > limits.maxFiles()) {
                throw new ConfigException(from, "more than " + limits.maxFiles() + " files included");
            }
            String name = displayName(real);
            String text;
            try {
                if (!Files.isRegularFile(real)) {
                    throw new ConfigException(from, "'" + name + "' is not a regular file");
                }
                if (Files.size(real) > limits.maxFileBytes()) {
                    throw new ConfigException(new SourcePosition(name, 1), "file is larger than "
                            + limits.maxFileBytes() + " bytes");
                }
                text = new String(Files.readAllBytes(real), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException(from, "cannot read '" + name + "': " + reason(e));
            }
            includeChain.addLast(real);
            parseText(text, name, real.getParent(), target, depth);
            includeChain.removeLast();
        }

        void parseText(String text, String file, Path dir, SettingsSection target, int depth)
                throws ConfigException {
            new FileScanner(this, text, file, dir, target, depth).parse();
        }
    }

    private static String reason(IOException e) {
        String simple = e.getClass().getSimpleName();
        return simple.equals("NoSuchFileException") ? "no such file" : simple;
    }

    /** Scans one file's text into the section stack. */
    private final class FileScanner {
        private final Run run;
        private final String s;
        private final String file;
        private final Path dir;
        private final Deque<SettingsSection> stack = new ArrayDeque<>();
        private final int baseDepth;
        private int pos;
        private int line = 1;

        FileScanner(Run run, String text, String file, Path dir, SettingsSection target, int depth) {
            this.run = run;
            this.s = text;
            this.file = file;
            this.dir = dir;
            this.baseDepth = depth;
            stack.push(target);
        }

        private SourcePosition here() {
            return new SourcePosition(file, line);
        }

        private ConfigException error(String message) {
            return new ConfigException(here(), message);
        }

        void parse() throws ConfigException {
            while (true) {
                skipBlanks();
                if (pos >= s.length()) {
                    break;
                }
                char c = s.charAt(pos);
                if (c == '\n') {
                    pos++;
                    line++;
                } else if (c == '#') {
                    skipComment();
                } else if (c == '}') {
                    if (stack.size() == 1) {
                        throw error("unexpected '}'");
                    }
                    stack.pop();
                    pos++;
                } else if (c == '{') {
                    throw error("section without a name");
                } else if (c == '=') {
                    throw error("'=' without a key");
                } else if (c == '"') {
                    throw error("unexpected quoted string, expected a key or section name");
                } else {
                    statement();
                }
            }
            if (stack.size() > 1) {
                SettingsSection open = stack.peek();
                throw new ConfigException(new SourcePosition(file, line),
                        "section '" + open.name() + "' opened at line " + open.position().line()
                        + " is not closed (missing '}')");
            }
        }

        private void statement() throws ConfigException {
            int nameLine = line;
            String name = readName();
            if (name.equals("include") && pos < s.length() && isBlank(s.charAt(pos))) {
                skipBlanks();
                if (pos >= s.length() || s.charAt(pos) != '=') {
                    include(nameLine);
                    return;
                }
            }
            skipBlanks();
            List<String> refs = new ArrayList<>();
            int colon = name.indexOf(':');
            if (colon >= 0 || (pos < s.length() && s.charAt(pos) == ':')) {
                StringBuilder refText = new StringBuilder();
                if (colon >= 0) {
                    refText.append(name, colon + 1, name.length());
                    name = name.substring(0, colon);
                } else {
                    pos++;
                }
                while (pos < s.length() && s.charAt(pos) != '{' && s.charAt(pos) != '\n'
                        && s.charAt(pos) != '#' && s.charAt(pos) != '=' && s.charAt(pos) != '}') {
                    refText.append(s.charAt(pos++));
                }
                if (pos >= s.length() || s.charAt(pos) != '{') {
                    throw error("expected '{' after references of section '" + name + "'");
                }
                for (String ref : refText.toString().split(",")) {
                    String r = ref.strip();
                    if (r.isEmpty()) {
                        throw error("empty reference in section '" + name + "'");
                    }
                    refs.add(r);
                }
                if (name.isEmpty()) {
                    throw error("section without a name");
                }
            }
            if (pos >= s.length()) {
                throw error("expected '=' or '{' after '" + name + "'");
            }
            char c = s.charAt(pos);
            if (c == '=' && refs.isEmpty()) {
                pos++;
                String value = readValue();
                stack.peek().put(new SettingsValue(name, value, new SourcePosition(file, nameLine)));
            } else if (c == '{') {
                pos++;
                if (baseDepth + stack.size() > limits.maxDepth()) {
                    throw error("sections nested deeper than " + limits.maxDepth());
                }
                SettingsSection section = stack.peek().openSection(name, new SourcePosition(file, nameLine));
                section.addReferences(refs);
                stack.push(section);
            } else {
                throw error("expected '=' or '{' after '" + name + "'");
            }
        }

        private String readName() {
            int start = pos;
            while (pos < s.length() && !isNameStop(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** Value: words and quoted strings up to newline, '#' or '}'. */
        private String readValue() throws ConfigException {
            StringBuilder value = new StringBuilder();
            while (true) {
                skipBlanks();
                if (pos >= s.length()) {
                    break;
                }
                char c = s.charAt(pos);
                if (c == '\n' || c == '#' || c == '}') {
                    break;
                }
                String part;
                if (c == '"') {
                    part = readQuoted();
                } else {
                    int start = pos;
                    while (pos < s.length() && !isValueStop(s.charAt(pos))) {
                        pos++;
                    }
                    part = s.substring(start, pos);
                }
                if (value.length() > 0) {
                    value.append(' ');
                }
                value.append(part);
            }
            return value.toString();
        }

        private String readQuoted() throws ConfigException {
            int startLine = line;
            pos++;
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                } else if (c == '\r') {
                    continue;
                } else if (c == '\n') {
                    line++;
                    out.append('\n');
                } else if (c == '\\') {
                    if (pos >= s.length()) {
                        break;
                    }
                    char e = s.charAt(pos++);
                    if (e == 'n') {
                        out.append('\n');
                    } else if (e == 'r') {
                        out.append('\r');
                    } else if (e == 't') {
                        out.append('\t');
                    } else if (e == '\n') {
                        line++;
                    } else if (e == '\r' && pos < s.length() && s.charAt(pos) == '\n') {
                        pos++;
                        line++;
                    } else {
                        out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            throw new ConfigException(new SourcePosition(file, startLine), "unterminated string");
        }

        private void include(int includeLine) throws ConfigException {
            String pattern;
            if (pos < s.length() && s.charAt(pos) == '"') {
                pattern = readQuoted();
            } else {
                StringBuilder p = new StringBuilder();
                while (pos < s.length()) {
                    char c = s.charAt(pos);
                    if (c == '\\' && pos + 1 < s.length() && "\"#} ".indexOf(s.charAt(pos + 1)) >= 0) {
                        p.append(s.charAt(pos + 1));
                        pos += 2;
                    } else if (c == '#' || c == '}' || c == '\n' || c == '\t' || c == ' ' || c == '"') {
                        break;
                    } else {
                        if (c != '\r') {
                            p.append(c);
                        }
                        pos++;
                    }
                }
                pattern = p.toString();
            }
            SourcePosition from = new SourcePosition(file, includeLine);
            if (pattern.isEmpty()) {
                throw new ConfigException(from, "include without a file name");
            }
            if (dir == null && !pattern.startsWith("/")) {
                throw new ConfigException(from, "relative include '" + pattern + "' without a base directory");
            }
            List<Path> matches = IncludeGlob.expand(dir, pattern, from);
            int depth = baseDepth + stack.size() - 1;
            for (Path match : matches) {
                run.includeFile(match, stack.peek(), depth, from);
            }
        }

        private void skipBlanks() {
            while (pos < s.length() && isBlank(s.charAt(pos))) {
                pos++;
            }
        }

        private void skipComment() {
            while (pos < s.length() && s.charAt(pos) != '\n') {
                pos++;
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static boolean isNameStop(char c) {
        return c == '#' || c == '{' || c == '}' || c == '=' || c == '"' || c == '\n' || c == '\r' || c == '\t'
                || c == ' ';
    }

    private static boolean isValueStop(char c) {
        return c == '#' || c == '}' || c == '"' || c == '\n' || c == '\r' || c == '\t' || c == ' ';
    }
}
