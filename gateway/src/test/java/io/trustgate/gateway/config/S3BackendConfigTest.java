package io.trustgate.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3BackendConfigTest {

    private static final String HEAD = """
            listeners:
              - name: s3
                protocol: s3
                port: 9000
                s3:
                  credentials:
                    - accessKey: a
                      secretKey: b
            routes:
              - listener: s3
                backend: up
            backends:
              - name: up
                type: s3
            """;

    @TempDir
    Path dir;

    private TrustgateConfig load(String backendKeys) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, HEAD + backendKeys);
        return ConfigLoader.load(file, Map.of());
    }

    @Test
    void defaultsFillEverythingButEndpointAndKeys() throws Exception {
        TrustgateConfig c = load("""
                    endpoint: http://127.0.0.1:9100/
                    accessKey: up-key
                    secretKey: up-secret
                """);
        assertThat(c.backend("up")).isInstanceOfSatisfying(S3BackendConfig.class, b -> {
            assertThat(b.endpoint()).hasToString("http://127.0.0.1:9100");
            assertThat(b.region()).isEqualTo("us-east-1");
            assertThat(b.pathStyle()).isTrue();
            assertThat(b.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(b.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(b.toString()).doesNotContain("up-secret");
        });
    }

    @Test
    void rejectsEndpointWithPathMissingKeysAndBadLimitsWithFieldNames() {
        assertThatThrownBy(() -> load("""
                    endpoint: ftp://host/bucket
                    region: Not A Region
                    maxConnections: 0
                    requestTimeout: 0s
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends[0].endpoint")
                .hasMessageContaining("backends[0].accessKey")
                .hasMessageContaining("backends[0].secretKey")
                .hasMessageContaining("backends[0].region")
                .hasMessageContaining("backends[0].maxConnections")
                .hasMessageContaining("backends[0].requestTimeout");
    }

    @Test
    void unknownKeyOnAnS3BackendIsAnError() {
        assertThatThrownBy(() -> load("""
                    endpoint: http://127.0.0.1:9100
                    accessKey: k
                    secretKey: s
                    directory: /tmp
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("directory");
    }
}
