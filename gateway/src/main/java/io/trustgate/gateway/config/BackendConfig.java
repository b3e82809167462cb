package io.trustgate.gateway.config;

/**
 * A named backend that routes send traffic to. The YAML {@code type:} key picks the implementation; each type
 * accepts only its own keys, so {@code address:} on an embedded backend is an "unknown key" error.
 */
public sealed interface BackendConfig permits RedisBackendConfig, RedisClusterBackendConfig, EmbeddedBackendConfig,
        SqlBackendConfig, FilesystemBackendConfig, AzureBackendConfig, S3BackendConfig {

    /** The name routes refer to; unique among backends. */
    String name();

    BackendType type();
}
