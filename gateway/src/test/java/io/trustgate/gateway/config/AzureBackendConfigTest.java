package io.trustgate.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code azure} backend type: both ways of naming the account, and the errors for everything else. */
class AzureBackendConfigTest {

    @TempDir
    Path dir;

    private static final String HEAD = """
            listeners:
              - name: s3
                protocol: s3
                port: 9000
            backends:
            """;
    private static final String ROUTES = """
            routes:
              - listener: s3
                backend: blob
            """;

    @Test
    void exampleBuildsAConnectionStringForAzurite() {
        Path examples = Path.of(System.getProperty("basedir", ".")).resolve("../examples").normalize();
        TrustgateConfig config = ConfigLoader.load(examples.resolve("s3-azure.yaml"), Map.of());
        assertThat(config.backend("blob")).isInstanceOfSatisfying(AzureBackendConfig.class, b -> {
            assertThat(b.type()).isEqualTo(BackendType.AZURE);
            assertThat(b.connectionString()).contains("AccountName=devstoreaccount1;")
                    .contains("BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;");
            assertThat(b.toString()).doesNotContain("AccountKey");
        });
    }

    @Test
    void acceptsAConnectionString() throws IOException {
        TrustgateConfig config = load("""
                  - name: blob
                    type: azure
                    connectionString: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5"
                """);
        assertThat(((AzureBackendConfig) config.backend("blob")).connectionString()).startsWith(
                "DefaultEndpointsProtocol=https;AccountName=acct;");
    }

    @Test
    void reportsEachBadField() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                  - name: blob
                    type: azure
                    accountName: Not_Valid
                    accountKey: "%%%"
                    endpoint: ftp://x
                """));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("backends[0].accountName"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("backends[0].accountKey: not base64"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("backends[0].endpoint"));
    }

    @Test
    void refusesNeitherOrBoth() throws IOException {
        ConfigException neither = assertThrows(ConfigException.class, () -> load("""
                  - name: blob
                    type: azure
                """));
        assertThat(neither.problems()).anySatisfy(p -> assertThat(p).contains("backends[0].connectionString: missing"));
        ConfigException both = assertThrows(ConfigException.class, () -> load("""
                  - name: blob
                    type: azure
                    connectionString: "AccountName=a;AccountKey=b"
                    accountName: abc
                """));
        assertThat(both.problems()).anySatisfy(p -> assertThat(p).contains("one or the other"));
    }

    @Test
    void anAzureBackendCannotServeRedis() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                listeners:
                  - name: redis
                    protocol: redis
                    port: 6380
                backends:
                  - name: blob
                    type: azure
                    connectionString: "AccountName=a;AccountKey=b"
                routes:
                  - listener: redis
                    backend: blob
                """);
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
    }

    private TrustgateConfig load(String backends) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, HEAD + backends + ROUTES);
        return ConfigLoader.load(file, Map.of());
    }
}
