package io.trustgate.translators.s3.azure;

import io.netty.buffer.ByteBufAllocator;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CompletedPart;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.UploadPartRequest;
import io.trustgate.s3.spi.WriteConditions;
import io.trustgate.testsupport.Azurite;
import io.trustgate.translators.s3.filesystem.Blobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.trustgate.translators.s3.filesystem.Blobs.digest;
import static io.trustgate.translators.s3.filesystem.Blobs.get;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static io.trustgate.translators.s3.filesystem.Blobs.md5;
import static io.trustgate.translators.s3.filesystem.Blobs.put;
import static io.trustgate.translators.s3.filesystem.Blobs.writeChunks;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes that overlap on one key against a real Azurite: on S3 every PUT succeeds and the last one wins, an open
 * multipart upload keeps its parts whatever else is written to its key, and a GET under way is served to its end. Azure discards a blob's uncommitted
 * blocks when any write commits it, so none of these may depend on blocks staged on the key's blob.
 */
class AzureConcurrentWritesIT {

    private static final int WRITERS = 8;
    private static final int BLOCK = 64 * 1024;

    private static AzureBlobStore store;
    private static String bucket;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        Azurite.require();
        store = AzureBlobStore.open(new AzureStoreConfig(Azurite.CONNECTION_STRING, BLOCK, WRITERS));
        bucket = "tg-azure-cw-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(bucket));
        pool = Executors.newFixedThreadPool(WRITERS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (store != null) {
            store.close();
        }
    }

