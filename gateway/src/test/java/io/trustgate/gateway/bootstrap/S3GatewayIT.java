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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real AWS SDK v2 S3 client against a running gateway: S3 listener on an ephemeral port, filesystem backend in
 * a temp directory, path-style and virtual-hosted-style addressing (host suffix {@code s3.test}, resolved to
 * loopback by the client's own DNS resolver).
 */
class S3GatewayIT {

    static final String ACCESS = "it-access";
    static final String SECRET = "it-secret";
    static final String BUCKET = "tg-it-core";

    @TempDir
    static Path data;
    static TrustgateServer server;
    static PrometheusMeterRegistry registry;
    static S3Client pathStyle;
    static S3Client virtualHost;
    static int port;

    @BeforeAll
    static void start() {
        S3ListenerOptions options = new S3ListenerOptions(List.of("s3.test"), null, null, Map.of(ACCESS, SECRET),
                false, List.of("tg-it-public"), S3ListenerOptions.DEFAULT_MAX_HEADER_SIZE);
        TrustgateConfig config = new TrustgateConfig(new AdminConfig("127.0.0.1", 0), Duration.ofSeconds(2),
                List.of(new ListenerConfig("s3", Protocol.S3, "127.0.0.1", 0, null, options)),
                List.of(new FilesystemBackendConfig("disk", data, "no")),
                List.of(new RouteConfig("s3", RouteMatch.ANY, new RouteTarget("disk"))), null);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = new TrustgateServer(config, registry);
        server.start();
        port = server.port("s3");
        pathStyle = client(URI.create("http://127.0.0.1:" + port), true, SECRET);
        virtualHost = client(URI.create("http://s3.test:" + port), false, SECRET);
        pathStyle.createBucket(b -> b.bucket(BUCKET));
    }

    static S3Client client(URI endpoint, boolean forcePathStyle, String secret) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(forcePathStyle)
                .httpClient(ApacheHttpClient.builder()
                        .dnsResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()}).build())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, secret)))
                .build();
    }

    @AfterAll
    static void stop() {
        pathStyle.close();
        virtualHost.close();
        server.close();
    }

    @Test
    void putGetRangeAndMetadataPathStyle() {
        pathStyle.putObject(b -> b.bucket(BUCKET).key("docs/a.txt").contentType("text/plain")
                .cacheControl("max-age=60").metadata(Map.of("owner", "core")), RequestBody.fromString("abcdefghij"));
        var got = pathStyle.getObjectAsBytes(b -> b.bucket(BUCKET).key("docs/a.txt"));
        assertThat(got.asUtf8String()).isEqualTo("abcdefghij");
        assertThat(got.response().contentType()).isEqualTo("text/plain");
        assertThat(got.response().cacheControl()).isEqualTo("max-age=60");
        assertThat(got.response().metadata()).containsEntry("owner", "core");
        assertThat(pathStyle.getObjectAsBytes(b -> b.bucket(BUCKET).key("docs/a.txt").range("bytes=3-5"))
                .asUtf8String()).isEqualTo("def");
        var head = pathStyle.headObject(b -> b.bucket(BUCKET).key("docs/a.txt").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.contentLength()).isEqualTo(10);
        assertThat(head.checksumCRC32()).as("the SDK's default CRC32 is stored and returned").isNotBlank();
    }

    @Test
    void virtualHostStyleReachesTheSameBucket() {
        virtualHost.putObject(b -> b.bucket(BUCKET).key("vh/one"), RequestBody.fromString("via host"));
        assertThat(pathStyle.getObjectAsBytes(b -> b.bucket(BUCKET).key("vh/one")).asUtf8String()).isEqualTo("via host");
        assertThat(virtualHost.listObjectsV2(b -> b.bucket(BUCKET).prefix("vh/")).contents())
                .extracting(S3Object::key).containsExactly("vh/one");
    }

    @Test
    void largeObjectStreamsBothWays() {
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(body);
        pathStyle.putObject(b -> b.bucket(BUCKET).key("big.bin"), RequestBody.fromBytes(body));
        assertThat(pathStyle.getObjectAsBytes(b -> b.bucket(BUCKET).key("big.bin")).asByteArray()).isEqualTo(body);
    }

    @Test
    void multipartOfThreePartsIncludingACopiedPart() {
        byte[] part = new byte[5 * 1024 * 1024];
        new Random(3).nextBytes(part);
        pathStyle.putObject(b -> b.bucket(BUCKET).key("mp-src"), RequestBody.fromBytes(part));
        String id = pathStyle.createMultipartUpload(b -> b.bucket(BUCKET).key("mp")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        String e1 = pathStyle.uploadPart(b -> b.bucket(BUCKET).key("mp").uploadId(id).partNumber(1),
                RequestBody.fromBytes(part)).eTag();
        parts.add(CompletedPart.builder().partNumber(1).eTag(e1).build());
        String e2 = pathStyle.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("mp-src").destinationBucket(BUCKET)
                .destinationKey("mp").uploadId(id).partNumber(2)).copyPartResult().eTag();
        parts.add(CompletedPart.builder().partNumber(2).eTag(e2).build());
        String e3 = pathStyle.uploadPart(b -> b.bucket(BUCKET).key("mp").uploadId(id).partNumber(3),
                RequestBody.fromString("tail")).eTag();
        parts.add(CompletedPart.builder().partNumber(3).eTag(e3).build());
        assertThat(pathStyle.listParts(b -> b.bucket(BUCKET).key("mp").uploadId(id)).parts()).hasSize(3);
        String etag = pathStyle.completeMultipartUpload(b -> b.bucket(BUCKET).key("mp").uploadId(id)
                .multipartUpload(m -> m.parts(parts))).eTag();
        assertThat(etag).matches("\"[0-9a-f]{32}-3\"");
        assertThat(pathStyle.headObject(b -> b.bucket(BUCKET).key("mp")).contentLength())
                .isEqualTo(2L * part.length + 4);
    }

    @Test
    void copyThenDeleteMany() {
        pathStyle.putObject(b -> b.bucket(BUCKET).key("c/src").metadata(Map.of("m", "1")), RequestBody.fromString("x"));
        pathStyle.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("c/src").destinationBucket(BUCKET)
                .destinationKey("c/dst"));
        GetObjectResponse copy = pathStyle.getObject(b -> b.bucket(BUCKET).key("c/dst")).response();
        assertThat(copy.metadata()).containsEntry("m", "1");
        var deleted = pathStyle.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(
                ObjectIdentifier.builder().key("c/src").build(), ObjectIdentifier.builder().key("c/dst").build())));
        assertThat(deleted.deleted()).extracting(d -> d.key()).containsExactlyInAnyOrder("c/src", "c/dst");
        assertThat(pathStyle.listObjectsV2(b -> b.bucket(BUCKET).prefix("c/")).contents()).isEmpty();
    }

    @Test
    void presignedPutAndGet() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1).serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build()) {
            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(BUCKET).key("presigned"))).url().toURI();
            URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket(BUCKET).key("presigned"))).url().toURI();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> putResponse = http.send(HttpRequest.newBuilder(put)
                    .PUT(HttpRequest.BodyPublishers.ofString("signed in the URL")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(putResponse.statusCode()).isEqualTo(200);
            HttpResponse<String> getResponse = http.send(HttpRequest.newBuilder(get).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(getResponse.body()).isEqualTo("signed in the URL");
            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/" + BUCKET + "/presigned")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.body()).contains("<Code>AccessDenied</Code>").contains("<RequestId>");
        }
    }

    @Test
    void aClientThatDropsMidUploadLeavesNoObjectAndNoFile() throws Exception {
        long filesBefore;
        try (var files = java.nio.file.Files.walk(data)) {
            filesBefore = files.filter(java.nio.file.Files::isRegularFile).count();
        }
        URI put;
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build()) {
            put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(BUCKET).key("dropped"))).url().toURI();
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            String head = "PUT " + put.getRawPath() + "?" + put.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Length: 1000000\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[300_000]);
            socket.getOutputStream().flush();
        }
        long filesAfter = Long.MAX_VALUE;
        for (int i = 0; i < 100 && filesAfter != filesBefore; i++) {
            Thread.sleep(50);
            try (var files = java.nio.file.Files.walk(data)) {
                filesAfter = files.filter(java.nio.file.Files::isRegularFile).count();
            }
        }
        assertThat(filesAfter).as("no temp file left behind").isEqualTo(filesBefore);
        assertThatThrownBy(() -> pathStyle.headObject(b -> b.bucket(BUCKET).key("dropped")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void errorsAreS3Errors() throws Exception {
        assertThatThrownBy(() -> pathStyle.getObjectAsBytes(b -> b.bucket(BUCKET).key("missing")))
                .isInstanceOf(NoSuchKeyException.class);
        pathStyle.putObject(b -> b.bucket(BUCKET).key("short"), RequestBody.fromString("12"));
        assertThatThrownBy(() -> pathStyle.getObjectAsBytes(b -> b.bucket(BUCKET).key("short").range("bytes=5-9")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
        try (S3Client wrong = client(URI.create("http://127.0.0.1:" + port), true, "not-the-secret")) {
            assertThatThrownBy(() -> wrong.listObjectsV2(b -> b.bucket(BUCKET)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
        assertThatThrownBy(() -> pathStyle.putBucketTagging(b -> b.bucket(BUCKET)
                .tagging(t -> t.tagSet(s -> s.key("k").value("v")))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        assertThatThrownBy(() -> pathStyle.putObject(b -> b.bucket(BUCKET).key("short").ifNoneMatch("*"),
                RequestBody.fromString("again")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> huge = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + BUCKET))
                .header("x-amz-meta-huge", "h".repeat(40_000)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.body()).contains("<Code>RequestHeaderSectionTooLarge</Code>");
    }

    @Test
    void readinessAndMetricsCoverTheS3Listener() throws Exception {
        pathStyle.headBucket(b -> b.bucket(BUCKET));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.adminPort() + "/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        String metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        assertThat(metrics).contains("trustgate_s3_request_duration_seconds_count{backend=\"disk\",listener=\"s3\","
                + "operation=\"HeadBucket\",route=\"default\",status=\"200\"}");
        assertThat(metrics).contains("trustgate_s3_request_duration_seconds_bucket");
    }
}
