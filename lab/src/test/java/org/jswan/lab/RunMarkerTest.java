package org.jswan.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The sweeper's view of a run directory: its owner alive, freshly created, or abandoned. */
class RunMarkerTest {

    @Test
    void aFreshDirectoryWithoutMarkerIsSparedAnOldOneIsNot() throws Exception {
        String id = "t" + Long.toString(System.nanoTime(), 36);
        Path dir = RunMarker.runDir(id);
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            Assumptions.abort("cannot write " + dir.getParent() + " (needs root): " + e.getMessage());
        }
        try {
            assertTrue(RunMarker.ownerAlive(id), "being set up by another JVM: not swept");
            Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minusSeconds(600)));
            assertFalse(RunMarker.ownerAlive(id), "abandoned before its marker was written: swept");
            RunMarker.create(id);
            assertTrue(RunMarker.ownerAlive(id), "this JVM owns it");
        } finally {
            RunMarker.delete(id);
        }
    }
}