    /** 1000 bytes: one Put Blob each; 150 KiB: staged blocks (three per body) on a staging blob each. */
    @ParameterizedTest
    @ValueSource(ints = {1000, 150 * 1024})
    void concurrentPutsOfOneKeyAllSucceedAndTheLastWins(int size) throws Exception {
        String key = "same/" + size;
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) ('A' + i));
            bodies.add(body);
        }
        for (int round = 0; round < 3; round++) {
            // every writer has sent its whole body before any commits: the widest overlap there is
            CyclicBarrier bodiesSent = new CyclicBarrier(WRITERS);
            List<Future<ObjectInfo>> results = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                byte[] body = bodies.get(i);
                results.add(pool.submit(() -> {
                    BlobWriter<ObjectInfo> w = join(store.putObject(new PutObjectRequest(bucket, key, body.length,
                            ObjectProperties.EMPTY, WriteConditions.NONE)));
                    writeChunks(w, body);
                    bodiesSent.await(30, TimeUnit.SECONDS);
                    return join(w.commit(digest(body, List.of())));
                }));
            }
            for (int i = 0; i < WRITERS; i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS).etag()).as("round %d writer %d", round, i)
                        .isEqualTo(md5(bodies.get(i)));
            }
            byte[] stored = get(store, bucket, key);
            assertThat(bodies).anySatisfy(b -> assertThat(stored).isEqualTo(b));
            assertThat(join(store.headObject(bucket, key)).etag()).isEqualTo(md5(stored));
        }
    }

    /** If-None-Match: * from 8 writers at once: exactly one creates the key, the others fail without writing. */
    @ParameterizedTest
    @ValueSource(ints = {1000, 150 * 1024})
    void concurrentCreateOnlyPutsLetExactlyOneWin(int size) throws Exception {
        String key = "create-only/" + size + "/" + UUID.randomUUID();
        CyclicBarrier bodiesSent = new CyclicBarrier(WRITERS);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) ('A' + i));
            results.add(pool.submit(() -> {
                BlobWriter<ObjectInfo> w = join(store.putObject(new PutObjectRequest(bucket, key, body.length,
                        ObjectProperties.EMPTY, new WriteConditions(null, true))));
                writeChunks(w, body);
                bodiesSent.await(30, TimeUnit.SECONDS);
                try {
                    return join(w.commit(digest(body, List.of()))).etag();
                } catch (io.trustgate.s3.spi.BlobStoreException e) {
                    return e.code();
                }
            }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        String stored = md5(get(store, bucket, key));
        assertThat(outcomes).containsOnlyOnce(stored);
        assertThat(outcomes.stream().filter(o -> !o.equals(stored)))
                .allSatisfy(o -> assertThat(o).isIn("PreconditionFailed", "ConditionalRequestConflict"))
                .hasSize(WRITERS - 1);
    }

    @Test
    void openMultipartUploadsKeepTheirPartsThroughOtherWritesOfTheKey() throws Exception {
        String key = "mp/" + UUID.randomUUID();
        MultipartUpload first = create(key);
        MultipartUpload second = create(key);
        byte[] one = filled(100, 'x');
        byte[] two = filled(200_000, 'y');
        PartInfo p1 = uploadPart(first, key, one);
        PartInfo p2 = uploadPart(second, key, two);
        // a plain PUT of the key, one Put Blob and one staged, lands while both uploads are open
        put(store, bucket, key, filled(10, 'p'));
        put(store, bucket, key, filled(3 * BLOCK, 'q'));
        // both Completes run at once
        Callable<ObjectInfo> completeFirst = () -> complete(first, key, p1);
        Callable<ObjectInfo> completeSecond = () -> complete(second, key, p2);
        Future<ObjectInfo> a = pool.submit(completeFirst);
        Future<ObjectInfo> b = pool.submit(completeSecond);
        assertThat(a.get(60, TimeUnit.SECONDS).size()).isEqualTo(one.length);
        assertThat(b.get(60, TimeUnit.SECONDS).size()).isEqualTo(two.length);
        byte[] stored = get(store, bucket, key);
        assertThat(stored).satisfiesAnyOf(s -> assertThat(s).isEqualTo(one), s -> assertThat(s).isEqualTo(two));
        // a PUT after a Complete, then a third upload that is completed after another PUT
        MultipartUpload third = create(key);
        PartInfo p3 = uploadPart(third, key, filled(BLOCK + 1, 'z'));
        put(store, bucket, key, filled(5, 'r'));
        complete(third, key, p3);
        assertThat(get(store, bucket, key)).isEqualTo(filled(BLOCK + 1, 'z'));
    }

    /** S3 serves a GET that began before an overwrite to its end, from the version it began with. */
    @Test
    void aReadKeepsItsVersionWhenTheObjectIsReplacedMidway() {
        String key = "read/" + UUID.randomUUID();
        byte[] before = filled(8 * 1024 * 1024, 'a');
        before[before.length - 1] = 'e';
        byte[] after = filled(8 * 1024 * 1024, 'b');
        put(store, bucket, key, before);
        try (BlobReader r = join(store.openObject(bucket, key))) {
            byte[] head = Blobs.read(r, 0, 100_000);
            put(store, bucket, key, after);
            byte[] rest = Blobs.read(r, 100_000, before.length - 100_000);
            byte[] whole = new byte[before.length];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(rest, 0, whole, head.length, rest.length);
            assertThat(whole).isEqualTo(before);
            // a read elsewhere needs a new request, which must not mix in the new version
            assertThat(Blobs.errorCode(r.read(10, 10, ByteBufAllocator.DEFAULT))).isEqualTo("PreconditionFailed");
        }
        assertThat(get(store, bucket, key)).isEqualTo(after);
    }

    private static MultipartUpload create(String key) {
        return join(store.createMultipartUpload(new CreateMultipartRequest(bucket, key, ObjectProperties.EMPTY,
                null, null)));
    }

    private static PartInfo uploadPart(MultipartUpload upload, String key, byte[] data) {
        BlobWriter<PartInfo> w = join(store.uploadPart(new UploadPartRequest(bucket, key, upload.uploadId(), 1,
                data.length)));
        writeChunks(w, data);
        return join(w.commit(digest(data, List.of())));
    }

    private static ObjectInfo complete(MultipartUpload upload, String key, PartInfo part) {
        return join(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, key, upload.uploadId(),
                List.of(new CompletedPart(1, part.etag())), WriteConditions.NONE, List.of())));
    }

    private static byte[] filled(int size, char c) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
