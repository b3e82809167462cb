package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * UploadPartCopy with the unchanged AWS SDK v2 on every lane: a whole source from another bucket and a byte range
 * of it become parts 1 and 2, the completed object is their bytes, and a stale copy-source condition is 412. On
 * trustgate this is the backend's own copy (filesystem, passthrough) or the SPI's emulation (Azure).
 */
@Timeout(180)
class SdkPartCopyIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targets")
    void copiesAWholeSourceAndARangeIntoParts(S3Target target) {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String source = SdkClients.bucketName(target, "pcsrc");
        String bucket = SdkClients.bucketName(target, "pcdst");
        byte[] data = Payloads.random((5 << 20) + 4096, 21);
        try (S3Client s3 = SdkClients.sync(endpoint, Scheme.HTTP)) {
            s3.createBucket(b -> b.bucket(source));
            s3.createBucket(b -> b.bucket(bucket));
            try {
                String srcEtag = s3.putObject(b -> b.bucket(source).key("src"), RequestBody.fromBytes(data)).eTag();
                String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("joined")).uploadId();
                String e1 = s3.uploadPartCopy(b -> b.sourceBucket(source).sourceKey("src").destinationBucket(bucket)
                        .destinationKey("joined").uploadId(uploadId).partNumber(1).copySourceIfMatch(srcEtag))
                        .copyPartResult().eTag();
                String e2 = s3.uploadPartCopy(b -> b.sourceBucket(source).sourceKey("src").destinationBucket(bucket)
                        .destinationKey("joined").uploadId(uploadId).partNumber(2)
                        .copySourceRange("bytes=1000-2999")).copyPartResult().eTag();
                byte[] range = Arrays.copyOfRange(data, 1000, 3000);
                assertThat(e1).isEqualTo(Payloads.etag(data));
                assertThat(e2).isEqualTo(Payloads.etag(range));
                assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket(source).sourceKey("src")
                        .destinationBucket(bucket).destinationKey("joined").uploadId(uploadId).partNumber(3)
                        .copySourceIfMatch("\"0123456789abcdef0123456789abcdef\"")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
                // a range past the end of the source: 400 InvalidArgument naming the size, as AWS (not a GET's 416);
                // trustgate decides this before any backend is asked, so only its lanes are held to AWS's text
                if (target.kind() == S3Target.Kind.GATEWAY) {
                    assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket(source).sourceKey("src")
                            .destinationBucket(bucket).destinationKey("joined").uploadId(uploadId).partNumber(3)
                            .copySourceRange("bytes=0-" + data.length)))
                            .isInstanceOfSatisfying(S3Exception.class, e -> {
                                assertThat(e.statusCode()).isEqualTo(400);
                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                                        "Range specified is not valid for source object of size: " + data.length);
                            });
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key("joined").uploadId(uploadId)
                        .multipartUpload(m -> m.parts(List.of(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                                CompletedPart.builder().partNumber(2).eTag(e2).build()))));
                byte[] expected = new byte[data.length + range.length];
                System.arraycopy(data, 0, expected, 0, data.length);
                System.arraycopy(range, 0, expected, data.length, range.length);
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("joined")).asByteArray())
                        .isEqualTo(expected);
            } finally {
                SdkClients.deleteBucket(s3, bucket);
                SdkClients.deleteBucket(s3, source);
            }
        }
    }
}
