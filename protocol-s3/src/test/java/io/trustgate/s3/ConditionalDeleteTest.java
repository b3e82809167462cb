package io.trustgate.s3;

import io.trustgate.s3.spi.BlobCapabilities;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BucketInfo;
import io.trustgate.s3.spi.InMemoryBlobStore;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.PutObjectRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conditional DeleteObject ({@code If-Match}) and DeleteObjects ({@code <ETag>}) through the server with the real
 * AWS SDK v2 over loopback: on a store that checks them, and on one that does not declare
 * {@link BlobCapability#CONDITIONAL_DELETES} (refused with 501, nothing deleted).
 */
class ConditionalDeleteTest {

    private static final String STALE = "\"00000000000000000000000000000000\"";

    static S3TestServer server;
    static S3TestServer plainServer;
    static S3Client s3;
    static S3Client plain;

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer(new InMemoryBlobStore(5));
        plainServer = new S3TestServer(new WithoutConditionalDeletes(new InMemoryBlobStore(5)));
        s3 = client(server.endpoint());
        plain = client(plainServer.endpoint());
        s3.createBucket(b -> b.bucket("tg-cd"));
        plain.createBucket(b -> b.bucket("tg-cd"));
    }

    private static S3Client client(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(20)))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        plain.close();
        server.close();
        plainServer.close();
    }

    @Test
    void staleIfMatchIsPreconditionFailedAndKeepsTheObject() {
        String etag = put(s3, "stale", "one");
        assertS3Error(() -> s3.deleteObject(b -> b.bucket("tg-cd").key("stale").ifMatch(STALE)), 412,
                "PreconditionFailed");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-cd").key("stale")).asUtf8String()).isEqualTo("one");
        s3.deleteObject(b -> b.bucket("tg-cd").key("stale").ifMatch(etag));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("tg-cd").key("stale")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void ifMatchOnAMissingKeyIsNoSuchKeyWhileAPlainDeleteSucceeds() {
        assertS3Error(() -> s3.deleteObject(b -> b.bucket("tg-cd").key("never").ifMatch("*")), 404, "NoSuchKey");
        assertS3Error(() -> s3.deleteObject(b -> b.bucket("tg-cd").key("never").ifMatch(STALE)), 404, "NoSuchKey");
        assertThat(s3.deleteObject(b -> b.bucket("tg-cd").key("never")).sdkHttpResponse().statusCode())
                .isEqualTo(204);
    }

    @Test
    void ifMatchStarDeletesAnExistingObject() {
        put(s3, "star", "x");
        assertThat(s3.deleteObject(b -> b.bucket("tg-cd").key("star").ifMatch("*")).sdkHttpResponse()
                .statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("tg-cd").key("star")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void deleteObjectsReportsAFailedConditionPerObjectAndDeletesTheRest() {
        String etag = put(s3, "m/match", "a");
        put(s3, "m/stale", "b");
        put(s3, "m/plain", "c");
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket("tg-cd").delete(d -> d.objects(
                ObjectIdentifier.builder().key("m/match").eTag(etag).build(),
                ObjectIdentifier.builder().key("m/stale").eTag(STALE).build(),
                ObjectIdentifier.builder().key("m/plain").build(),
                ObjectIdentifier.builder().key("m/absent").eTag("*").build())));
        Map<String, String> errors = r.errors().stream().collect(Collectors.toMap(S3Error::key, S3Error::code));
        assertThat(errors).containsExactlyInAnyOrderEntriesOf(Map.of("m/stale", "PreconditionFailed",
                "m/absent", "NoSuchKey"));
        assertThat(r.deleted()).extracting(d -> d.key()).containsExactlyInAnyOrder("m/match", "m/plain");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-cd").key("m/stale")).asUtf8String()).isEqualTo("b");
    }

    @Test
    void directoryBucketConditionsAreRefusedNotIgnored() {
        put(s3, "dir", "abc");
        assertS3Error(() -> s3.deleteObject(b -> b.bucket("tg-cd").key("dir").ifMatchSize(99L)), 501,
                "NotImplemented");
        assertS3Error(() -> s3.deleteObject(b -> b.bucket("tg-cd").key("dir").ifMatchLastModifiedTime(
                Instant.parse("2020-01-01T00:00:00Z"))), 501, "NotImplemented");
        assertS3Error(() -> s3.deleteObjects(b -> b.bucket("tg-cd").delete(d -> d.objects(
                ObjectIdentifier.builder().key("dir").size(99L).build()))), 501, "NotImplemented");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-cd").key("dir")).asUtf8String()).isEqualTo("abc");
    }

    @Test
    void aStoreWithoutConditionalDeletesRefusesThemAndDeletesNothing() {
        String etag = put(plain, "kept", "v");
        assertS3Error(() -> plain.deleteObject(b -> b.bucket("tg-cd").key("kept").ifMatch(etag)), 501,
                "NotImplemented");
        assertS3Error(() -> plain.deleteObjects(b -> b.bucket("tg-cd").delete(d -> d.objects(
                ObjectIdentifier.builder().key("kept").eTag(etag).build()))), 501, "NotImplemented");
        assertThat(plain.getObjectAsBytes(b -> b.bucket("tg-cd").key("kept")).asUtf8String()).isEqualTo("v");
        plain.deleteObject(b -> b.bucket("tg-cd").key("kept"));
        assertThatThrownBy(() -> plain.headObject(b -> b.bucket("tg-cd").key("kept")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    private static String put(S3Client client, String key, String body) {
        return client.putObject(b -> b.bucket("tg-cd").key(key), RequestBody.fromString(body)).eTag();
    }

    static void assertS3Error(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).as("HTTP status of %s", e.getMessage()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).as("S3 error code of %s", e.getMessage()).isEqualTo(code);
        });
    }

    /** A store that declares everything its delegate does except conditional deletes (SPI defaults apply). */
    private static final class WithoutConditionalDeletes implements BlobStore {
        private final BlobStore d;

        WithoutConditionalDeletes(BlobStore delegate) {
            this.d = delegate;
        }

        @Override
        public String kind() {
            return "plain";
        }

        @Override
        public BlobCapabilities capabilities() {
            return BlobCapabilities.builder()
                    .natively(BlobCapability.BUCKET_MANAGEMENT, null)
                    .refused(BlobCapability.CONDITIONAL_DELETES, "test store")
                    .build();
        }

        @Override
        public CompletionStage<List<BucketInfo>> listBuckets() {
            return d.listBuckets();
        }

        @Override
        public CompletionStage<BucketInfo> createBucket(String bucket) {
            return d.createBucket(bucket);
        }

        @Override
        public CompletionStage<Void> deleteBucket(String bucket) {
            return d.deleteBucket(bucket);
        }

        @Override
        public CompletionStage<BucketInfo> headBucket(String bucket) {
            return d.headBucket(bucket);
        }

        @Override
        public CompletionStage<ObjectListing> listObjects(ListObjectsRequest request) {
            return d.listObjects(request);
        }

        @Override
        public CompletionStage<ObjectInfo> headObject(String bucket, String key) {
            return d.headObject(bucket, key);
        }

        @Override
        public CompletionStage<BlobReader> openObject(String bucket, String key) {
            return d.openObject(bucket, key);
        }

        @Override
        public CompletionStage<BlobWriter<ObjectInfo>> putObject(PutObjectRequest request) {
            return d.putObject(request);
        }

        @Override
        public CompletionStage<Void> deleteObject(String bucket, String key) {
            return d.deleteObject(bucket, key);
        }
    }
}
