package io.trustgate.compat.s3;

import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Finds the client programs the script- and CLI-driven suites run, by absolute Debian path where PATH may hold
 * another copy (a pyenv {@code aws} v1 shadows Debian's awscli v2, for one). A missing tool fails the test with
 * how to install it; nothing is skipped.
 */
final class Tools {

    static final String PYTHON = "/usr/bin/python3";
    static final String AWS = "/usr/bin/aws";
    static final String S3CMD = "/usr/bin/s3cmd";
    static final String RCLONE = "/usr/bin/rclone";

    private Tools() {
    }

    /** Fails unless {@code path} is an executable; {@code install} says how to get it. */
    static String require(String path, String install) {
        if (!Files.isExecutable(Path.of(path))) {
            Assertions.fail(path + " is missing (" + install + "; .ci/run installs it)");
        }
        return path;
    }

    /** Fails unless {@code /usr/bin/python3 -c 'import module'} works. */
    static void requirePythonModule(String module, String install) throws IOException {
        require(PYTHON, "apt-get install -y python3");
        Cli.Result probe = Cli.run(List.of(PYTHON, "-c", "import " + module), Map.of(), null, Duration.ofSeconds(60));
        if (probe.exitCode() != 0) {
            Assertions.fail(module + " is not importable by " + PYTHON + " (" + install + "): " + probe.output());
        }
    }

    /** node on PATH, or a failure. */
    static String node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "node"))) {
                return Path.of(dir, "node").toString();
            }
        }
        return Assertions.fail("node is not on PATH (apt-get install -y nodejs npm)");
    }
}
