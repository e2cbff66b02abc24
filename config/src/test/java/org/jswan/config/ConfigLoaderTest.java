package org.jswan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsDirectoryAndNotesCredentialFolders() throws Exception {
        Files.createDirectories(dir.resolve("x509"));
        Files.createDirectories(dir.resolve("x509ca"));
        Files.writeString(dir.resolve("x509/gw.pem"), "not parsed here");
        Files.writeString(dir.resolve("swanctl.conf"), "connections {\n c {\n  local { certs = gw.pem }\n"
                + "  remote { cacerts = ca.pem }\n }\n}\n");
        LoadedConfig loaded = new ConfigLoader().load(dir);
        assertEquals(dir.resolve("x509"), loaded.credentialFolder("x509"));
        assertNull(loaded.credentialFolder("private"));
        assertEquals(List.of("swanctl.conf:4: connections.c.remote.cacerts: file 'ca.pem' not found in x509ca/"),
                loaded.problems().stream().map(ConfigProblem::toString).toList());
        assertTrue(loaded.hasErrors());
        assertEquals("c", loaded.config().connections().get(0).name());
    }

    @Test
    void syntaxErrorBecomesOneProblem() throws Exception {
        Files.writeString(dir.resolve("swanctl.conf"), "connections {\n");
        LoadedConfig loaded = new ConfigLoader().load(dir);
        assertEquals(List.of("swanctl.conf:2: section 'connections' opened at line 1 is not closed (missing '}')"),
                loaded.problems().stream().map(ConfigProblem::toString).toList());
        assertEquals(SwanctlConfig.EMPTY, loaded.config());
    }

    @Test
    void problemsInIncludedFilesNameThatFile() throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("swanctl.conf"), "connections {\n include conf.d/*.conf\n}\n");
        Files.writeString(dir.resolve("conf.d/x.conf"), "x {\n  rekey_tme = 1h\n}\n");
        LoadedConfig loaded = new ConfigLoader().load(dir);
        assertEquals(List.of("conf.d/x.conf:2: connections.x.rekey_tme: unknown key (did you mean rekey_time?)"),
                loaded.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void missingFile() {
        LoadedConfig loaded = new ConfigLoader().load(dir);
        assertEquals(List.of("swanctl.conf:0: file not found"),
                loaded.problems().stream().map(ConfigProblem::toString).toList());
        assertFalse(loaded.problems().isEmpty());
    }
}
