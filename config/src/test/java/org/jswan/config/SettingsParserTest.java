package org.jswan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsParserTest {

    private final SettingsParser parser = new SettingsParser();

    @TempDir
    Path dir;

    private SettingsSection parse(String text) throws ConfigException {
        return parser.parseString("swanctl.conf", text, null);
    }

    private String message(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).getMessage();
    }

    @Test
    void nestedSectionsKeysAndPositions() throws Exception {
        SettingsSection root = parse("a = b\nsection-one {\n  somevalue = asdf\n  subsection {\n"
                + "    othervalue = xxx\n  }\n  # yei, a comment\n  yetanother = zz\n}\nsection-two {\n x = 12\n}\n");
        assertEquals("b", root.value("a").value());
        assertEquals(new SourcePosition("swanctl.conf", 1), root.value("a").position());
        SettingsSection one = root.section("section-one");
        assertEquals(2, one.position().line());
        assertEquals("xxx", root.sectionAt("section-one.subsection").value("othervalue").value());
        assertEquals(5, root.sectionAt("section-one.subsection").value("othervalue").position().line());
        assertEquals("zz", one.value("yetanother").value());
        assertEquals("12", root.sectionAt("section-two").value("x").value());
    }

    @Test
    void valuesRunToEndOfLineAndStopAtCommentOrBrace() throws Exception {
        SettingsSection root = parse("k = a  b\tc   # comment\ns { v = x }\nlist = 10.0.0.0/24, 10.1.0.0/16\n"
                + "empty =\n");
        assertEquals("a b c", root.value("k").value());
        assertEquals("x", root.section("s").value("v").value());
        assertEquals("10.0.0.0/24, 10.1.0.0/16", root.value("list").value());
        assertEquals(List.of("10.0.0.0/24", "10.1.0.0/16"), ValueSyntax.parseList(root.value("list").value()));
        assertEquals("", root.value("empty").value());
    }

    @Test
    void quotedStringsWithEscapesAndLineContinuation() throws Exception {
        SettingsSection root = parse("a = \"with # hash and } brace\"\nb = \"tab\\there \\\"q\\\" \\\\ x\"\n"
                + "c = \"one \\\ntwo\"\nd = \"multi\nline\"\ne = 1\n");
        assertEquals("with # hash and } brace", root.value("a").value());
        assertEquals("tab\there \"q\" \\ x", root.value("b").value());
        assertEquals("one two", root.value("c").value());
        assertEquals("multi\nline", root.value("d").value());
        assertEquals(7, root.value("e").position().line());
    }

    @Test
    void laterKeyWinsAndSectionsMerge() throws Exception {
        SettingsSection root = parse("s {\n a = 1\n}\ns {\n a = 2\n b = 3\n}\n");
        assertEquals("2", root.section("s").value("a").value());
        assertEquals(5, root.section("s").value("a").position().line());
        assertEquals("3", root.section("s").value("b").value());
        assertEquals(1, root.section("s").position().line());
    }

    @Test
    void references() throws Exception {
        SettingsSection root = parse("defaults { x = 1 }\nconnections {\n a : defaults, other.sub {\n y = 2\n }\n}\n");
        assertEquals(List.of("defaults", "other.sub"), root.sectionAt("connections.a").references());
        SettingsSection b = parse("c:defaults { }\n");
        assertEquals(List.of("defaults"), b.section("c").references());
    }

    @Test
    void syntaxErrorsCarryFileAndLine() {
        assertEquals("swanctl.conf:3: unexpected '}'", message("a = 1\n\n}\n"));
        assertEquals("swanctl.conf:2: section 's' opened at line 1 is not closed (missing '}')", message("s {\n"));
        assertEquals("swanctl.conf:2: expected '=' or '{' after 'key'", message("\nkey value\n"));
        assertEquals("swanctl.conf:1: unterminated string", message("a = \"open\n\n"));
        assertEquals("swanctl.conf:1: section without a name", message("{ }"));
        assertEquals("swanctl.conf:1: '=' without a key", message("= 5"));
        assertEquals("swanctl.conf:1: unexpected quoted string, expected a key or section name",
                message("\"a\" = 5"));
        assertEquals("swanctl.conf:1: relative include 'x.conf' without a base directory", message("include x.conf"));
    }

    @Test
    void nestingDepthIsBounded() {
        SettingsParser shallow = new SettingsParser(new ParserLimits(3, 1000, 4, 2));
        ConfigException e = assertThrows(ConfigException.class,
                () -> shallow.parseString("f", "a {\nb {\nc {\nd {\n}}}}", null));
        assertEquals("f:4: sections nested deeper than 3", e.getMessage());
        ConfigException big = assertThrows(ConfigException.class,
                () -> shallow.parseString("f", "x = " + "y".repeat(1000), null));
        assertEquals("f:1: file is larger than 1000 bytes", big.getMessage());
    }

    @Test
    void includesWithGlobsRelativeToIncludingFileInSortedOrder() throws IOException, ConfigException {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("swanctl.conf"),
                "connections {\n  include conf.d/*.conf\n}\nsecrets {\n include \"sec rets.conf\"\n}\n");
        Files.writeString(dir.resolve("conf.d/b.conf"), "b { x = from-b }\nshared = b\n");
        Files.writeString(dir.resolve("conf.d/a.conf"), "a { x = from-a }\nshared = a\n");
        Files.writeString(dir.resolve("conf.d/ignored.txt"), "junk {");
        Files.writeString(dir.resolve("sec rets.conf"), "ike { secret = s }\n");
        SettingsSection root = parser.parseFile(dir.resolve("swanctl.conf"));
        SettingsSection conns = root.section("connections");
        assertEquals(List.of("a", "b"), conns.sections().stream().map(SettingsSection::name).toList());
        assertEquals("b", conns.value("shared").value());
        assertEquals(new SourcePosition("conf.d/b.conf", 2), conns.value("shared").position());
        assertEquals("s", root.sectionAt("secrets.ike").value("secret").value());
        assertNull(root.section("junk"));
    }

    @Test
    void includeErrors() throws IOException {
        Files.writeString(dir.resolve("a.conf"), "x = 1\ninclude b.conf\n");
        Files.writeString(dir.resolve("b.conf"), "\n\ninclude a.conf\n");
        ConfigException cycle = assertThrows(ConfigException.class, () -> parser.parseFile(dir.resolve("a.conf")));
        assertEquals("b.conf:3: include cycle: a.conf -> b.conf -> a.conf", cycle.getMessage());

        Files.writeString(dir.resolve("c.conf"), "include missing.conf\n");
        ConfigException missing = assertThrows(ConfigException.class, () -> parser.parseFile(dir.resolve("c.conf")));
        assertEquals("c.conf:1: include file 'missing.conf' not found", missing.getMessage());

        Files.writeString(dir.resolve("d.conf"), "include nothing/*.conf\ny = 2\n");
        assertNotNull(assertDoesNotThrowParse(dir.resolve("d.conf")).value("y"));

        Files.writeString(dir.resolve("e.conf"), "s {\ninclude f.conf\n}\n");
        Files.writeString(dir.resolve("f.conf"), "}\n");
        ConfigException brace = assertThrows(ConfigException.class, () -> parser.parseFile(dir.resolve("e.conf")));
        assertEquals("f.conf:1: unexpected '}'", brace.getMessage());
    }

    @Test
    void includeCountIsBounded() throws IOException {
        for (int i = 0; i < 5; i++) {
            Files.writeString(dir.resolve("p" + i + ".part"), "k" + i + " = v\n");
        }
        Files.writeString(dir.resolve("main.conf"), "include *.part\n");
        SettingsParser few = new SettingsParser(new ParserLimits(8, 1000, 3, 4));
        ConfigException e = assertThrows(ConfigException.class, () -> few.parseFile(dir.resolve("main.conf")));
        assertEquals("main.conf:1: more than 3 files included", e.getMessage());
    }

    private SettingsSection assertDoesNotThrowParse(Path file) {
        try {
            return parser.parseFile(file);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
