package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.DeleteCondition;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.WriteConditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/** Conditional deletes on the filesystem backend: the check and the unlink are one step under the key's lock. */
class ConditionalDeleteTest {

    @TempDir
    Path dir;
    FilesystemBlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir).withFsync(FsyncPolicy.NO));
        join(store.createBucket("cdel"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aStaleEtagKeepsTheObjectAndTheCurrentOneDeletesIt() {
        String etag = put(store, "cdel", "k", "v1").etag();
        assertThat(errorCode(store.deleteObject("cdel", "k", DeleteCondition.ifMatch("\"0000\""))))
                .isEqualTo("PreconditionFailed");
        assertThat(getString(store, "cdel", "k")).isEqualTo("v1");
        join(store.deleteObject("cdel", "k", DeleteCondition.ifMatch("\"" + etag + "\"")));
        assertThat(errorCode(store.headObject("cdel", "k"))).isEqualTo("NoSuchKey");
    }

    @Test
    void aConditionOnAMissingKeyIsNoSuchKey() {
        assertThat(errorCode(store.deleteObject("cdel", "gone", DeleteCondition.ifMatch("*")))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.deleteObject("cdel", "gone", DeleteCondition.ifMatch("abc"))))
                .isEqualTo("NoSuchKey");
        assertThat(errorCode(store.deleteObject("nobucket", "gone", DeleteCondition.ifMatch("*"))))
                .isEqualTo("NoSuchBucket");
        put(store, "cdel", "there", "x");
        join(store.deleteObject("cdel", "there", DeleteCondition.ifMatch("*")));
        assertThat(errorCode(store.headObject("cdel", "there"))).isEqualTo("NoSuchKey");
    }

    @Test
    void deleteObjectsChecksEachKeysOwnCondition() {
        String a = put(store, "cdel", "a", "1").etag();
        put(store, "cdel", "b", "2");
        put(store, "cdel", "c", "3");
        List<BlobStoreException> results = join(store.deleteObjects("cdel", List.of("a", "b", "c", "d"),
                List.of(DeleteCondition.ifMatch(a), DeleteCondition.ifMatch("0000"), DeleteCondition.NONE,
                        DeleteCondition.ifMatch("*"))));
        assertThat(results.get(0)).isNull();
        assertThat(results.get(1).code()).isEqualTo("PreconditionFailed");
        assertThat(results.get(2)).isNull();
        assertThat(results.get(3).code()).isEqualTo("NoSuchKey");
        assertThat(getString(store, "cdel", "b")).isEqualTo("2");
        assertThat(errorCode(store.headObject("cdel", "a"))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.headObject("cdel", "c"))).isEqualTo("NoSuchKey");
    }

    /**
     * Deletes and If-Match PUTs all conditioned on the same version start together: exactly one wins each round,
     * and the key ends as that winner left it (gone, or the winning PUT's body).
     */
    @Test
    void racingConditionalDeletesAndUpdatesLetExactlyOneWin() throws Exception {
        int each = 4;
        ExecutorService pool = Executors.newFixedThreadPool(2 * each);
        try {
            for (int round = 0; round < 25; round++) {
                String etag = put(store, "cdel", "race", "base-" + round).etag();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return attempt(() -> join(store.deleteObject("cdel", "race", DeleteCondition.ifMatch(etag))),
                                "delete");
                    }));
                    String body = "put-" + round + "-" + i;
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return attempt(() -> put(store, "cdel", "race", body.getBytes(StandardCharsets.UTF_8),
                                ObjectProperties.EMPTY, new WriteConditions(etag, false), List.of()), body);
                    }));
                }
                start.countDown();
                List<String> winners = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    String won = f.get(30, TimeUnit.SECONDS);
                    if (won != null) {
                        winners.add(won);
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                if (winners.get(0).equals("delete")) {
                    assertThat(errorCode(store.headObject("cdel", "race"))).isEqualTo("NoSuchKey");
                } else {
                    assertThat(getString(store, "cdel", "race")).isEqualTo(winners.get(0));
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
