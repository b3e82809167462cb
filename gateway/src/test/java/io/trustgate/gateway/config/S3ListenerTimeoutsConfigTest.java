package io.trustgate.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code listeners[].s3.idleTimeout} and {@code requestTimeout}: defaults, values, zero and errors. */
class S3ListenerTimeoutsConfigTest {

    @TempDir
    Path dir;

    private TrustgateConfig load(String s3Keys) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                listeners:
                  - name: s3
                    protocol: s3
                    port: 9000
                    s3:
                      credentials:
                        - accessKey: a
                          secretKey: b
                """ + s3Keys + """
                backends:
                  - name: disk
                    type: filesystem
                routes:
                  - listener: s3
                    backend: disk
                """);
        return ConfigLoader.load(file, Map.of());
    }

    @Test
    void defaultsAreSixtySecondsIdleAndTwentySecondsForABody() throws Exception {
        S3ListenerOptions o = load("").listeners().get(0).s3();
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(ConfigLoader.defaults(Map.of()).listeners().stream().filter(l -> l.s3() != null).findFirst()
                .orElseThrow().s3().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void valuesAndZeroAreTaken() throws Exception {
        S3ListenerOptions o = load("""
                      idleTimeout: 2m
                      requestTimeout: 0
                """).listeners().get(0).s3();
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.requestTimeout()).isZero();
    }

    @Test
    void badValuesNameTheField() {
        assertThatThrownBy(() -> load("""
                      idleTimeout: soon
                      requestTimeout: 48h
                """)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("listeners[0].s3.idleTimeout")
                    .contains("expected a duration"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("listeners[0].s3.requestTimeout")
                    .contains("expected 0 (never) to 24h"));
        });
    }
}
