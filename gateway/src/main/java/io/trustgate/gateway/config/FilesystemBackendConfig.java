package io.trustgate.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * S3 objects kept as files under a directory (the embedded S3 default).
 *
 * @param directory where buckets live (created if missing)
 * @param fsync     {@code always} (every acknowledged write is on disk) or {@code no}
 */
public record FilesystemBackendConfig(String name, Path directory, String fsync) implements BackendConfig {

    public static final String DEFAULT_FSYNC = "always";

    public FilesystemBackendConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fsync, "fsync");
    }

    /** {@code ./data/s3}. */
    public static Path defaultDirectory() {
        return Path.of("data", "s3");
    }

    @Override
    public BackendType type() {
        return BackendType.FILESYSTEM;
    }
}
