package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.trustgate.compat.s3.SdkErrorsIT.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What trustgate does, on every backend, with requests no backend here can honour and with the AWS error shapes
 * SDKs read: version ids other than null (400, nothing touched), encryption / object lock / tagging / storage
 * classes (501 or 400, nothing stored), ListObjects V1 NextMarker, 416 Content-Range, bucket names AWS reserves,
 * oversized metadata, two checksum headers. The gateway decides all of them before asking the backend, so they
 * run on the trustgate lanes (the reference S3Proxy answers several with 501 of its own). HTTPS: the SDK sends
 * customer keys (SSE-C) only over TLS.
 */
@Timeout(120)
class SdkSemanticsIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.trustgate.compat.s3.Lanes#gatewayTargets")
    void versionsOtherThanNullAreRefusedAndTouchNothing(S3Target target) {
        String bucket = SdkClients.bucketName(target, "ver");
        try (S3Client s3 = SdkClients.sync(S3Servers.endpoint(target), Scheme.HTTPS)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("current"));
                s3.putObject(b -> b.bucket(bucket).key("other"), RequestBody.fromString("o"));
                String id = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY";
                assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(id)), 400,
                        "InvalidArgument");
                assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("k").versionId(id)))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
                assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(id)), 400,
                        "InvalidArgument");
                DeleteObjectsResponse many = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                        o -> o.key("k").versionId(id), o -> o.key("other"))));
                assertThat(many.errors()).singleElement().satisfies(e -> {
                    assertThat(e.key()).isEqualTo("k");
                    assertThat(e.code()).isEqualTo("InvalidArgument");
                    assertThat(e.message()).isEqualTo("Invalid version id specified");
                });
                assertThat(many.deleted()).extracting(d -> d.key()).containsExactly("other");
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String())
                        .as("the object a refused request named").isEqualTo("current");

                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId("null")).asUtf8String())
                        .isEqualTo("current");
                s3.deleteObject(b -> b.bucket(bucket).key("k").versionId("null"));
                assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("k")), 404, "NoSuchKey");
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.trustgate.compat.s3.Lanes#gatewayTargets")
    void writesAskingForWhatNoBackendHonoursAreRefusedAndStoreNothing(S3Target target) throws Exception {
        String bucket = SdkClients.bucketName(target, "refuse");
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String keyB64 = Base64.getEncoder().encodeToString(key);
        String keyMd5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
        try (S3Client s3 = SdkClients.sync(S3Servers.endpoint(target), Scheme.HTTPS)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromString("s"));
                Map<String, Consumer<PutObjectRequest.Builder>> notImplemented = Map.of(
                        "SSE-C", b -> b.sseCustomerAlgorithm("AES256").sseCustomerKey(keyB64).sseCustomerKeyMD5(keyMd5),
                        "SSE-S3", b -> b.serverSideEncryption(ServerSideEncryption.AES256),
                        "SSE-KMS", b -> b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("alias/k"),
                        "object lock", b -> b.objectLockMode(ObjectLockMode.GOVERNANCE)
                                .objectLockRetainUntilDate(Instant.parse("2030-01-01T00:00:00Z")),
                        "legal hold", b -> b.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                        "tagging", b -> b.tagging("project=x"),
                        "GLACIER", b -> b.storageClass(StorageClass.GLACIER));
                notImplemented.forEach((what, header) -> assertS3Error(() -> s3.putObject(
                        b -> header.accept(b.bucket(bucket).key("refused")), RequestBody.fromString("x")), 501,
                        "NotImplemented"));
                assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("refused").storageClass("BOGUS"),
                        RequestBody.fromString("x")), 400, "InvalidStorageClass");
                assertS3Error(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("refused")
                        .serverSideEncryption(ServerSideEncryption.AES256)), 501, "NotImplemented");
                assertS3Error(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("refused")
                        .tagging("project=x")), 501, "NotImplemented");
                assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                        .destinationBucket(bucket).destinationKey("refused")
                        .serverSideEncryption(ServerSideEncryption.AES256)), 501, "NotImplemented");
                assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                        .destinationBucket(bucket).destinationKey("refused").storageClass(StorageClass.STANDARD_IA)),
                        501, "NotImplemented");
                assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("refused")), 404, "NoSuchKey");
                assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();

                s3.putObject(b -> b.bucket(bucket).key("standard").storageClass(StorageClass.STANDARD),
                        RequestBody.fromString("s"));
                assertThat(s3.headObject(b -> b.bucket(bucket).key("standard")).serverSideEncryption())
                        .as("no encryption is claimed").isNull();

                String locked = SdkClients.bucketName(target, "locked");
                assertS3Error(() -> s3.createBucket(b -> b.bucket(locked).objectLockEnabledForBucket(true)), 501,
                        "NotImplemented");
                assertS3Error(() -> s3.headBucket(b -> b.bucket(locked)), 404, "NoSuchBucket");
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.trustgate.compat.s3.Lanes#gatewayTargets")
    void errorsAndListingsHaveTheShapeAwsGivesThem(S3Target target) {
        String bucket = SdkClients.bucketName(target, "shape");
        try (S3Client s3 = SdkClients.sync(S3Servers.endpoint(target), Scheme.HTTPS)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                for (String k : List.of("a/1", "a/2", "b")) {
                    s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString("0123456789"));
                }
                assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("b").range("bytes=100-200")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(416);
                            assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Content-Range"))
                                    .hasValue("bytes */10");
                        });

                ListObjectsResponse plain = s3.listObjects(b -> b.bucket(bucket).maxKeys(1));
                assertThat(plain.isTruncated()).isTrue();
                assertThat(plain.nextMarker()).as("no NextMarker without a delimiter").isNull();
                ListObjectsResponse delimited = s3.listObjects(b -> b.bucket(bucket).maxKeys(1).delimiter("/"));
                assertThat(delimited.isTruncated()).isTrue();
                assertThat(delimited.nextMarker()).isEqualTo("a/");

                // (the SDK itself refuses a name formatted as an IP address; boto3 sends it: s3_compat.py)
                for (String name : List.of("xn--" + bucket.substring(4), bucket + "-s3alias")) {
                    assertS3Error(() -> s3.createBucket(b -> b.bucket(name)), 400, "InvalidBucketName");
                }
                assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("meta")
                        .metadata(Map.of("big", "v".repeat(2046))), RequestBody.fromString("m")), 400,
                        "MetadataTooLarge");
                assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("sums").checksumCRC32("NSRBwg==")
                        .overrideConfiguration(o -> o.putHeader("x-amz-checksum-sha1",
                                "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=")), RequestBody.fromString("abc")), 400,
                        "InvalidRequest");
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }
}
