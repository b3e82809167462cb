package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import io.trustgate.compat.s3.S3Target.Deviation;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.util.List;

import static io.trustgate.compat.s3.SdkErrorsIT.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CompleteMultipartUpload as the AWS SDK for Java v2 drives it: a Complete repeated after it succeeded (what an SDK
 * does when the first answer was lost to a timeout) answers 200 with the same result, and the part checksums of an
 * upload created with a checksum algorithm are checked.
 */
@Timeout(120)
class SdkMultipartCompleteIT {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targetsAndSchemes")
    void aRepeatedCompleteAnswersAsTheFirstOneDid(S3Target target, Scheme scheme) {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "again");
        byte[][] data = {Payloads.random(5 << 20, 21), Payloads.random(777, 22)};
        try (S3Client s3 = SdkClients.sync(endpoint, scheme)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
                List<CompletedPart> parts = List.of(upload(s3, bucket, id, 1, data[0]),
                        upload(s3, bucket, id, 2, data[1]));
                CompleteMultipartUploadResponse first = s3.completeMultipartUpload(b -> b.bucket(bucket).key("k")
                        .uploadId(id).multipartUpload(m -> m.parts(parts)));
                assertThat(first.eTag()).matches("\"[0-9a-f]{32}-2\"");

                CompleteMultipartUploadResponse again = s3.completeMultipartUpload(b -> b.bucket(bucket).key("k")
                        .uploadId(id).multipartUpload(m -> m.parts(parts)));
                assertThat(again.eTag()).isEqualTo(first.eTag());
                assertThat(again.bucket()).isEqualTo(first.bucket()).isEqualTo(bucket);
                assertThat(again.key()).isEqualTo(first.key()).isEqualTo("k");
                assertThat(again.location()).isEqualTo(first.location());
                assertThat(again.checksumCRC32()).isEqualTo(first.checksumCRC32());
                assertThat(again.checksumTypeAsString()).isEqualTo(first.checksumTypeAsString());
                assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).eTag()).isEqualTo(first.eTag());
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targetsAndSchemes")
    void aCompositeUploadNeedsEachPartsChecksumAndItMustMatch(S3Target target, Scheme scheme) {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "psum");
        byte[] data = Payloads.random(4000, 23);
        try (S3Client s3 = SdkClients.sync(endpoint, scheme)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
                CompletedPart part = upload(s3, bucket, id, 1, data);
                if (!target.deviates(Deviation.TRAILER_CHECKSUM_IGNORED)) {
                    // S3Proxy answers the part (its checksum came in the SDK's trailer) without one
                    assertThat(part.checksumCRC32()).isEqualTo(Payloads.crc32(data));
                }
                CompletedPart missing = part.toBuilder().checksumCRC32(null).build();
                CompletedPart wrong = part.toBuilder().checksumCRC32(Payloads.crc32(new byte[1])).build();
                if (target.deviates(Deviation.PART_CHECKSUMS_NOT_CHECKED)) {
                    // S3Proxy completes either (and PASSTHROUGH, forwarding the list as sent, shows that)
                    assertThat(s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                            .multipartUpload(m -> m.parts(wrong))).eTag()).endsWith("-1\"");
                    return;
                }
                assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                        .multipartUpload(m -> m.parts(missing))), 400, "InvalidRequest");
                assertS3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                        .multipartUpload(m -> m.parts(wrong))), 400, "InvalidPart");
                CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(bucket).key("k")
                        .uploadId(id).multipartUpload(m -> m.parts(part)));
                assertThat(done.checksumCRC32()).endsWith("-1");
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asByteArray()).isEqualTo(data);
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    /** Uploads a part with the upload's algorithm; the part as the SDK names it in Complete (ETag and checksum). */
    private static CompletedPart upload(S3Client s3, String bucket, String id, int n, byte[] data) {
        UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(n)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(data));
        return CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build();
    }
}
