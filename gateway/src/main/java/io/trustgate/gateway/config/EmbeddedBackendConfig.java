package io.trustgate.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The in-process store that makes every default work out of the box.
 *
 * @param dataDir where the log and snapshots live, or null for a purely in-memory backend ({@code dataDir: none})
 * @param fsync   {@code always}, {@code everysec} or {@code no} (see docs/embedded-engine.md)
 */
public record EmbeddedBackendConfig(String name, Path dataDir, String fsync) implements BackendConfig {

    /**
     * The default {@code fsync}, as Redis's own {@code appendfsync} default: every acknowledged write survives
     * {@code kill -9} (it reached the operating system before the reply); power loss can take the last 1-2 s.
     * {@code always} makes every acknowledged write survive power loss too, at the cost of an fsync wait per reply.
     */
    public static final String DEFAULT_FSYNC = "everysec";

    public EmbeddedBackendConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fsync, "fsync");
    }

    /** The defaults: durable in {@code data/<name>} under the working directory, {@code fsync: everysec}. */
    public EmbeddedBackendConfig(String name) {
        this(name, defaultDataDir(name), DEFAULT_FSYNC);
    }

    public static Path defaultDataDir(String name) {
        return Path.of("data", name);
    }

    @Override
    public BackendType type() {
        return BackendType.EMBEDDED;
    }
}
