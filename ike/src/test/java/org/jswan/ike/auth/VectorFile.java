package org.jswan.ike.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a "key = hex" vector file under {@code jswan.testVectors}; '#' lines are comments. */
final class VectorFile {

    private VectorFile() {
    }

    static Map<String, byte[]> read(final String relative) throws IOException {
        String root = System.getProperty("jswan.testVectors", "../test-vectors");
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(root, relative))) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int eq = t.indexOf('=');
            out.put(t.substring(0, eq).trim(), HexFormat.of().parseHex(t.substring(eq + 1).trim().toLowerCase()));
        }
        return out;
    }
}
