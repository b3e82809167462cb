package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import io.trustgate.compat.s3.S3Target.Deviation;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checksums with the AWS SDK for Java v2 sync client: each algorithm sent the way the SDK sends it by default
 * (computed while streaming, in an aws-chunked trailer: signed chunks over HTTP, unsigned over HTTPS), the SDK's
 * default CRC32 trailer on a plain upload, a precomputed header, and mismatches (BadDigest).
 */
@Timeout(180)
class SdkChecksumIT {

    static Stream<Arguments> lanesAndAlgorithms() {
        return Lanes.targetsAndSchemes().flatMap(a -> Stream.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
                ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)
                .map(alg -> Arguments.of(a.get()[0], a.get()[1], alg)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("lanesAndAlgorithms")
    void uploadsWithAStreamingChecksumTrailerAndReadsItBack(S3Target target, Scheme scheme, ChecksumAlgorithm alg) {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "sum");
        byte[] data = Payloads.random(200_000, 3);
        String expected = expectedChecksum(alg, data);
        SentHeaders sent = new SentHeaders();
        try (S3Client s3 = SdkClients.sync(endpoint, scheme, endpoint.secretKey(), sent)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("k").checksumAlgorithm(alg),
                        RequestBody.fromBytes(data));
                assertThat(sent.last("x-amz-content-sha256")).isEqualTo(scheme == Scheme.HTTP
                        ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" : "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
                assertThat(sent.last("x-amz-trailer")).isEqualTo("x-amz-checksum-" + headerSuffix(alg));
                assertThat(put.eTag()).isEqualTo(Payloads.etag(data));

                ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")
                        .checksumMode(ChecksumMode.ENABLED));
                assertThat(got.asByteArray()).isEqualTo(data);
                String stored = storedChecksum(alg).apply(got.response());
                if (target.deviates(Deviation.TRAILER_CHECKSUM_NOT_STORED)) {
                    // S3Proxy: a checksum that came in a trailer is not kept, so GET returns none.
                    assertThat(stored).isNull();
                } else {
                    assertThat(stored).isEqualTo(expected);
                    assertThat(storedChecksum(alg).apply(s3.headObject(b -> b.bucket(bucket).key("k")
                            .checksumMode(ChecksumMode.ENABLED)))).isEqualTo(expected);
                }
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targetsAndSchemes")
    void sdkDefaultUploadSendsACrc32TrailerTheServerAccepts(S3Target target, Scheme scheme) {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "dflt");
        byte[] data = Payloads.random(1 << 20, 4);
        SentHeaders sent = new SentHeaders();
        try (S3Client s3 = SdkClients.sync(endpoint, scheme, endpoint.secretKey(), sent)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromBytes(data));
                assertThat(sent.last("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32");
                assertThat(sent.last("content-encoding")).isEqualTo("aws-chunked");
                assertThat(sent.last("x-amz-decoded-content-length")).isEqualTo(Integer.toString(data.length));

                ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("plain")
                        .checksumMode(ChecksumMode.ENABLED));
                assertThat(got.asByteArray()).isEqualTo(data);
                assertThat(got.response().contentLength()).isEqualTo(data.length);
                // aws-chunked is a transfer detail: it is not stored as the object's Content-Encoding.
                assertThat(got.response().contentEncoding()).isNotEqualTo("aws-chunked");
                if (!target.deviates(Deviation.TRAILER_CHECKSUM_NOT_STORED)) {
                    assertThat(got.response().checksumCRC32()).isEqualTo(Payloads.crc32(data));
                }
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targetsAndSchemes")
    void acceptsPrecomputedChecksumHeadersAndRefusesMismatches(S3Target target, Scheme scheme) {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "hdr");
        byte[] data = Payloads.random(50_000, 5);
        byte[] other = Payloads.random(50_000, 6);
        try (S3Client s3 = SdkClients.sync(endpoint, scheme)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                s3.putObject(b -> b.bucket(bucket).key("sha").checksumSHA256(Payloads.sha256(data)),
                        RequestBody.fromBytes(data));
                s3.putObject(b -> b.bucket(bucket).key("crc32c").checksumCRC32C(Payloads.crc32c(data)),
                        RequestBody.fromBytes(data));
                ResponseBytes<GetObjectResponse> sha = s3.getObjectAsBytes(b -> b.bucket(bucket).key("sha")
                        .checksumMode(ChecksumMode.ENABLED));
                assertThat(sha.asByteArray()).isEqualTo(data);
                assertThat(sha.response().checksumSHA256()).isEqualTo(Payloads.sha256(data));
                ResponseBytes<GetObjectResponse> crc = s3.getObjectAsBytes(b -> b.bucket(bucket).key("crc32c")
                        .checksumMode(ChecksumMode.ENABLED));
                assertThat(crc.asByteArray()).isEqualTo(data);
                assertThat(crc.response().checksumCRC32C()).isEqualTo(Payloads.crc32c(data));

                // Content-MD5 of other bytes: AWS answers 400 BadDigest.
                assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("md5")
                        .contentMD5(Payloads.md5Base64(other)), RequestBody.fromBytes(data)))
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(400);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                        });

                Runnable wrongCrc = () -> s3.putObject(b -> b.bucket(bucket).key("bad")
                        .checksumCRC32(Payloads.crc32(other)), RequestBody.fromBytes(data));
                Runnable wrongSha = () -> s3.putObject(b -> b.bucket(bucket).key("bad")
                        .checksumSHA256(Payloads.sha256(other)), RequestBody.fromBytes(data));
                for (Runnable put : new Runnable[] {wrongCrc, wrongSha}) {
                    assertThatThrownBy(put::run).isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                    });
                }
                assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("bad")).keyCount()).isZero();
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    private static String expectedChecksum(ChecksumAlgorithm alg, byte[] data) {
        return switch (alg) {
            case CRC32 -> Payloads.crc32(data);
            case CRC32_C -> Payloads.crc32c(data);
            case SHA1 -> Payloads.sha1(data);
            case SHA256 -> Payloads.sha256(data);
            default -> throw new IllegalArgumentException(alg.toString());
        };
    }

    private static String headerSuffix(ChecksumAlgorithm alg) {
        return alg.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static Function<Object, String> storedChecksum(ChecksumAlgorithm alg) {
        return r -> {
            if (r instanceof GetObjectResponse g) {
                return switch (alg) {
                    case CRC32 -> g.checksumCRC32();
                    case CRC32_C -> g.checksumCRC32C();
                    case SHA1 -> g.checksumSHA1();
                    case SHA256 -> g.checksumSHA256();
                    default -> null;
                };
            }
            var h = (software.amazon.awssdk.services.s3.model.HeadObjectResponse) r;
            return switch (alg) {
                case CRC32 -> h.checksumCRC32();
                case CRC32_C -> h.checksumCRC32C();
                case SHA1 -> h.checksumSHA1();
                case SHA256 -> h.checksumSHA256();
                default -> null;
            };
        };
    }
}
