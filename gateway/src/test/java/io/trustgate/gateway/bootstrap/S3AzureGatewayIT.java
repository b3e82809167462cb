package io.trustgate.gateway.bootstrap;

import io.trustgate.testsupport.Azurite;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trustgate.gateway.config.AdminConfig;
import io.trustgate.gateway.config.AzureBackendConfig;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS SDK v2 S3 client against a gateway whose S3 route goes to the {@code azure} backend on a real Azurite
 * (started by {@code scripts/azurite.sh} when it is not running). Buckets are unique per run.
 */
class S3AzureGatewayIT {

    static final String ACCESS = "az-access";
    static final String SECRET = "az-secret";
    static final String BUCKET = "tg-az-gw-" + UUID.randomUUID().toString().substring(0, 8);

    static TrustgateServer server;
    static S3Client s3;
    static int port;

    @BeforeAll
    static void start() {
        Azurite.require();
        S3ListenerOptions options = new S3ListenerOptions(List.of(), null, null, Map.of(ACCESS, SECRET),
                false, List.of(), S3ListenerOptions.DEFAULT_MAX_HEADER_SIZE);
        TrustgateConfig config = new TrustgateConfig(new AdminConfig("127.0.0.1", 0), Duration.ofSeconds(2),
                List.of(new ListenerConfig("s3", Protocol.S3, "127.0.0.1", 0, null, options)),
                List.of(new AzureBackendConfig("blob", Azurite.CONNECTION_STRING)),
                List.of(new RouteConfig("s3", RouteMatch.ANY, new RouteTarget("blob"))), null);
        server = new TrustgateServer(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.start();
        port = server.port("s3");
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void putGetRangeMetadataAndChecksums() {
        s3.putObject(b -> b.bucket(BUCKET).key("docs/a.txt").contentType("text/plain").cacheControl("max-age=60")
                .contentDisposition("inline").metadata(Map.of("owner", "azure", "x-odd.name", "ünï")),
                RequestBody.fromString("abcdefghij"));
        var got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("docs/a.txt"));
        assertThat(got.asUtf8String()).isEqualTo("abcdefghij");
        assertThat(got.response().contentType()).isEqualTo("text/plain");
        assertThat(got.response().cacheControl()).isEqualTo("max-age=60");
        assertThat(got.response().contentDisposition()).isEqualTo("inline");
        assertThat(got.response().metadata()).containsEntry("owner", "azure").containsKey("x-odd.name");
        assertThat(got.response().eTag()).isEqualTo("\"a925576942e94b2ef57a066101b48876\"");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("docs/a.txt").range("bytes=3-5")).asUtf8String())
                .isEqualTo("def");
        var head = s3.headObject(b -> b.bucket(BUCKET).key("docs/a.txt").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.contentLength()).isEqualTo(10);
        assertThat(head.checksumCRC32()).as("the SDK's default CRC32 is kept in blob metadata").isNotBlank();

        byte[] big = new byte[9 * 1024 * 1024 + 5];
        new Random(5).nextBytes(big);
        s3.putObject(b -> b.bucket(BUCKET).key("big.bin"), RequestBody.fromBytes(big));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big.bin")).asByteArray()).isEqualTo(big);
    }

    @Test
    void listingWithDelimiterPagesAndStartAfter() {
        for (String k : List.of("l/a", "l/b/1", "l/b/2", "l/c", "l/d")) {
            s3.putObject(b -> b.bucket(BUCKET).key(k), RequestBody.fromString(k));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("l/").delimiter("/")
                    .maxKeys(2).continuationToken(t));
            page.contents().forEach(o -> seen.add(o.key()));
            page.commonPrefixes().forEach(p -> seen.add(p.prefix()));
            token = page.nextContinuationToken();
        } while (token != null);
        assertThat(seen).containsExactlyInAnyOrder("l/a", "l/b/", "l/c", "l/d");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("l/").startAfter("l/b/1")).contents())
                .extracting(S3Object::key).containsExactly("l/b/2", "l/c", "l/d");
        assertThat(s3.listObjects(b -> b.bucket(BUCKET).prefix("l/").delimiter("/").marker("l/a")).commonPrefixes())
                .extracting(CommonPrefix::prefix).containsExactly("l/b/");
        assertThat(s3.listBuckets().buckets()).anyMatch(bk -> bk.name().equals(BUCKET));
    }

    @Test
    void multipartOfThreePartsCopyAndDeleteMany() {
        byte[] part = new byte[5 * 1024 * 1024];
        new Random(3).nextBytes(part);
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("mp").contentType("application/x-mp")
                .metadata(Map.of("kind", "multi"))).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            int number = n;
            RequestBody body = n < 3 ? RequestBody.fromBytes(part) : RequestBody.fromString("tail");
            String etag = s3.uploadPart(b -> b.bucket(BUCKET).key("mp").uploadId(id).partNumber(number), body).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        assertThat(s3.listParts(b -> b.bucket(BUCKET).key("mp").uploadId(id)).parts()).hasSize(3);
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).extracting(MultipartUpload::uploadId)
                .contains(id);
        String etag = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("mp").uploadId(id)
                .multipartUpload(m -> m.parts(parts))).eTag();
        assertThat(etag).matches("\"[0-9a-f]{32}-3\"");
        var head = s3.headObject(b -> b.bucket(BUCKET).key("mp"));
        assertThat(head.contentLength()).isEqualTo(2L * part.length + 4);
        assertThat(head.eTag()).isEqualTo(etag);
        assertThat(head.contentType()).isEqualTo("application/x-mp");
        assertThat(head.metadata()).containsEntry("kind", "multi");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("mp").partNumber(3)).asUtf8String())
                .isEqualTo("tail");

        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("mp").destinationBucket(BUCKET).destinationKey("mp-copy"));
        var copy = s3.headObject(b -> b.bucket(BUCKET).key("mp-copy"));
        assertThat(copy.contentLength()).isEqualTo(head.contentLength());
        assertThat(copy.metadata()).containsEntry("kind", "multi");

        var deleted = s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(
                ObjectIdentifier.builder().key("mp").build(), ObjectIdentifier.builder().key("mp-copy").build())));
        assertThat(deleted.deleted()).extracting(d -> d.key()).containsExactlyInAnyOrder("mp", "mp-copy");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("mp"))).isInstanceOf(NoSuchKeyException.class);

        String aborted = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("gone")).uploadId();
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("gone").uploadId(aborted));
        assertThatThrownBy(() -> s3.listParts(b -> b.bucket(BUCKET).key("gone").uploadId(aborted)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload"));
    }

    @Test
    void presignedPutAndGet() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1).serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration
                        .builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build()) {
            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(BUCKET).key("presigned"))).url().toURI();
            URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket(BUCKET).key("presigned"))).url().toURI();
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("in the URL"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("in the URL");
        }
    }

    @Test
    void errorsAreS3Errors() {
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("missing")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("tg-az-no-such-bucket")))
                .isInstanceOf(NoSuchBucketException.class);
        s3.putObject(b -> b.bucket(BUCKET).key("once"), RequestBody.fromString("1"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("once").ifNoneMatch("*"),
                RequestBody.fromString("2")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key("once").ifMatch("\"0000\""),
                RequestBody.fromString("2")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("tg.with.dots")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName");
                });
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket(BUCKET)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyOwnedByYou"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("once").range("bytes=5-9")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(416));
    }
}
