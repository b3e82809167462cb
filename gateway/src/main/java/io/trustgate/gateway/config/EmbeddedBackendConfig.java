package io.trustgate.gateway.config;

import java.util.Objects;

/** The in-process store that makes every default work out of the box. It has no options today. */
public record EmbeddedBackendConfig(String name) implements BackendConfig {

    public EmbeddedBackendConfig {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public BackendType type() {
        return BackendType.EMBEDDED;
    }
}
