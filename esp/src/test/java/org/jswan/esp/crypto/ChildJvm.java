package org.jswan.esp.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's main in a fresh JVM with this test's class path, for tests of state a process keeps for its whole
 * life (which crypto libraries loaded, a library's error state). Killed after 60 s.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** The child's output (stdout and stderr together), after asserting that it exited 0. */
    static String run(final Class<?> main, final String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        File out = File.createTempFile("jswan-child", ".out");
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("the child JVM did not finish in 60 s: " + read(out));
            }
            String output = read(out);
            assertEquals(0, child.exitValue(), output);
            return output;
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    private static String read(final File f) throws IOException {
        return Files.readString(f.toPath(), StandardCharsets.UTF_8);
    }
}
