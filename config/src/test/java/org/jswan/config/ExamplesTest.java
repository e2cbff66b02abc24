package org.jswan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every shipped example must validate without errors. */
class ExamplesTest {

    static Path examples() {
        return Path.of(System.getProperty("jswan.projectDir", "..")).resolve("config/examples");
    }

    static final List<String> ROAD_WARRIOR_WARNINGS = List.of("connections.rw.pools", "connections.rw.unique",
            "connections.rw.children.rw-net.inactivity", "pools.rw-pool-v4.dns");

    @ParameterizedTest
    @ValueSource(strings = {"site-to-site-psk", "site-to-site-cert", "road-warrior-server"})
    void exampleValidatesWithoutErrors(String name) throws Exception {
        Path file = examples().resolve(name).resolve("swanctl.conf");
        assertTrue(Files.isRegularFile(file), file.toString());
        ValidationResult r = new ConfigValidator().validate(new SettingsParser().parseFile(file));
        assertEquals(List.of(), r.errors(), name);
        // The road-warrior example uses strongSwan keys jswan does not act on yet, and says so in comments;
        // check-config must warn about exactly those, so admins are never left to guess.
        List<String> expected = name.equals("road-warrior-server") ? ROAD_WARRIOR_WARNINGS : List.of();
        assertEquals(expected, r.warnings().stream().map(p -> p.keyPath()).toList(), name);
        assertEquals(1, r.config().connections().size());
    }

    @Test
    void examplesAreAllListed() throws Exception {
        try (var dirs = Files.list(examples())) {
            assertEquals(List.of("road-warrior-server", "site-to-site-cert", "site-to-site-psk"),
                    dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void pskExampleSecretIs32Bytes() throws Exception {
        Path file = examples().resolve("site-to-site-psk/swanctl.conf");
        ValidationResult r = new ConfigValidator().validate(new SettingsParser().parseFile(file));
        assertEquals(32, r.config().secrets().get(0).secret().length());
        assertEquals(ChildConfig.StartAction.START, r.config().connections().get(0).children().get(0).startAction());
    }
}
