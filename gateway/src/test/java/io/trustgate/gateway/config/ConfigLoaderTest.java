package io.trustgate.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            admin:
              host: 127.0.0.2
              port: 9191
            shutdown:
              grace: 1500ms
            eventLoop:
              threads: 3
            listeners:
              - name: redis
                protocol: redis
                host: 127.0.0.1
                port: 6390
                redis:
                  password: secret
                  maxBulkLength: 1mb
                  maxArrayLength: 1000
                  maxInlineLength: 4kb
            backends:
              - name: local
                type: redis
                address: 127.0.0.1:6379
                username: app
                password: pw
                connectTimeout: 1s
                commandTimeout: 0
                connections: 4
              - name: cluster
                type: redis-cluster
                nodes: [127.0.0.1:7000, "[::1]:7001"]
              - name: mem
                type: embedded
            routes:
              - listener: redis
                backend: local
              - listener: redis
                backend: cluster
                match:
                  keyPrefix: "user:"
              - listener: redis
                backend: mem
                match:
                  db: 3
            """;

    @Test
    void bindsEveryKeyOfTheSchema() throws IOException {
        TrustgateConfig config = ConfigLoader.load(write(VALID), Map.of());

        assertThat(config.source()).contains(dir.resolve("config.yaml"));
        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.2", 9191));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.eventLoopThreads()).isEqualTo(3);
        ListenerConfig listener = config.listeners().get(0);
        assertThat(listener.name()).isEqualTo("redis");
        assertThat(listener.protocol()).isEqualTo(Protocol.REDIS);
        assertThat(listener.host()).isEqualTo("127.0.0.1");
        assertThat(listener.port()).isEqualTo(6390);
        assertThat(listener.redis()).isEqualTo(new RedisListenerOptions("secret", 1024 * 1024, 1000, 4096));

        RedisBackendConfig local = (RedisBackendConfig) config.backend("local");
        assertThat(local.address()).isEqualTo(new HostPort("127.0.0.1", 6379));
        assertThat(local.username()).isEqualTo("app");
        assertThat(local.password()).isEqualTo("pw");
        assertThat(local.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(local.commandTimeout()).isEqualTo(Duration.ZERO);
        assertThat(local.connections()).isEqualTo(4);
        RedisClusterBackendConfig cluster = (RedisClusterBackendConfig) config.backend("cluster");
        assertThat(cluster.type()).isEqualTo(BackendType.REDIS_CLUSTER);
        assertThat(cluster.nodes()).containsExactly(new HostPort("127.0.0.1", 7000), new HostPort("::1", 7001));
        assertThat(config.backend("mem")).isEqualTo(new EmbeddedBackendConfig("mem"));
        // an embedded backend without an fsync key: Redis's appendfsync default (kill -9 safe, docs/embedded-engine.md)
        assertThat(((EmbeddedBackendConfig) config.backend("mem")).fsync()).isEqualTo("everysec");

        List<RouteConfig> routes = config.routesFor("redis");
        assertThat(routes).extracting(RouteConfig::backend).containsExactly("local", "cluster", "mem");
        assertThat(routes.get(0).isDefault()).isTrue();
        assertThat(routes.get(1).keyPrefix()).isEqualTo("user:");
        assertThat(routes.get(1).db()).isNull();
        assertThat(routes.get(2).db()).isEqualTo(3);
    }

    @Test
    void fillsDefaultsForOmittedOptionalKeys() throws IOException {
        TrustgateConfig config = ConfigLoader.load(write("""
                listeners:
                  - {name: redis, protocol: redis, port: 6380}
                backends:
                  - {name: local, type: redis, address: "localhost:6379"}
                routes:
                  - {listener: redis, backend: local}
                """), Map.of());

        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 9090));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.eventLoopThreads()).isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
        assertThat(config.listeners().get(0).host()).isEqualTo("0.0.0.0");
        assertThat(config.listeners().get(0).redis()).isEqualTo(RedisListenerOptions.DEFAULTS);
        assertThat(RedisListenerOptions.DEFAULTS.maxBulkLength()).isEqualTo(512L * 1024 * 1024);
        RedisBackendConfig local = (RedisBackendConfig) config.backend("local");
        assertThat(local.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(local.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(local.connections()).isEqualTo(2);
        assertThat(local.username()).isNull();
        assertThat(local.password()).isNull();
    }

    @Test
    void defaultsRunRedisOnTheEmbeddedBackendAndS3OnTheFilesystem() {
        TrustgateConfig config = ConfigLoader.defaults(Map.of());

        assertThat(config.source()).isEmpty();
        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 9090));
        assertThat(config.listeners()).hasSize(2);
        assertThat(config.listeners().get(0)).satisfies(l -> {
            assertThat(l.name()).isEqualTo("redis");
            assertThat(l.host()).isEqualTo("0.0.0.0");
            assertThat(l.port()).isEqualTo(6380);
        });
        assertThat(config.listeners().get(1)).satisfies(l -> {
            assertThat(l.protocol()).isEqualTo(Protocol.S3);
            assertThat(l.port()).isEqualTo(9000);
            assertThat(l.s3().credentials()).containsExactly(Map.entry("trustgate", "trustgate-secret"));
            assertThat(l.s3().defaultCredentials()).isTrue();
        });
        assertThat(config.backends()).containsExactly(new EmbeddedBackendConfig("embedded"),
                new FilesystemBackendConfig("s3-files", java.nio.file.Path.of("./data/s3"), "always"));
        assertThat(config.routesFor("redis")).singleElement()
                .satisfies(r -> assertThat(r.backend()).isEqualTo("embedded"))
                .satisfies(r -> assertThat(r.isDefault()).isTrue());
        assertThat(config.routesFor("s3")).singleElement()
                .satisfies(r -> assertThat(r.backend()).isEqualTo("s3-files"));
    }

    @Test
    void defaultS3CredentialsComeFromTheEnvironmentWhenSet() {
        TrustgateConfig config = ConfigLoader.defaults(Map.of("TRUSTGATE_S3_ACCESS_KEY", "ak",
                "TRUSTGATE_S3_SECRET_KEY", "sk"));

        S3ListenerOptions s3 = config.listeners().get(1).s3();
        assertThat(s3.credentials()).containsExactly(Map.entry("ak", "sk"));
        assertThat(s3.defaultCredentials()).isFalse();
    }

    @Test
    void s3ConfigErrorsNameFileLineAndField() throws IOException {
        Path file = dir.resolve("s3.yaml");
        Files.writeString(file, """
                listeners:
                  - name: s3
                    protocol: s3
                    port: 9000
                    s3:
                      credentials:
                        - accessKey: a
                      publicRead: ["UPPER"]
                backends:
                  - name: disk
                    type: filesystem
                    directory: ""
                routes:
                  - listener: s3
                    backend: disk
                    match:
                      keyPrefix: "x:"
                """);
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.load(file, Map.of()));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("s3.yaml:7").contains(
                "listeners[0].s3.credentials[0].secretKey: missing"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("listeners[0].s3.publicRead[0]"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("backends[0].directory: empty"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("routes[0].match")
                .contains("expected bucket"));
    }

    @Test
    void reportsUnknownKeyWithFileLineFieldAndAllowedKeys() throws IOException {
        assertProblem("""
                listeners:
                  - name: redis
                    protocol: redis
                    port: 6380
                  - name: second
                    prot: redis
                """, "config.yaml:6: listeners[1].prot: unknown key; "
                + "expected one of: name, protocol, host, port, redis");
    }

    @Test
    void reportsEventLoopThreadsOutOfRange() throws IOException {
        String rest = """
                listeners:
                  - {name: redis, protocol: redis, port: 6380}
                backends:
                  - {name: local, type: redis, address: "localhost:6379"}
                routes:
                  - {listener: redis, backend: local}
                """;
        assertProblem("eventLoop:\n  threads: 0\n" + rest,
                "config.yaml:2: eventLoop.threads: must be between 1 and 256, got 0");
        assertProblem("eventLoop:\n  threads: 257\n" + rest,
                "config.yaml:2: eventLoop.threads: must be between 1 and 256, got 257");
        assertProblem("eventLoop:\n  thread: 2\n" + rest,
                "config.yaml:2: eventLoop.thread: unknown key; expected one of: threads");
    }

    @Test
    void reportsUnknownTopLevelKey() throws IOException {
        assertProblem("listners: []\n",
                "config.yaml:1: listners: unknown key; expected one of: admin, shutdown, eventLoop, listeners, backends, routes");
    }

    @Test
    void reportsUnknownBackendTypeWithAllowedTypes() throws IOException {
        assertProblem("""
                backends:
                  - name: a
                    type: embedded
                  - name: b
                    type: redis-clustr
                """, "config.yaml:5: backends[1].type: unknown value 'redis-clustr'; "
                + "expected one of: redis, redis-cluster, embedded");
    }

    @Test
    void reportsMissingBackendType() throws IOException {
        assertProblem("""
                backends:
                  - name: a
                    address: 127.0.0.1:6379
                """, "config.yaml:2: backends[0].type: missing; expected one of: redis, redis-cluster, embedded");
    }

    @Test
    void rejectsKeyOfAnotherBackendTypeAsUnknown() throws IOException {
        assertProblem("""
                backends:
                  - name: mem
                    type: embedded
                    address: 127.0.0.1:6379
                """, "config.yaml:4: backends[0].address: unknown key; expected one of: name");
    }

    @Test
    void reportsWrongScalarFormatWithTheValue() throws IOException {
        assertProblem("""
                admin:
                  port: ninety
                """, "config.yaml:2: admin.port: expected a whole number, got 'ninety'");
    }

    @Test
    void rejectsFractionalNumbersForWholeNumberFields() throws IOException {
        assertProblem("""
                admin:
                  port: 90.5
                """, "config.yaml:2: admin.port: expected a whole number, got '90.5'");
    }

    @Test
    void reportsMismatchedShapeWithWhatWasFound() throws IOException {
        assertProblem("""
                admin:
                  host: 127.0.0.1
                  port:
                    - 1
                """, "config.yaml:3: admin.port: expected a whole number, got a list");
        assertProblem("""
                listeners: redis
                """, "config.yaml:1: listeners: expected a list, got 'redis'");
    }

    @Test
    void reportsYamlSyntaxErrorWithLine() throws IOException {
        assertProblem("""
                admin:
                  port: 9090
                 host: [
                """, "config.yaml:3: not valid YAML:");
    }

    @Test
    void rejectsDuplicateKeysNamingBothLines() throws IOException {
        assertProblem("""
                admin:
                  port: 9090
                  host: 127.0.0.1
                  port: 9091
                """, "config.yaml:4: admin.port: duplicate key; expected each key once per mapping (first at line 2)");
    }

    @Test
    void rejectsASecondYamlDocument() throws IOException {
        assertProblem("""
                admin: {}
                ---
                admin: {}
                """, "config.yaml:3: a second YAML document; expected exactly one");
    }

    @Test
    void rejectsEmptyAndNonMappingFiles() throws IOException {
        assertProblem("", "config.yaml: empty; expected a mapping");
        assertProblem("- a\n- b\n", "config.yaml:1: expected a mapping with listeners, backends and routes");
    }

    @Test
    void keepsScalarsAsWrittenInsteadOfAsYamlNumbers() throws IOException {
        TrustgateConfig config = ConfigLoader.load(write("""
                listeners:
                  - name: redis
                    protocol: redis
                    port: "6380"
                    redis:
                      password: 00123
                backends:
                  - {name: mem, type: embedded}
                routes:
                  - {listener: redis, backend: mem}
                """), Map.of());

        assertThat(config.listeners().get(0).redis().password()).isEqualTo("00123");
        assertThat(config.listeners().get(0).port()).isEqualTo(6380);
    }

    @Test
    void reportsNumbersInScientificNotationAsWritten() throws IOException {
        assertProblem("""
                listeners:
                  - name: redis
                    redis:
                      maxBulkLength: 1e3
                """, "config.yaml:4: listeners[0].redis.maxBulkLength: expected a size like 512mb, 64kb, 1gb or a "
                + "plain byte count, got '1e3'");
    }

    @Test
    void reportsMissingFileByName() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": cannot read: no such file");
    }

    @Test
    void hidesPasswordsFromToString() throws IOException {
        TrustgateConfig config = ConfigLoader.load(write(VALID), Map.of());
        assertThat(config.toString()).doesNotContain("secret").doesNotContain("pw,").contains("***");
    }

    private void assertProblem(String yaml, String expected) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString().replace("config.yaml", "") + expected);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }
}
