package io.trustgate.gateway.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The YAML file as Jackson binds it: one record per mapping, component names are the YAML keys exactly, and
 * every value is nullable so that defaults and "missing" checks live in one place ({@link ConfigValidator}).
 * Sizes and durations stay strings here because {@code 512mb} and {@code 2s} are parsed by {@link Units}.
 * Nothing outside this package sees these types.
 */
final class ConfigDocument {

    private ConfigDocument() {
    }

    record Root(Admin admin, Shutdown shutdown, EventLoop eventLoop, List<Listener> listeners,
                List<Backend> backends, List<Route> routes) {
    }

    record Admin(String host, Integer port) {
    }

    record Shutdown(String grace) {
    }

    record EventLoop(Integer threads) {
    }

    record Listener(String name, String protocol, String host, Integer port, RedisOptions redis, S3Options s3) {
    }

    record S3Options(List<String> virtualHostSuffixes, Tls tls, List<S3Credential> credentials,
                     List<String> publicRead, String maxHeaderSize, String idleTimeout, String requestTimeout) {
    }

    record Tls(String certificate, String privateKey) {
    }

    record S3Credential(String accessKey, String secretKey) {
    }

    record RedisOptions(String password, String maxBulkLength, Integer maxArrayLength, String maxInlineLength) {
    }

    /** Keyed by {@code type:}; the ids must stay the {@link BackendType#id()} spellings. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = RedisBackend.class, name = "redis"),
            @JsonSubTypes.Type(value = ClusterBackend.class, name = "redis-cluster"),
            @JsonSubTypes.Type(value = EmbeddedBackend.class, name = "embedded"),
            @JsonSubTypes.Type(value = PostgresBackend.class, name = "postgres"),
            @JsonSubTypes.Type(value = MariaDbBackend.class, name = "mariadb"),
            @JsonSubTypes.Type(value = FilesystemBackend.class, name = "filesystem"),
            @JsonSubTypes.Type(value = AzureBackend.class, name = "azure"),
            @JsonSubTypes.Type(value = S3Backend.class, name = "s3")})
    sealed interface Backend permits RedisBackend, ClusterBackend, EmbeddedBackend, PostgresBackend, MariaDbBackend,
            FilesystemBackend, AzureBackend, S3Backend {
        String name();
    }

    record RedisBackend(String name, String address, String username, String password, String connectTimeout,
                        String commandTimeout, Integer connections) implements Backend {
    }

    record ClusterBackend(String name, List<String> nodes, String username, String password,
                          String connectTimeout, String commandTimeout, Integer connections) implements Backend {
    }

    record EmbeddedBackend(String name, String dataDir, String fsync) implements Backend {
    }

    record FilesystemBackend(String name, String directory, String fsync) implements Backend {
    }

    record AzureBackend(String name, String connectionString, String accountName, String accountKey,
                        String endpoint) implements Backend {
    }

    record S3Backend(String name, String endpoint, String region, String accessKey, String secretKey,
                     Boolean pathStyle, String connectTimeout, String requestTimeout, Integer maxConnections,
                     BackendTls tls) implements Backend {
    }

    /** A backend's trust for its TLS upstream (not a listener's {@link Tls}: no certificate of its own). */
    record BackendTls(String caFile) {
    }

    record PostgresBackend(String name, String url, String username, String password, Integer poolSize,
                           String tablePrefix) implements Backend {
    }

    record MariaDbBackend(String name, String url, String username, String password, Integer poolSize,
                          String tablePrefix) implements Backend {
    }

    /** No {@code shadow} key yet: it joins {@link RouteTarget} and this record together. */
    record Route(String listener, String backend, Match match) {
    }

    record Match(String keyPrefix, Integer db, String bucket) {
    }

    /** Every key the schema knows anywhere, used to spell keys that environment overrides create. */
    static Set<String> allKeys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add("type");
        for (Class<?> c : ConfigDocument.class.getDeclaredClasses()) {
            if (c.isRecord()) {
                for (var component : c.getRecordComponents()) {
                    keys.add(component.getName());
                }
            }
        }
        return keys;
    }

    /** The keys whose values are lists ({@code listeners}, {@code nodes}...). */
    static Set<String> listKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Class<?> c : ConfigDocument.class.getDeclaredClasses()) {
            if (c.isRecord()) {
                for (var component : c.getRecordComponents()) {
                    if (List.class.isAssignableFrom(component.getType())) {
                        keys.add(component.getName());
                    }
                }
            }
        }
        return keys;
    }
}
