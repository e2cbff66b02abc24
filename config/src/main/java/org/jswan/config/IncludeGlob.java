package org.jswan.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands an include pattern with shell wildcards (strongswan.conf(5) "INCLUDING FILES"): relative patterns are
 * resolved against the including file's directory; matches are returned sorted, as glob(3) does. A pattern without
 * wildcards must name an existing file; a pattern with wildcards may match nothing.
 */
final class IncludeGlob {

    private IncludeGlob() {
    }

    static List<Path> expand(Path dir, String pattern, SourcePosition from) throws ConfigException {
        try {
            return expandPattern(dir, pattern, from);
        } catch (RuntimeException e) {
            // InvalidPathException (NUL, bad characters) or PatternSyntaxException from the glob matcher.
            throw new ConfigException(from, "invalid include pattern '" + pattern + "'");
        }
    }

    private static List<Path> expandPattern(Path dir, String pattern, SourcePosition from) throws ConfigException {
        Path given = Path.of(pattern);
        Path full = (given.isAbsolute() ? given : dir.resolve(pattern)).normalize();
        if (!hasWildcard(full.toString())) {
            if (!Files.exists(full)) {
                throw new ConfigException(from, "include file '" + pattern + "' not found");
            }
            return List.of(full);
        }
        Path base = full.getRoot();
        int firstWild = -1;
        for (int i = 0; i < full.getNameCount(); i++) {
            if (hasWildcard(full.getName(i).toString())) {
                firstWild = i;
                break;
            }
            base = base.resolve(full.getName(i));
        }
        int remaining = full.getNameCount() - firstWild;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + full);
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(base, remaining)) {
            walk.filter(p -> p.getNameCount() == full.getNameCount() && matcher.matches(p)
                    && Files.isRegularFile(p)).sorted().forEach(out::add);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(from, "cannot expand include '" + pattern + "': " + e.getClass().getSimpleName());
        }
        return out;
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }
}
