package io.trustgate.translators.redis.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded engine serves one gateway instance per data directory: a second process opening the same
 * directory is refused with a message that says so, in both directions, and the directory is free again once the
 * holder exits.
 */
class DataDirectoryLockIT {

    @TempDir
    Path dir;

    /** Run in a child JVM: opens the engine on {@code args[0]}, says "opened" or the error, holds until stdin ends. */
    public static void main(String[] args) throws Exception {
        try (InMemoryKeyspaceEngine engine = InMemoryKeyspaceEngine.open(Path.of(args[0]),
                FsyncPolicy.parse("always"))) {
            System.out.println("opened");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the directory until the parent closes our stdin
            }
        } catch (IOException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(3);
        }
    }

    private Process child() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DataDirectoryLockIT.class.getName(), dir.toString()).redirectErrorStream(true).start();
    }

    private static String firstLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("opened") || line.startsWith("refused")) {
                return line;
            }
        }
        return null;
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryIsRefused() throws Exception {
        try (InMemoryKeyspaceEngine held = InMemoryKeyspaceEngine.open(dir, FsyncPolicy.parse("always"))) {
            Process p = child();
            try {
                assertThat(firstLine(p)).startsWith("refused: data directory ")
                        .contains("is in use by another embedded backend")
                        .contains("one gateway instance per data directory");
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isEqualTo(3);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void thisProcessIsRefusedWhileAnotherHoldsTheDirectoryAndServedAfterwards() throws Exception {
        Process p = child();
        try {
            assertThat(firstLine(p)).isEqualTo("opened");
            assertThatThrownBy(() -> InMemoryKeyspaceEngine.open(dir, FsyncPolicy.parse("always")))
                    .isInstanceOf(IOException.class).hasMessageContaining("is in use by another embedded backend");
            p.getOutputStream().close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (InMemoryKeyspaceEngine mine = InMemoryKeyspaceEngine.open(dir, FsyncPolicy.parse("always"))) {
                assertThat(mine.databases()).isPositive();
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
