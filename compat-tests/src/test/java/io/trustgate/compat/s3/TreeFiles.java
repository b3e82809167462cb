package io.trustgate.compat.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A small directory tree for the CLI sync tests, and a way to compare two trees. */
final class TreeFiles {

    private TreeFiles() {
    }

    /** Writes nested files under {@code root}, one of them {@code bigBytes} long (to cross multipart thresholds). */
    static Path write(Path root, int bigBytes) throws IOException {
        Files.createDirectories(root.resolve("docs/deep/er"));
        Files.createDirectories(root.resolve("img"));
        Files.writeString(root.resolve("README.txt"), "top level\n");
        Files.writeString(root.resolve("docs/a.txt"), "alpha\n");
        Files.writeString(root.resolve("docs/deep/er/b.txt"), "beta\n");
        Files.write(root.resolve("img/pixels.bin"), Payloads.random(70_000, 41));
        Files.write(root.resolve("img/big.bin"), Payloads.random(bigBytes, 42));
        return root;
    }

    /** Relative path -> content, for every regular file under {@code root}. */
    static Map<String, String> contents(Path root) {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    all.put(root.relativize(f).toString(), java.util.HexFormat.of()
                            .formatHex(Payloads.digest("SHA-256", Files.readAllBytes(f))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }
}
