package io.trustgate.gateway.bootstrap;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trustgate.gateway.config.AdminConfig;
import io.trustgate.gateway.config.FilesystemBackendConfig;
import io.trustgate.gateway.config.ListenerConfig;
import io.trustgate.gateway.config.Protocol;
import io.trustgate.gateway.config.RouteConfig;
import io.trustgate.gateway.config.RouteMatch;
import io.trustgate.gateway.config.RouteTarget;
import io.trustgate.gateway.config.S3ListenerOptions;
import io.trustgate.gateway.config.TrustgateConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.utils.AttributeMap;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 listener over HTTPS with a PEM certificate and key from the config: over TLS the AWS SDK sends
 * unsigned-payload aws-chunked bodies with a checksum trailer (over HTTP it signs every chunk), so both body modes
 * are covered between this and {@link S3GatewayIT}. The certificate is made by the openssl CLI.
 */
class S3TlsGatewayIT {

    @TempDir
    Path dir;

    @Test
    void putAndGetOverHttpsWithTrailerChecksums() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String opensslOutput = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("openssl must make a test certificate: " + opensslOutput).isZero();

        S3ListenerOptions options = new S3ListenerOptions(List.of(), cert, key, Map.of("tls-ak", "tls-sk"), false,
                List.of(), S3ListenerOptions.DEFAULT_MAX_HEADER_SIZE);
        TrustgateConfig config = new TrustgateConfig(new AdminConfig("127.0.0.1", 0), Duration.ofSeconds(2),
                List.of(new ListenerConfig("s3", Protocol.S3, "127.0.0.1", 0, null, options)),
                List.of(new FilesystemBackendConfig("disk", dir.resolve("data"), "no")),
                List.of(new RouteConfig("s3", RouteMatch.ANY, new RouteTarget("disk"))), null);
        try (TrustgateServer server = new TrustgateServer(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            server.start();
            try (S3Client s3 = S3Client.builder()
                    .endpointOverride(URI.create("https://127.0.0.1:" + server.port("s3")))
                    .region(Region.US_EAST_1).forcePathStyle(true)
                    .httpClient(ApacheHttpClient.builder().buildWithDefaults(AttributeMap.builder()
                            .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build()))
                    .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("tls-ak", "tls-sk")))
                    .build()) {
                s3.createBucket(b -> b.bucket("tg-tls"));
                byte[] body = new byte[1024 * 1024 + 3];
                new Random(11).nextBytes(body);
                s3.putObject(b -> b.bucket("tg-tls").key("over/tls").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                        RequestBody.fromBytes(body));
                assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-tls").key("over/tls")).asByteArray()).isEqualTo(body);
                assertThat(s3.headObject(b -> b.bucket("tg-tls").key("over/tls").checksumMode(ChecksumMode.ENABLED))
                        .checksumSHA256()).isNotBlank();
            }
        }
    }
}
