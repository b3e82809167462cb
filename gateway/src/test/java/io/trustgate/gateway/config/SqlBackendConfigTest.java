package io.trustgate.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlBackendConfigTest {

    @TempDir
    Path dir;

    private TrustgateConfig load(String backend) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                listeners:
                  - {name: redis, protocol: redis, port: 6380}
                backends:
                """ + backend + """
                routes:
                  - {listener: redis, backend: sql}
                """);
        return ConfigLoader.load(file, Map.of());
    }

    @Test
    void readsAPostgresBackendWithDefaults() throws IOException {
        TrustgateConfig c = load("  - {name: sql, type: postgres, url: 'jdbc:postgresql://h:5432/test',"
                + " username: u}\n");
        SqlBackendConfig sql = (SqlBackendConfig) c.backends().get(0);
        assertThat(sql.type()).isEqualTo(BackendType.POSTGRES);
        assertThat(sql.url()).isEqualTo("jdbc:postgresql://h:5432/test");
        assertThat(sql.password()).isEmpty();
        assertThat(sql.poolSize()).isEqualTo(SqlBackendConfig.DEFAULT_POOL_SIZE);
        assertThat(sql.tablePrefix()).isEqualTo("redis_");
    }

    @Test
    void readsAMariaDbBackend() throws IOException {
        TrustgateConfig c = load("  - {name: sql, type: mariadb, url: 'jdbc:mariadb://h/test', username: root,"
                + " password: pw, poolSize: 3, tablePrefix: cache_}\n");
        SqlBackendConfig sql = (SqlBackendConfig) c.backends().get(0);
        assertThat(sql.type()).isEqualTo(BackendType.MARIADB);
        assertThat(sql.poolSize()).isEqualTo(3);
        assertThat(sql.tablePrefix()).isEqualTo("cache_");
        assertThat(sql.password()).isEqualTo("pw");
    }

    @Test
    void rejectsAWrongUrlSchemeABadPrefixAndAMissingUser() {
        assertThatThrownBy(() -> load("  - {name: sql, type: mariadb, url: 'jdbc:postgresql://h/test',"
                + " poolSize: 0, tablePrefix: 'Bad-Prefix'}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends[0].url: 'jdbc:postgresql://h/test'; expected a JDBC URL starting"
                        + " with jdbc:mariadb:")
                .hasMessageContaining("backends[0].username: missing")
                .hasMessageContaining("backends[0].poolSize: out of range: 0")
                .hasMessageContaining("backends[0].tablePrefix: 'Bad-Prefix'");
    }

    @Test
    void rejectsKeysOfOtherBackendTypes() {
        assertThatThrownBy(() -> load("  - {name: sql, type: postgres, url: 'jdbc:postgresql://h/t', username: u,"
                + " address: '127.0.0.1:6379'}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("address");
    }
}
