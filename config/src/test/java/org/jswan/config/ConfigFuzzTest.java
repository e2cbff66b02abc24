package org.jswan.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bounded random-input loop: parsing and validating garbage may only ever produce a {@link ConfigException} or
 * problems, never any other exception. Inputs are built from config-like fragments so they reach deep code.
 */
class ConfigFuzzTest {

    private static final String[] FRAGMENTS = {
        "connections", "secrets", "pools", "authorities", "children", "local", "remote", "net", "ike-1", "{", "}",
        "{", "}", " = ", "=", "\n", "\n", " ", "\t", "#", "\"", "\\", ":", ",", "include ", "x.conf", "*",
        "local_ts", "remote_ts", "10.0.0.0/24", "::/0", "[tcp/80]", "dynamic", "%any", "auth", "psk", "pubkey",
        "secret", "0x", "0s", "zz==", "id", "esp_proposals", "proposals", "aes128gcm16", "-", "x25519", "mode",
        "rekey_time", "1h", "life_time", "30s", "rekey_bytes", "1G", "start_action", "start", "version", "2",
        "mark_in", "%unique", "0xffffffff/", "addrs", "10.0.0.9-10.0.0.1", "pools", "round", "99999999999999999",
        "a : b", "c.d", "tfc_padding", "mtu", "dscp", "\u00e9", "\u0000", "\r",
    };

    @Test
    void randomInputOnlyYieldsConfigExceptionsOrProblems() {
        Random random = new Random(0x5eed);
        SettingsParser parser = new SettingsParser(new ParserLimits(16, 64 * 1024, 4, 2));
        ConfigValidator validator = new ConfigValidator();
        int parsed = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(120);
            for (int j = 0; j < n; j++) {
                if (random.nextInt(10) == 0) {
                    sb.append((char) random.nextInt(0x250));
                } else {
                    sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                }
            }
            String input = sb.toString();
            try {
                SettingsSection root = parser.parseString("fuzz.conf", input, null);
                validator.validate(root).problems().forEach(ConfigProblem::toString);
                parsed++;
            } catch (ConfigException expected) {
                assertTrue(expected.getMessage().startsWith("fuzz.conf:"), expected.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("input #" + i + " crashed: " + input.replace("\n", "\\n"), e);
            }
        }
        assertTrue(parsed > 100, "too few inputs parsed to reach the validator: " + parsed);
    }
}
