package org.jswan.config;

import java.util.Objects;

/**
 * Where a settings node came from: a display file name (relative to the main file's directory when possible) and a
 * 1-based line number.
 */
public record SourcePosition(String file, int line) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
