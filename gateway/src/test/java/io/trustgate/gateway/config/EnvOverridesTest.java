package io.trustgate.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvOverridesTest {

    @TempDir
    Path dir;

    private static final String FILE = """
            listeners:
              - name: redis-main
                protocol: redis
                port: 6380
            backends:
              - name: local
                type: redis
                address: 127.0.0.1:6379
              - name: cluster
                type: redis-cluster
                nodes: [127.0.0.1:7000]
            routes:
              - listener: redis-main
                backend: local
              - listener: redis-main
                backend: cluster
                match: {keyPrefix: "c:"}
            """;

    @Test
    void overridesValuesAddressingListItemsByName() throws IOException {
        TrustgateConfig config = load(Map.of(
                "TRUSTGATE__LISTENERS__REDIS_MAIN__PORT", "6390",
                "TRUSTGATE__BACKENDS__LOCAL__ADDRESS", "127.0.0.1:6400",
                "TRUSTGATE__ADMIN__PORT", "9191"));

        assertThat(config.listeners().get(0).port()).isEqualTo(6390);
        assertThat(((RedisBackendConfig) config.backend("local")).address()).isEqualTo(new HostPort("127.0.0.1", 6400));
        assertThat(config.admin().port()).isEqualTo(9191);
    }

    @Test
    void matchesSegmentsIgnoringCaseAndUnderscores() throws IOException {
        TrustgateConfig config = load(Map.of(
                "TRUSTGATE__LISTENERS__redis-main__REDIS__MAX_BULK_LENGTH", "2mb",
                "TRUSTGATE__LISTENERS__REDIS_MAIN__REDIS__PASSWORD", "s3cret",
                "TRUSTGATE__SHUTDOWN__GRACE", "3s"));

        assertThat(config.listeners().get(0).redis().maxBulkLength()).isEqualTo(2L * 1024 * 1024);
        assertThat(config.listeners().get(0).redis().password()).isEqualTo("s3cret");
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void splitsCommaSeparatedValuesForLists() throws IOException {
        TrustgateConfig config = load(Map.of("TRUSTGATE__BACKENDS__CLUSTER__NODES", "10.0.0.1:7000, 10.0.0.2:7001"));

        assertThat(((RedisClusterBackendConfig) config.backend("cluster")).nodes())
                .containsExactly(new HostPort("10.0.0.1", 7000), new HostPort("10.0.0.2", 7001));
    }

    @Test
    void addressesUnnamedListItemsByIndex() throws IOException {
        TrustgateConfig config = load(Map.of("TRUSTGATE__ROUTES__1__MATCH__KEY_PREFIX", "k:"));

        assertThat(config.routes().get(1).keyPrefix()).isEqualTo("k:");
    }

    @Test
    void ignoresVariablesWithoutTheDoubleUnderscorePrefix() throws IOException {
        TrustgateConfig config = load(Map.of("TRUSTGATE_CONFIG", "/elsewhere.yaml", "TRUSTGATE_ADMIN_PORT", "1"));

        assertThat(config.admin().port()).isEqualTo(9090);
    }

    @Test
    void applyToTheDefaults() {
        TrustgateConfig config = ConfigLoader.defaults(Map.of(
                "TRUSTGATE__LISTENERS__REDIS__HOST", "127.0.0.1",
                "TRUSTGATE__ADMIN__PORT", "9191"));

        assertThat(config.listeners().get(0).host()).isEqualTo("127.0.0.1");
        assertThat(config.admin().port()).isEqualTo(9191);
    }

    @Test
    void reportsAnUnknownListItemNamingTheVariable() {
        assertThatThrownBy(() -> load(Map.of("TRUSTGATE__LISTENERS__REDIS__PORT", "6390")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable TRUSTGATE__LISTENERS__REDIS__PORT: listeners: no item named "
                        + "'REDIS'; expected one of: redis-main");
    }

    @Test
    void reportsAnUnknownSettingNamingTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.defaults(Map.of("TRUSTGATE__ADMN__PORT", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable TRUSTGATE__ADMN__PORT: no setting 'admn' exists");
    }

    @Test
    void reportsAKeyThatDoesNotBelongWhereItIsSetNamingTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.defaults(Map.of("TRUSTGATE__BACKENDS__EMBEDDED__ADDRESS", "x:1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable TRUSTGATE__BACKENDS__EMBEDDED__ADDRESS: backends[0].address: "
                        + "unknown key; expected one of: name, dataDir, fsync");
    }

    @Test
    void reportsABadValueNamingTheVariableInsteadOfALine() {
        assertThatThrownBy(() -> load(Map.of("TRUSTGATE__LISTENERS__REDIS_MAIN__PORT", "high")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable TRUSTGATE__LISTENERS__REDIS_MAIN__PORT: listeners[0].port: "
                        + "expected a whole number, got 'high'");
        assertThatThrownBy(() -> load(Map.of("TRUSTGATE__LISTENERS__REDIS_MAIN__PORT", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable TRUSTGATE__LISTENERS__REDIS_MAIN__PORT: listeners[0].port: "
                        + "out of range: 70000; expected a port 1-65535");
    }

    @Test
    void refusesToReplaceAWholeSection() {
        assertThatThrownBy(() -> load(Map.of("TRUSTGATE__LISTENERS__REDIS_MAIN", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TRUSTGATE__LISTENERS__REDIS_MAIN: listeners[0]: names a whole list item");
    }

    @Test
    void reportsEveryBadVariableAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.defaults(Map.of("TRUSTGATE__A", "1", "TRUSTGATE__B", "2")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2));
    }

    private TrustgateConfig load(Map<String, String> env) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("config.yaml"), FILE), env);
    }
}
