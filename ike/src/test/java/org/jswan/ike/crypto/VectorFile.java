package org.jswan.ike.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads test-vector files: {@code key = value} lines in blocks separated by blank lines; {@code #} starts a
 * comment. The first line must be a {@code # source:} citation.
 */
public final class VectorFile {
    private VectorFile() {
    }

    /** One block of a vector file. */
    public record Block(Map<String, String> values) {
        public String get(final String key) {
            final String v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("vector block lacks '" + key + "': " + values.keySet());
            }
            return v;
        }

        public byte[] hex(final String key) {
            return HexFormat.of().parseHex(get(key));
        }

        public boolean has(final String key) {
            return values.containsKey(key);
        }
    }

    public static Path path(final String relative) {
        final String root = System.getProperty("jswan.testVectors");
        if (root == null) {
            throw new IllegalStateException("system property jswan.testVectors is not set (run through Maven)");
        }
        return Path.of(root, relative);
    }

    public static List<Block> read(final String relative) throws IOException {
        final List<String> lines = Files.readAllLines(path(relative), StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("# source:")) {
            throw new IllegalStateException(relative + " must start with a '# source:' line");
        }
        final List<Block> blocks = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (final String raw : lines) {
            final String line = raw.strip();
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    blocks.add(new Block(current));
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            final int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalStateException(relative + ": not 'key = value': " + line);
            }
            current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        if (!current.isEmpty()) {
            blocks.add(new Block(current));
        }
        return blocks;
    }
}
