package io.trustgate.compat.s3;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trustgate.gateway.bootstrap.TrustgateServer;
import io.trustgate.gateway.config.ConfigLoader;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * boto3 with virtual and path addressing against {@code http://s3.localhost:PORT} on a gateway whose
 * virtualHostSuffixes are {@code s3.localhost} and {@code localhost} (the built-in default), in both list orders:
 * the endpoint host is itself a suffix, so it is path style, and {@code bucket.s3.localhost} is {@code bucket}
 * whatever the order. Runs {@code src/test/python/s3_addressing.py} on a filesystem backend.
 */
@Timeout(120)
class Boto3AddressingIT {

    @ParameterizedTest
    @ValueSource(strings = {"[s3.localhost, localhost]", "[localhost, s3.localhost]"})
    void boto3AddressesBucketsOnAnEndpointThatIsASuffix(String suffixes, @TempDir Path dir) throws Exception {
        Tools.requirePythonModule("boto3", "apt-get install -y python3-boto3");
        int admin = freePort();
        int port = freePort();
        String yaml = "admin: {host: 127.0.0.1, port: " + admin + "}\n"
                + "shutdown: {grace: 1s}\n"
                + "listeners:\n"
                + "  - {name: s3, protocol: s3, host: 127.0.0.1, port: " + port + ", s3: {virtualHostSuffixes: "
                + suffixes + ", credentials: [{accessKey: ak, secretKey: sk-addressing}]}}\n"
                + "backends:\n"
                + "  - {name: disk, type: filesystem, directory: \"" + dir.resolve("data") + "\", fsync: \"no\"}\n"
                + "routes:\n"
                + "  - {listener: s3, backend: disk}\n";
        Path file = Files.writeString(dir.resolve("trustgate.yaml"), yaml, StandardCharsets.UTF_8);
        try (TrustgateServer server = new TrustgateServer(ConfigLoader.load(file, Map.of()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            server.start();
            Path script = Cli.projectRoot().resolve("compat-tests/src/test/python/s3_addressing.py");
            Cli.Result result = Cli.run(List.of(Tools.PYTHON, script.toString(), "--endpoint",
                    "http://s3.localhost:" + port, "--access-key", "ak", "--secret-key", "sk-addressing"),
                    Map.of(), null, Duration.ofSeconds(100));
            assertThat(result.exitCode()).as("s3_addressing.py exit code; its output:%n%s", result.output()).isZero();
            assertThat(result.stdout()).as(result.output()).containsPattern("(?m)^2 passed, 0 failed$");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
