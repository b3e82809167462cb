package io.trustgate.s3;

import io.trustgate.s3.spi.InMemoryBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real AWS SDK v2 S3 client against the server on a loopback socket, over the in-memory store. */
class S3ServerTest {

    static InMemoryBlobStore store;
    static S3TestServer server;
    static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        store = new InMemoryBlobStore(5);
        server = new S3TestServer(store);
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(java.time.Duration.ofSeconds(20)))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build();
        s3.createBucket(b -> b.bucket("tg-core"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void putsAndGetsAnObjectWithMetadata() {
        s3.putObject(b -> b.bucket("tg-core").key("dir/hello.txt").contentType("text/plain")
                .metadata(Map.of("color", "blue")), RequestBody.fromString("hello world"));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("tg-core").key("dir/hello.txt"));
        assertThat(got.asUtf8String()).isEqualTo("hello world");
        assertThat(got.response().contentType()).isEqualTo("text/plain");
        assertThat(got.response().metadata()).containsEntry("color", "blue");
        assertThat(got.response().eTag()).isEqualTo("\"5eb63bbbe01eeed093cb22bb8f5acdc3\"");
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("tg-core").key("dir/hello.txt")
                .ifNoneMatch("\"5eb63bbbe01eeed093cb22bb8f5acdc3\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("tg-core").key("dir/hello.txt").ifMatch("\"x\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void servesRanges() {
        s3.putObject(b -> b.bucket("tg-core").key("range"), RequestBody.fromString("0123456789"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-core").key("range").range("bytes=2-4")).asUtf8String())
                .isEqualTo("234");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-core").key("range").range("bytes=-3")).asUtf8String())
                .isEqualTo("789");
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("tg-core").key("range").range("bytes=20-")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidRange"));
    }

    @Test
    void storesAndReturnsChecksums() {
        s3.putObject(b -> b.bucket("tg-core").key("sum").checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                RequestBody.fromString("checksummed"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket("tg-core").key("sum").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32C()).isNotBlank();
        assertThat(head.contentLength()).isEqualTo(11);
    }

    @Test
    void listsWithPrefixDelimiterAndContinuation() {
        for (String k : List.of("l/a", "l/b/1", "l/b/2", "l/c", "l/d")) {
            s3.putObject(b -> b.bucket("tg-core").key(k), RequestBody.fromString(k));
        }
        ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket("tg-core").prefix("l/").delimiter("/").maxKeys(2));
        assertThat(first.contents()).extracting(S3Object::key).containsExactly("l/a");
        assertThat(first.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("l/b/");
        assertThat(first.isTruncated()).isTrue();
        ListObjectsV2Response second = s3.listObjectsV2(b -> b.bucket("tg-core").prefix("l/").delimiter("/")
                .maxKeys(2).continuationToken(first.nextContinuationToken()));
        assertThat(second.contents()).extracting(S3Object::key).containsExactly("l/c", "l/d");
        assertThat(second.isTruncated()).isFalse();
    }

    @Test
    void listsWithUrlEncodingStartAfterAndV1MarkerAndVersions() {
        for (String k : List.of("enc/a b", "enc/c&d", "enc/é")) {
            s3.putObject(b -> b.bucket("tg-core").key(k), RequestBody.fromString(k));
        }
        ListObjectsV2Response encoded = s3.listObjectsV2(b -> b.bucket("tg-core").prefix("enc/")
                .encodingType(software.amazon.awssdk.services.s3.model.EncodingType.URL).startAfter("enc/a b"));
        assertThat(encoded.contents()).extracting(S3Object::key).containsExactly("enc/c&d", "enc/é");
        var v1 = s3.listObjects(b -> b.bucket("tg-core").prefix("enc/").marker("enc/c&d").maxKeys(1));
        assertThat(v1.contents()).extracting(S3Object::key).containsExactly("enc/é");
        var versions = s3.listObjectVersions(b -> b.bucket("tg-core").prefix("enc/"));
        assertThat(versions.versions()).extracting(v -> v.versionId()).containsOnly("null");
        assertThat(versions.versions()).hasSize(3);
    }

    @Test
    void multipartUploadHasMd5OfMd5sEtag() {
        String id = s3.createMultipartUpload(b -> b.bucket("tg-core").key("mp")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket("tg-core").key("mp").uploadId(id).partNumber(1),
                RequestBody.fromString("part-one")).eTag();
        String e2 = s3.uploadPart(b -> b.bucket("tg-core").key("mp").uploadId(id).partNumber(2),
                RequestBody.fromString("part-two")).eTag();
        String e3 = s3.uploadPart(b -> b.bucket("tg-core").key("mp").uploadId(id).partNumber(3),
                RequestBody.fromString("3")).eTag();
        assertThat(s3.listParts(b -> b.bucket("tg-core").key("mp").uploadId(id)).parts()).hasSize(3);
        String etag = s3.completeMultipartUpload(b -> b.bucket("tg-core").key("mp").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build(),
                        CompletedPart.builder().partNumber(3).eTag(e3).build()))).eTag();
        assertThat(etag).endsWith("-3\"");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-core").key("mp")).asUtf8String())
                .isEqualTo("part-onepart-two3");
        var second = s3.getObjectAsBytes(b -> b.bucket("tg-core").key("mp").partNumber(2));
        assertThat(second.asUtf8String()).isEqualTo("part-two");
        assertThat(second.response().partsCount()).isEqualTo(3);
        assertThat(second.response().contentRange()).isEqualTo("bytes 8-15/17");
        // a part the object does not have: 416 InvalidPartNumber (a byte range is not what was asked for)
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("tg-core").key("mp").partNumber(4)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartNumber");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The requested partnumber is not satisfiable");
                });
        s3.putObject(b -> b.bucket("tg-core").key("single"), RequestBody.fromString("one part"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("tg-core").key("single").partNumber(2)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartNumber");
                });
    }

    @Test
    void copiesAndDeletesMany() {
        s3.putObject(b -> b.bucket("tg-core").key("src").metadata(Map.of("k", "v")), RequestBody.fromString("copy me"));
        s3.copyObject(b -> b.sourceBucket("tg-core").sourceKey("src").destinationBucket("tg-core").destinationKey("dst"));
        GetObjectResponse copied = s3.getObject(b -> b.bucket("tg-core").key("dst")).response();
        assertThat(copied.metadata()).containsEntry("k", "v");
        var result = s3.deleteObjects(b -> b.bucket("tg-core").delete(d -> d.objects(
                ObjectIdentifier.builder().key("src").build(), ObjectIdentifier.builder().key("dst").build())));
        assertThat(result.deleted()).hasSize(2);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("tg-core").key("dst")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void conditionalPutRefusesAnExistingKey() {
        s3.putObject(b -> b.bucket("tg-core").key("once"), RequestBody.fromString("1"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("tg-core").key("once").ifNoneMatch("*"),
                RequestBody.fromString("2")))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412));
    }

    @Test
    void anonymousClientsMayOnlyReadPublicReadBuckets() throws Exception {
        s3.createBucket(b -> b.bucket("public-core"));
        s3.putObject(b -> b.bucket("public-core").key("open"), RequestBody.fromString("for all"));
        s3.putObject(b -> b.bucket("tg-core").key("closed"), RequestBody.fromString("secret"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI base = server.endpoint();
        var open = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/public-core/open")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).isEqualTo("for all");
        var closed = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/tg-core/closed")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(closed.statusCode()).isEqualTo(403);
        assertThat(closed.body()).contains("<Code>AccessDenied</Code>");
        var write = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/public-core/new"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(s3.getBucketAcl(b -> b.bucket("public-core")).grants()).hasSize(2);
    }

    @Test
    void missingBucketAndKeyAreS3Errors() {
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("tg-core").key("nope")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("tg-missing")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void tooLargeBodyOfUtf8KeyRoundTrips() {
        String key = "unicode/ü ñ +&=?#%.txt";
        byte[] body = new byte[600_000];
        new java.util.Random(1).nextBytes(body);
        s3.putObject(b -> b.bucket("tg-core").key(key), RequestBody.fromBytes(body));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tg-core").key(key)).asByteArray()).isEqualTo(body);
        assertThat(s3.listObjects(b -> b.bucket("tg-core").prefix("unicode/")).contents())
                .extracting(S3Object::key).containsExactly(key);
        assertThat(new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(key);
    }
}
