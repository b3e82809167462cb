package io.trustgate.gateway.bootstrap;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trustgate.gateway.config.ConfigLoader;
import io.trustgate.gateway.config.TrustgateConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An {@code https://} S3 passthrough upstream whose certificate was signed by a private CA made in the test
 * ({@link PrivateCa}): a real S3Proxy serving HTTPS with it, and a gateway, loaded from YAML like any deployment,
 * with two backends on that endpoint: {@code private-ca} names the CA in {@code tls.caFile}, {@code default-trust}
 * has no {@code tls} block (the JVM's default trust, which does not know the CA). Each client request below takes
 * the event-loop path (PUT, GET, HEAD, UploadPart with a length) or the AWS SDK path (CreateBucket, an empty PUT,
 * listings, Create/CompleteMultipartUpload), as docs/s3-passthrough.md describes, so both paths are covered.
 * The JVM-wide {@code javax.net.ssl.trustStore} is never set.
 */
class S3PassthroughTlsIT {

    static final String ACCESS = "tg-ca-access";
    static final String SECRET = "tg-ca-secret";
    static final String BUCKET = "tg-ca-main";
    static final int MIB = 1024 * 1024;

    @TempDir
    static Path home;
    static PrivateCa ca;
    static S3ProxyProcess upstream;
    static TrustgateServer server;
    static S3Client gateway;
    static S3Client direct;

    @BeforeAll
    static void start() throws Exception {
        assertThat(System.getProperty("javax.net.ssl.trustStore")).as("no JVM-wide trust store in this test").isNull();
        ca = PrivateCa.create(home.resolve("ca"));
        upstream = S3ProxyProcess.startWithTls(home.resolve("s3proxy"), ca.serverKeystore(), PrivateCa.PASSWORD);
        Path file = home.resolve("trustgate.yaml");
        Files.writeString(file, config(ca.caPem().toString()));
        TrustgateConfig config = ConfigLoader.load(file, Map.of());
        server = new TrustgateServer(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.start();
        gateway = client(URI.create("http://127.0.0.1:" + server.port("s3")), ACCESS, SECRET);
        direct = client(URI.create("http://127.0.0.1:" + upstream.port()), S3ProxyProcess.ACCESS,
                S3ProxyProcess.SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gateway, direct, server, upstream}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void putGetListAndMultipartWorkOverBothPathsWithTheBackendsCa() {
        gateway.createBucket(b -> b.bucket(BUCKET));
        byte[] body = bytes(300_000, 1);
        gateway.putObject(b -> b.bucket(BUCKET).key("put"), RequestBody.fromBytes(body));
        gateway.putObject(b -> b.bucket(BUCKET).key("empty"), RequestBody.empty());
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key("put")).asByteArray()).isEqualTo(body);
        assertThat(gateway.headObject(b -> b.bucket(BUCKET).key("put")).contentLength()).isEqualTo(body.length);

        String key = "multipart";
        String id = gateway.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        byte[][] parts = {bytes(5 * MIB, 2), bytes(54_321, 3)};
        List<CompletedPart> done = new ArrayList<>();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            int n = i + 1;
            byte[] part = parts[i];
            String etag = gateway.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(n),
                    RequestBody.fromBytes(part)).eTag();
            done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            whole.writeBytes(part);
        }
        gateway.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                .multipartUpload(m -> m.parts(done)));
        assertThat(gateway.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray())
                .isEqualTo(whole.toByteArray());

        assertThat(gateway.listObjectsV2(b -> b.bucket(BUCKET)).contents()).extracting(S3Object::key)
                .containsExactly("empty", "multipart", "put");
        // Stored on the upstream (read here over its plain HTTP port), not somewhere in the gateway.
        assertThat(direct.headObject(b -> b.bucket(BUCKET).key(key)).contentLength())
                .isEqualTo(whole.size());
        assertThat(direct.getObjectAsBytes(b -> b.bucket(BUCKET).key("put")).asByteArray()).isEqualTo(body);
    }

    @Test
    void withoutTheCaEveryPathAnswersServiceUnavailableSayingTlsFailed() {
        String bucket = "tg-untrusted-1";
        direct.createBucket(b -> b.bucket(bucket));
        direct.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("there"));
        List<Runnable> calls = List.of(
                () -> gateway.listObjectsV2(b -> b.bucket(bucket)),                                  // SDK path
                () -> gateway.putObject(b -> b.bucket(bucket).key("p"), RequestBody.fromString("x")), // event loop
                () -> gateway.getObjectAsBytes(b -> b.bucket(bucket).key("k")),                      // event loop
                () -> gateway.createMultipartUpload(b -> b.bucket(bucket).key("m")));                // SDK path
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                assertThat(e.awsErrorDetails().errorMessage()).contains("'default-trust'").contains("TLS")
                        .contains("tls.caFile");
            });
        }
        assertThat(direct.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactly("k");
    }

    @Test
    void aBadCaFileStopsTheStartWithTheFieldPath() throws Exception {
        Path notPem = home.resolve("not-a-cert.pem");
        Files.writeString(notPem, "this is not a certificate\n");
        for (String caFile : List.of(notPem.toString(), home.resolve("missing.pem").toString())) {
            Path file = home.resolve("bad.yaml");
            Files.writeString(file, config(caFile));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new CommandLine(new Main(Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8)))
                    .execute("--config", file.toString());
            assertThat(code).isEqualTo(Main.EXIT_BAD_CONFIG);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("backends[0].tls.caFile").contains(caFile)
                    .contains(file.toString());
        }
    }

    /** Buckets {@code tg-untrusted-*} go to the backend without {@code tls}; all others to {@code private-ca}. */
    private static String config(String caFile) throws Exception {
        return """
                admin:
                  host: 127.0.0.1
                  port: %d
                listeners:
                  - name: s3
                    protocol: s3
                    host: 127.0.0.1
                    port: %d
                    s3:
                      credentials:
                        - accessKey: %s
                          secretKey: %s
                backends:
                  - name: private-ca
                    type: s3
                    endpoint: https://127.0.0.1:%d
                    accessKey: %s
                    secretKey: %s
                    requestTimeout: 30s
                    tls:
                      caFile: %s
                  - name: default-trust
                    type: s3
                    endpoint: https://127.0.0.1:%d
                    accessKey: %s
                    secretKey: %s
                    connectTimeout: 3s
                    requestTimeout: 10s
                routes:
                  - listener: s3
                    backend: default-trust
                    match:
                      bucket: tg-untrusted-*
                  - listener: s3
                    backend: private-ca
                """.formatted(S3ProxyProcess.freePort(), S3ProxyProcess.freePort(), ACCESS, SECRET,
                upstream.tlsPort(), S3ProxyProcess.ACCESS, S3ProxyProcess.SECRET, caFile, upstream.tlsPort(),
                S3ProxyProcess.ACCESS, S3ProxyProcess.SECRET);
    }

    private static S3Client client(URI endpoint, String access, String secret) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(ApacheHttpClient.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(120)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret)))
                .build();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
