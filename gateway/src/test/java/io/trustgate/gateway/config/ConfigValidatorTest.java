package io.trustgate.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class ConfigValidatorTest {

    @TempDir
    Path dir;

    private static final String LISTENER = """
            listeners:
              - name: redis
                protocol: redis
                port: 6380
            """;
    private static final String BACKEND = """
            backends:
              - name: local
                type: redis
                address: 127.0.0.1:6379
            """;
    private static final String ROUTE = """
            routes:
              - listener: redis
                backend: local
            """;

    @Test
    void rejectsDuplicateListenerNamesPointingAtTheFirst() throws IOException {
        ConfigException e = load("""
                listeners:
                  - name: redis
                    protocol: redis
                    port: 6380
                  - name: redis
                    protocol: redis
                    port: 6381
                """ + BACKEND + ROUTE);
        assertThat(e.problems()).containsExactly(at(5) + "listeners[1].name: duplicate name 'redis'; "
                + "expected names unique among listeners (first used by listeners[0] at " + file() + ":2)");
    }

    @Test
    void rejectsDuplicateBackendNames() throws IOException {
        ConfigException e = load(LISTENER + """
                backends:
                  - {name: local, type: embedded}
                  - {name: local, type: embedded}
                """ + ROUTE);
        assertThat(e.getMessage()).contains(at(7) + "backends[1].name: duplicate name 'local'");
    }

    @Test
    void rejectsPortsOutOfRange() throws IOException {
        ConfigException e = load("""
                admin:
                  port: 0
                listeners:
                  - name: redis
                    protocol: redis
                    port: 65536
                """ + BACKEND + ROUTE);
        assertThat(e.problems()).containsExactly(
                at(2) + "admin.port: out of range: 0; expected a port 1-65535",
                at(6) + "listeners[0].port: out of range: 65536; expected a port 1-65535");
    }

    @Test
    void requiresListenerPortAndProtocol() throws IOException {
        ConfigException e = load("""
                listeners:
                  - name: redis
                  - name: other
                    protocol: memcached
                    port: 11211
                """ + BACKEND + ROUTE);
        assertThat(e.problems()).contains(
                at(2) + "listeners[0].protocol: missing; expected one of: redis, s3",
                at(2) + "listeners[0].port: missing; expected a port 1-65535",
                at(4) + "listeners[1].protocol: unknown value 'memcached'; expected one of: redis, s3");
    }

    @Test
    void rejectsNamesThatCannotBeAddressed() throws IOException {
        ConfigException e = load("""
                listeners:
                  - name: "redis main"
                    protocol: redis
                    port: 6380
                """ + BACKEND + ROUTE);
        assertThat(e.getMessage()).contains(at(2) + "listeners[0].name: invalid name 'redis main'; expected letters");
    }

    @Test
    void rejectsRoutesToUnknownListenerOrBackend() throws IOException {
        ConfigException e = load(LISTENER + BACKEND + """
                routes:
                  - listener: redis
                    backend: local
                  - listener: redsi
                    backend: locl
                """);
        assertThat(e.problems()).containsExactly(
                at(12) + "routes[1].listener: unknown listener 'redsi'; expected one of: redis",
                at(13) + "routes[1].backend: unknown backend 'locl'; expected one of: local");
    }

    @Test
    void requiresADefaultRoutePerRedisListener() throws IOException {
        ConfigException e = load(LISTENER + BACKEND + """
                routes:
                  - listener: redis
                    backend: local
                    match: {keyPrefix: "a:"}
                """);
        assertThat(e.problems()).containsExactly(at(2) + "listeners[0]: no default route for listener 'redis'; "
                + "expected one route without match to take keyless commands and unmatched keys");
    }

    @Test
    void requiresAtLeastOneRoutePerListener() throws IOException {
        ConfigException e = load("""
                listeners:
                  - {name: redis, protocol: redis, port: 6380}
                  - {name: idle, protocol: redis, port: 6381}
                """ + BACKEND + ROUTE);
        assertThat(e.problems()).containsExactly(at(3) + "listeners[1]: no route for listener 'idle'; "
                + "expected a route with listener: idle");
    }

    @Test
    void rejectsTwoRoutesWithTheSameMatch() throws IOException {
        ConfigException e = load(LISTENER + BACKEND + """
                routes:
                  - listener: redis
                    backend: local
                  - listener: redis
                    backend: local
                    match: {keyPrefix: "a:", db: 1}
                  - listener: redis
                    backend: local
                    match: {db: 1, keyPrefix: "a:"}
                  - listener: redis
                    backend: local
                """);
        assertThat(e.problems()).containsExactly(
                at(17) + "routes[2].match: same match as another route for listener 'redis'; "
                        + "expected each match once per listener (first in routes[1] at " + file() + ":12)",
                at(18) + "routes[3]: second default route (no match) for listener 'redis'; "
                        + "expected each match once per listener (first in routes[0] at " + file() + ":10)");
    }

    @Test
    void checksMatchKeyPrefixAndDbRange() throws IOException {
        ConfigException e = load(LISTENER + BACKEND + ROUTE + """
                  - listener: redis
                    backend: local
                    match:
                      keyPrefix: ""
                      db: 16
                  - listener: redis
                    backend: local
                    match: {}
                """);
        assertThat(e.problems()).containsExactly(
                at(15) + "routes[1].match.keyPrefix: empty; expected a non-empty prefix such as \"user:\"",
                at(16) + "routes[1].match.db: out of range: 16; expected 0..15",
                at(19) + "routes[2].match: empty; expected keyPrefix and/or db (omit match for the default route)");
    }

    @Test
    void acceptsDbBoundaries() throws IOException {
        TrustgateConfig config = ConfigLoader.load(write(LISTENER + BACKEND + ROUTE + """
                  - {listener: redis, backend: local, match: {db: 0}}
                  - {listener: redis, backend: local, match: {db: 15}}
                """), Map.of());
        assertThat(config.routes()).extracting(RouteConfig::db).containsExactly(null, 0, 15);
    }

    @Test
    void checksBackendValues() throws IOException {
        ConfigException e = load(LISTENER + """
                backends:
                  - name: local
                    type: redis
                    address: localhost
                    connectTimeout: 0
                    commandTimeout: soon
                    connections: 0
                  - name: c
                    type: redis-cluster
                    nodes: []
                  - name: d
                    type: redis
                """ + ROUTE);
        assertThat(e.problems()).containsExactly(
                at(8) + "backends[0].address: expected host:port (or [ipv6]:port) with a port 1-65535, "
                        + "got 'localhost'",
                at(9) + "backends[0].connectTimeout: zero; expected a positive duration such as 2s",
                at(10) + "backends[0].commandTimeout: expected a duration like 500ms, 2s, 1m or plain "
                        + "milliseconds, got 'soon'",
                at(11) + "backends[0].connections: out of range: 0; expected 1..256",
                at(14) + "backends[1].nodes: empty; expected a list of seed nodes as host:port",
                at(15) + "backends[2].address: missing; expected host:port (or [ipv6]:port) with a port 1-65535, "
                        + "e.g. 127.0.0.1:6379");
    }

    @Test
    void checksListenerSizeLimits() throws IOException {
        ConfigException e = load("""
                listeners:
                  - name: redis
                    protocol: redis
                    port: 6380
                    redis:
                      maxBulkLength: huge
                      maxArrayLength: 0
                      maxInlineLength: 4gb
                """ + BACKEND + ROUTE);
        assertThat(e.problems()).containsExactly(
                at(6) + "listeners[0].redis.maxBulkLength: expected a size like 512mb, 64kb, 1gb or a plain byte "
                        + "count, got 'huge'",
                at(7) + "listeners[0].redis.maxArrayLength: out of range: 0; expected a count of at least 1",
                at(8) + "listeners[0].redis.maxInlineLength: out of range: 4gb; expected at least 1 byte and at "
                        + "most 2147483647");
    }

    @Test
    void rejectsPortClashesBetweenListenersAndAdmin() throws IOException {
        ConfigException e = load("""
                admin:
                  port: 6380
                listeners:
                  - {name: redis, protocol: redis, port: 6380}
                  - {name: other, protocol: redis, host: 127.0.0.1, port: 6381}
                  - {name: third, protocol: redis, host: 127.0.0.2, port: 6381}
                """ + BACKEND + """
                routes:
                  - {listener: redis, backend: local}
                  - {listener: other, backend: local}
                  - {listener: third, backend: local}
                """);
        assertThat(e.problems()).containsExactly(
                at(4) + "listeners[0].port: port 6380 is already used by admin; expected a free port");
    }

    @Test
    void requiresTheTopLevelLists() throws IOException {
        ConfigException e = load("admin: {port: 9090}\n");
        assertThat(e.problems()).containsExactly(
                at(1) + "listeners: missing; expected a list of listeners with name, protocol and port",
                at(1) + "backends: missing; expected a list of backends with name and type",
                at(1) + "routes: missing; expected a list of routes with listener and backend");
    }

    private ConfigException load(String yaml) throws IOException {
        Path file = write(yaml);
        try {
            TrustgateConfig config = ConfigLoader.load(file, Map.of());
            return fail("expected a ConfigException, got " + config);
        } catch (ConfigException e) {
            return e;
        }
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    private String file() {
        return dir.resolve("config.yaml").toString();
    }

    private String at(int line) {
        return file() + ":" + line + ": ";
    }
}
