package io.trustgate.translators.s3.azure;

import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.DeleteCondition;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.WriteConditions;
import io.trustgate.testsupport.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.getString;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static io.trustgate.translators.s3.filesystem.Blobs.put;
import static org.assertj.core.api.Assertions.assertThat;

/** Conditional deletes of {@link AzureBlobStore} against a real Azurite: S3 answers and the Azure If-Match pin. */
class AzureConditionalDeleteIT {

    private static AzureBlobStore store;
    private static String bucket;

    @BeforeAll
    static void start() {
        Azurite.require();
        store = AzureBlobStore.open(new AzureStoreConfig(Azurite.CONNECTION_STRING, 64 * 1024, 8));
        bucket = "tg-azure-cd-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(bucket));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aStaleEtagIsPreconditionFailedAndTheCurrentOneDeletes() {
        String etag = put(store, bucket, "k", "v1").etag();
        assertThat(errorCode(store.deleteObject(bucket, "k", DeleteCondition.ifMatch("\"0000\""))))
                .isEqualTo("PreconditionFailed");
        assertThat(getString(store, bucket, "k")).isEqualTo("v1");
        join(store.deleteObject(bucket, "k", DeleteCondition.ifMatch("\"" + etag + "\"")));
        assertThat(errorCode(store.headObject(bucket, "k"))).isEqualTo("NoSuchKey");
    }

    @Test
    void aConditionOnAMissingKeyIsNoSuchKeyAndOnAMissingBucketNoSuchBucket() {
        assertThat(errorCode(store.deleteObject(bucket, "gone", DeleteCondition.ifMatch("*")))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.deleteObject(bucket, "gone", DeleteCondition.ifMatch("abc"))))
                .isEqualTo("NoSuchKey");
        assertThat(errorCode(store.deleteObject(bucket, "back\\slash", DeleteCondition.ifMatch("*"))))
                .isEqualTo("NoSuchKey");
        assertThat(errorCode(store.deleteObject("tg-no-such-bucket-cd", "k", DeleteCondition.ifMatch("*"))))
                .isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.deleteObject("tg-no-such-bucket-cd", "k", DeleteCondition.ifMatch("abc"))))
                .isEqualTo("NoSuchBucket");
        put(store, bucket, "there", "x");
        join(store.deleteObject(bucket, "there", DeleteCondition.ifMatch("*")));
        assertThat(errorCode(store.headObject(bucket, "there"))).isEqualTo("NoSuchKey");
    }

    @Test
    void deleteObjectsChecksEachKeysOwnCondition() {
        String a = put(store, bucket, "m/a", "1").etag();
        put(store, bucket, "m/b", "2");
        put(store, bucket, "m/c", "3");
        List<BlobStoreException> results = join(store.deleteObjects(bucket, List.of("m/a", "m/b", "m/c", "m/d"),
                List.of(DeleteCondition.ifMatch(a), DeleteCondition.ifMatch("0000"), DeleteCondition.NONE,
                        DeleteCondition.ifMatch("*"))));
        assertThat(results.get(0)).isNull();
        assertThat(results.get(1).code()).isEqualTo("PreconditionFailed");
        assertThat(results.get(2)).isNull();
        assertThat(results.get(3).code()).isEqualTo("NoSuchKey");
        assertThat(getString(store, bucket, "m/b")).isEqualTo("2");
        assertThat(errorCode(store.headObject(bucket, "m/a"))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.headObject(bucket, "m/c"))).isEqualTo("NoSuchKey");
    }

    @Test
    void aWriteBetweenTheCompareAndTheDeleteIsAConflictAndSurvives() {
        String etag = put(store, bucket, "between", "old").etag();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ConditionalDelete.delete(store, bucket,
                "between", DeleteCondition.ifMatch(etag), () -> put(store, bucket, "between", "old")));
        assertThat(t).isInstanceOfSatisfying(BlobStoreException.class,
                e -> assertThat(e.code()).isEqualTo("ConditionalRequestConflict"));
        assertThat(getString(store, bucket, "between")).isEqualTo("old");
        Throwable gone = org.assertj.core.api.Assertions.catchThrowable(() -> ConditionalDelete.delete(store, bucket,
                "between", DeleteCondition.ifMatch(etag), () -> join(store.deleteObject(bucket, "between"))));
        // Azurite answers the pinned delete of a blob deleted meanwhile 412 (a conflict), Azure may answer 404
        assertThat(AzureErrors.toS3(gone, bucket, "between").code()).isIn("ConditionalRequestConflict", "NoSuchKey");
        assertThat(errorCode(store.headObject(bucket, "between"))).isEqualTo("NoSuchKey");
    }

    /**
     * Deletes and If-Match PUTs all conditioned on the same version start together: exactly one wins each round
     * (Azure's If-Match on the compared version decides), and the key ends as that winner left it.
     */
    @Test
    void racingConditionalDeletesAndUpdatesLetExactlyOneWin() throws Exception {
        int each = 3;
        ExecutorService pool = Executors.newFixedThreadPool(2 * each);
        try {
            for (int round = 0; round < 10; round++) {
                String key = "race-" + round;
                String etag = put(store, bucket, key, "base-" + round).etag();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return attempt(() -> join(store.deleteObject(bucket, key, DeleteCondition.ifMatch(etag))),
                                "delete");
                    }));
                    String body = "put-" + round + "-" + i;
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return attempt(() -> put(store, bucket, key, body.getBytes(StandardCharsets.UTF_8),
                                ObjectProperties.EMPTY, new WriteConditions(etag, false), List.of()), body);
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
                assertThat(winners).as("round %d", round).hasSize(1);
                if (winners.get(0).equals("delete")) {
                    assertThat(errorCode(store.headObject(bucket, key))).isEqualTo("NoSuchKey");
                } else {
                    assertThat(getString(store, bucket, key)).isEqualTo(winners.get(0));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code label} when {@code call} succeeded, null when it failed with a condition error (else it throws). */
    private static String attempt(Runnable call, String label) {
        try {
            call.run();
            return label;
        } catch (BlobStoreException e) {
            assertThat(e.code()).isIn("PreconditionFailed", "NoSuchKey", "ConditionalRequestConflict");
            return null;
        }
    }
}
