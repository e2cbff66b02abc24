package org.jswan.esp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code key = value} blocks separated by blank lines from test-vectors/ (lines starting with # ignored). */
public final class VectorFile {
    private VectorFile() {
    }

    public static Path root() {
        String dir = System.getProperty("jswan.testVectors");
        if (dir == null) {
            dir = "../test-vectors";
        }
        return Path.of(dir);
    }

    public static List<Map<String, String>> read(final String relative) throws IOException {
        List<String> lines = Files.readAllLines(root().resolve(relative), StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("# source:")) {
            throw new IllegalStateException(relative + " lacks a '# source:' first line");
        }
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isEmpty()) {
                if (!cur.isEmpty()) {
                    blocks.add(cur);
                    cur = new LinkedHashMap<>();
                }
                continue;
            }
            int eq = line.indexOf('=');
            cur.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        if (!cur.isEmpty()) {
            blocks.add(cur);
        }
        return blocks;
    }

    public static byte[] hex(final String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }
}
