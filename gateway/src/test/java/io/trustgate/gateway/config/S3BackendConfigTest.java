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

    private static final String HTTPS = "https://127.0.0.1:9101";

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

    @Test
    void tlsCaFileIsReadIntoTheBackendsTrust() throws Exception {
        Path ca = certificate("ca");
        Path other = certificate("other");
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, "# a bundle with text between blocks\n" + Files.readString(ca) + "\nsecond:\n"
                + Files.readString(other));
        assertThat(loadWithCa(bundle.toString()).backend("up")).isInstanceOfSatisfying(S3BackendConfig.class, b -> {
            assertThat(b.tls().caFile()).isEqualTo(bundle);
            assertThat(b.tls().certificates()).extracting(x -> x.getSubjectX500Principal().getName())
                    .containsExactly("CN=ca", "CN=other");
        });
    }

    @Test
    void withoutTlsTheBackendKeepsTheJvmsDefaultTrust() throws Exception {
        TrustgateConfig c = load("""
                    endpoint: https://127.0.0.1:9101
                    accessKey: k
                    secretKey: s
                """);
        assertThat(c.backend("up")).isInstanceOfSatisfying(S3BackendConfig.class, b -> assertThat(b.tls()).isNull());
    }

    @Test
    void missingCaFileIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> loadWithCa(dir.resolve("nope.pem").toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends[0].tls.caFile").hasMessageContaining("nope.pem");
    }

    @Test
    void aFileWithoutPemCertificatesIsAnError() throws Exception {
        Path text = dir.resolve("text.pem");
        Files.writeString(text, "not a certificate\n");
        assertThatThrownBy(() -> loadWithCa(text.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends[0].tls.caFile").hasMessageContaining("no PEM certificate");
        Path empty = Files.createFile(dir.resolve("empty.pem"));
        assertThatThrownBy(() -> loadWithCa(empty.toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no PEM certificate");
    }

    @Test
    void aPrivateKeyOrADamagedBlockIsAnError() throws Exception {
        Path ca = certificate("ca");
        Path key = dir.resolve("ca.key");
        assertThatThrownBy(() -> loadWithCa(key.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends[0].tls.caFile").hasMessageContaining("PRIVATE KEY");
        Path damaged = dir.resolve("damaged.pem");
        String pem = Files.readString(ca);
        int mid = pem.indexOf('\n', pem.length() / 2);
        Files.writeString(damaged, pem.substring(0, mid) + "\nAAAA" + pem.substring(mid));
        assertThatThrownBy(() -> loadWithCa(damaged.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends[0].tls.caFile").hasMessageContaining("does not parse");
    }

    @Test
    void tlsOnAPlainHttpEndpointOrWithoutCaFileIsAnError() throws Exception {
        Path ca = certificate("ca");
        assertThatThrownBy(() -> loadTls("http://127.0.0.1:9100", "{caFile: '" + ca + "'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends[0].tls").hasMessageContaining("not TLS");
        assertThatThrownBy(() -> loadTls(HTTPS, "{}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends[0].tls.caFile").hasMessageContaining("missing");
    }

    @Test
    void unknownKeyInTheTlsBlockIsAnError() throws Exception {
        Path ca = certificate("ca");
        assertThatThrownBy(() -> loadTls(HTTPS, "{caFile: '" + ca + "', insecureSkipVerify: true}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("insecureSkipVerify");
    }

    private TrustgateConfig loadWithCa(String caFile) throws Exception {
        return loadTls(HTTPS, "{caFile: '" + caFile + "'}");
    }

    /** The backend on {@code endpoint} with {@code tls} (a YAML flow mapping) as its {@code tls:} value. */
    private TrustgateConfig loadTls(String endpoint, String tls) throws Exception {
        return load("""
                    endpoint: %s
                    accessKey: k
                    secretKey: s
                    tls: %s
                """.formatted(endpoint, tls));
    }

    /** A self-signed certificate {@code CN=name} made by the openssl CLI, as {@code name.pem} (key: {@code name.key}). */
    private Path certificate(String name) throws Exception {
        Path pem = dir.resolve(name + ".pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=" + name, "-keyout", dir.resolve(name + ".key").toString(), "-out", pem.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("openssl must make a test certificate: " + output).isZero();
        return pem;
    }
}
