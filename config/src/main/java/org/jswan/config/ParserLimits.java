package org.jswan.config;

/**
 * Bounds applied while parsing, so that a hostile or broken file cannot exhaust memory or recurse forever.
 *
 * @param maxDepth     deepest section nesting accepted
 * @param maxFileBytes largest single file accepted
 * @param maxFiles     most files read in one parse, the main file and all includes together
 * @param maxIncludeDepth deepest include-within-include chain accepted
 */
public record ParserLimits(int maxDepth, long maxFileBytes, int maxFiles, int maxIncludeDepth) {

    /** Generous for any real swanctl.conf (whose natural depth is 5). */
    public static final ParserLimits DEFAULT = new ParserLimits(32, 4L * 1024 * 1024, 256, 16);

    public ParserLimits {
        if (maxDepth < 1 || maxFileBytes < 1 || maxFiles < 1 || maxIncludeDepth < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
