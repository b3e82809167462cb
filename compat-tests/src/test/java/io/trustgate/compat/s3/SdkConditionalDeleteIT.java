package io.trustgate.compat.s3;

import io.trustgate.compat.s3.S3Endpoint.Scheme;
import io.trustgate.compat.s3.S3Target.Deviation;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.trustgate.compat.s3.SdkErrorsIT.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conditional deletes as an SDK application sends them (AWS SDK for Java v2: {@code DeleteObjectRequest.ifMatch},
 * {@code ObjectIdentifier.eTag}): AWS answers a stale ETag 412 PreconditionFailed and keeps the object, an If-Match
 * on a missing key 404 NoSuchKey, and reports a failed {@code <ETag>} of DeleteObjects per object. Lanes with
 * {@link Deviation#CONDITIONAL_DELETE_NOT_IMPLEMENTED} answer 501 and must delete nothing.
 */
@Timeout(180)
class SdkConditionalDeleteIT {

    private static final String STALE = "\"00000000000000000000000000000000\"";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targets")
    void conditionalDeletesAnswerAsAwsDoes(S3Target target) {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "cdel");
        try (S3Client s3 = SdkClients.sync(endpoint, Scheme.HTTP)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                String etag = put(s3, bucket, "k", "one");
                put(s3, bucket, "other", "two");
                if (target.deviates(Deviation.CONDITIONAL_DELETE_NOT_IMPLEMENTED)) {
                    assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch(STALE)), 501,
                            "NotImplemented");
                    assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch(etag)), 501,
                            "NotImplemented");
                    assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("nope").ifMatch("*")), 501,
                            "NotImplemented");
                    assertS3Error(() -> s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                            ObjectIdentifier.builder().key("k").eTag(STALE).build(),
                            ObjectIdentifier.builder().key("other").build()))), 501, "NotImplemented");
                    assertThat(read(s3, bucket, "k")).isEqualTo("one");
                    assertThat(read(s3, bucket, "other")).isEqualTo("two");
                    return;
                }
                assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch(STALE)), 412,
                        "PreconditionFailed");
                assertThat(read(s3, bucket, "k")).isEqualTo("one");
                assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("nope").ifMatch("*")), 404,
                        "NoSuchKey");
                assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("nope").ifMatch(etag)), 404,
                        "NoSuchKey");

                DeleteObjectsResponse many = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                        ObjectIdentifier.builder().key("k").eTag(STALE).build(),
                        ObjectIdentifier.builder().key("other").eTag("*").build(),
                        ObjectIdentifier.builder().key("nope").eTag("*").build())));
                Map<String, String> errors = many.errors().stream()
                        .collect(Collectors.toMap(S3Error::key, S3Error::code));
                assertThat(errors).containsExactlyInAnyOrderEntriesOf(Map.of("k", "PreconditionFailed",
                        "nope", "NoSuchKey"));
                assertThat(many.deleted()).extracting(DeletedObject::key).containsExactly("other");
                assertThat(read(s3, bucket, "k")).isEqualTo("one");

                s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch(etag));
                assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("k")))
                        .isInstanceOf(NoSuchKeyException.class);
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        }
    }

    /**
     * Several clients hold the same ETag and race: half delete with If-Match, half overwrite with If-Match. At most
     * one may succeed (on a lane that checks conditions exactly one does, and the key is what the winner left);
     * where conditional deletes are refused, only deletes race and none deletes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.trustgate.compat.s3.Lanes#targets")
    void racingConditionalDeletesAndUpdatesHaveAtMostOneWinner(S3Target target) throws Exception {
        S3Endpoint endpoint = S3Servers.endpoint(target);
        String bucket = SdkClients.bucketName(target, "cdrace");
        boolean refused = target.deviates(Deviation.CONDITIONAL_DELETE_NOT_IMPLEMENTED);
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (S3Client s3 = SdkClients.sync(endpoint, Scheme.HTTP)) {
            s3.createBucket(b -> b.bucket(bucket));
            try {
                for (int round = 0; round < 5; round++) {
                    String key = "race-" + round;
                    String base = "base-" + round;
                    String etag = put(s3, bucket, key, base);
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<String>> outcomes = new ArrayList<>();
                    for (int i = 0; i < clients; i++) {
                        String body = "put-" + round + "-" + i;
                        Callable<String> op = refused || i % 2 == 0
                                ? () -> {
                                    s3.deleteObject(b -> b.bucket(bucket).key(key).ifMatch(etag));
                                    return "delete";
                                }
                                : () -> {
                                    s3.putObject(b -> b.bucket(bucket).key(key).ifMatch(etag),
                                            RequestBody.fromString(body));
                                    return body;
                                };
                        outcomes.add(pool.submit(() -> {
                            start.await();
                            try {
                                return op.call();
                            } catch (S3Exception e) {
                                assertThat(e.awsErrorDetails().errorCode()).isIn(refused
                                        ? List.of("NotImplemented")
                                        : List.of("PreconditionFailed", "NoSuchKey", "ConditionalRequestConflict"));
                                return null;
                            }
                        }));
                    }
                    start.countDown();
                    List<String> winners = new ArrayList<>();
                    for (Future<String> f : outcomes) {
                        String won = f.get(60, TimeUnit.SECONDS);
                        if (won != null) {
                            winners.add(won);
                        }
                    }
                    if (refused) {
                        assertThat(winners).as("round %d", round).isEmpty();
                        assertThat(read(s3, bucket, key)).isEqualTo(base);
                    } else if (winners.size() == 1 && winners.get(0).equals("delete")) {
                        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key(key)))
                                .isInstanceOf(NoSuchKeyException.class);
                    } else {
                        assertThat(winners).as("round %d", round).hasSize(1);
                        assertThat(read(s3, bucket, key)).isEqualTo(winners.get(0));
                    }
                }
            } finally {
                SdkClients.deleteBucket(s3, bucket);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String put(S3Client s3, String bucket, String key, String body) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body)).eTag();
    }

    private static String read(S3Client s3, String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }
}
