package io.trustgate.s3;

import io.trustgate.s3.spi.InMemoryBlobStore;
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
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * UploadPartCopy through the server onto a store that keeps the SPI's default {@code uploadPartCopy} (the emulation:
 * read the source, write the part), with the real AWS SDK v2 over a loopback socket.
 */
class UploadPartCopyTest {

    static S3TestServer server;
    static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer(new InMemoryBlobStore(5));
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(java.time.Duration.ofSeconds(20)))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build();
        s3.createBucket(b -> b.bucket("pcopy"));
        s3.putObject(b -> b.bucket("pcopy").key("src"), RequestBody.fromString("0123456789abcdef"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void copiesRangesAndWholeSourcesIntoPartsWhoseEtagIsTheirMd5() throws Exception {
        String id = s3.createMultipartUpload(b -> b.bucket("pcopy").key("dst")).uploadId();
        var p1 = s3.uploadPartCopy(b -> b.sourceBucket("pcopy").sourceKey("src").destinationBucket("pcopy")
                .destinationKey("dst").uploadId(id).partNumber(1).copySourceRange("bytes=10-15")).copyPartResult();
        var p2 = s3.uploadPartCopy(b -> b.sourceBucket("pcopy").sourceKey("src").destinationBucket("pcopy")
                .destinationKey("dst").uploadId(id).partNumber(2)).copyPartResult();
        assertThat(p1.eTag()).isEqualTo("\"" + md5("abcdef") + "\"");
        assertThat(p2.eTag()).isEqualTo("\"" + md5("0123456789abcdef") + "\"");
        s3.completeMultipartUpload(b -> b.bucket("pcopy").key("dst").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build(),
                CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build())));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("pcopy").key("dst")).asUtf8String())
                .isEqualTo("abcdef0123456789abcdef");
    }

    @Test
    void sourceConditionsRangesAndUploadsAreChecked() {
        String id = s3.createMultipartUpload(b -> b.bucket("pcopy").key("checked")).uploadId();
        assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket("pcopy").sourceKey("src")
                .destinationBucket("pcopy").destinationKey("checked").uploadId(id).partNumber(1)
                .copySourceIfMatch("\"not-the-etag\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket("pcopy").sourceKey("src")
                .destinationBucket("pcopy").destinationKey("checked").uploadId(id).partNumber(1)
                .copySourceRange("bytes=10-16")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Range specified is not valid for source object of size: 16");
                });
        assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket("pcopy").sourceKey("missing")
                .destinationBucket("pcopy").destinationKey("checked").uploadId(id).partNumber(1)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("NoSuchKey"));
        assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket("pcopy").sourceKey("src")
                .destinationBucket("pcopy").destinationKey("checked").uploadId("nope").partNumber(1)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("NoSuchUpload"));
        assertThat(s3.listParts(b -> b.bucket("pcopy").key("checked").uploadId(id)).parts()).isEmpty();
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
