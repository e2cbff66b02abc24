package org.jswan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    private static SwanctlConfig model(String text) throws ConfigException {
        ValidationResult r = new ConfigValidator().validate(new SettingsParser().parseString("f", text, null));
        assertEquals(List.of(), r.problems());
        return r.config();
    }

    @Test
    void addedRemovedChangedUnchanged() throws Exception {
        SwanctlConfig before = model("connections {\n a { remote_addrs = 192.0.2.1 }\n"
                + " b { children { x { local_ts = 10.0.0.0/8 } } }\n c { }\n}\n");
        // a moves down (positions change only), b's child changes, c goes away, d is new.
        SwanctlConfig after = model("connections {\n\n\n d { }\n b { children { x { local_ts = 10.0.0.0/16 } } }\n"
                + " a {\n  remote_addrs = 192.0.2.1\n }\n}\n");
        ConfigDiff diff = ConfigDiff.between(before, after);
        assertEquals(List.of("d"), diff.added());
        assertEquals(List.of("c"), diff.removed());
        assertEquals(List.of("b"), diff.changed());
        assertEquals(List.of("a"), diff.unchanged());
        assertFalse(diff.isEmpty());
        assertTrue(ConfigDiff.between(after, after).isEmpty());
    }
}
