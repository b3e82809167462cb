package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.WriteConditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;

/** Puts of one key race each other and readers: every read sees one whole version, the last commit wins. */
class ConcurrentWritesTest {

    private static final int SIZE = 200_000;

    @TempDir
    Path dir;
    FilesystemBlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir).withFsync(FsyncPolicy.NO));
        join(store.createBucket("race"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theLastCommitWinsWhateverOrderTheBodiesArrived() {
        BlobWriter<ObjectInfo> first = writer();
        BlobWriter<ObjectInfo> second = writer();
        byte[] a = uniform((byte) 'A');
        byte[] b = uniform((byte) 'B');
        Blobs.writeChunks(second, b);
        Blobs.writeChunks(first, a);
        join(second.commit(Blobs.digest(b, List.of())));
        join(first.commit(Blobs.digest(a, List.of())));
        assertThat(Blobs.get(store, "race", "key")).isEqualTo(a);
        assertThat(join(store.headObject("race", "key")).etag()).isEqualTo(Blobs.md5(a));
    }

    @Test
    void concurrentPutsAndReadsNeverSeeAMixedObject() throws Exception {
        Blobs.put(store, "race", "key", uniform((byte) 0));
        int writers = 6;
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ConcurrentHashMap<Byte, String> etags = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 1; w <= writers; w++) {
                byte value = (byte) w;
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        ObjectInfo info = Blobs.put(store, "race", "key", uniform(value));
                        etags.put(value, info.etag());
                    }
                    return null;
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    while (!done.get()) {
                        try (BlobReader reader = join(store.openObject("race", "key"))) {
                            byte[] got = Blobs.read(reader, 0, reader.info().size());
                            assertThat(got).hasSize(SIZE);
                            byte first = got[0];
                            for (byte x : got) {
                                if (x != first) {
                                    throw new AssertionError("mixed object: " + first + " and " + x);
                                }
                            }
                            assertThat(reader.info().etag()).isEqualTo(Blobs.md5(got));
                            reads.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            done.set(true);
            for (Future<?> f : readers) {
                f.get();
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        byte[] last = Blobs.get(store, "race", "key");
        assertThat(etags.get(last[0])).isEqualTo(Blobs.md5(last));
        assertThat(reads.get()).isPositive();
        assertThat(dir.resolve("race/tmp").toFile().list()).isEmpty();
    }

    @Test
    void concurrentConditionalCreatesLetExactlyOneWin() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        List<BlobWriter<ObjectInfo>> writers = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            writers.add(join(store.putObject(new PutObjectRequest("race", "once", -1, ObjectProperties.EMPTY,
                    new WriteConditions(null, true)))));
        }
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                BlobWriter<ObjectInfo> w = writers.get(i);
                byte[] body = uniform((byte) i);
                outcomes.add(pool.submit(() -> {
                    Blobs.writeChunks(w, body);
                    try {
                        join(w.commit(Blobs.digest(body, List.of())));
                        return "won";
                    } catch (BlobStoreException e) {
                        return e.code();
                    }
                }));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get());
            }
            assertThat(results).filteredOn("won"::equals).hasSize(1);
            assertThat(results).filteredOn(r -> !r.equals("won")).containsOnly("ConditionalRequestConflict");
        } finally {
            pool.shutdownNow();
        }
    }

    private BlobWriter<ObjectInfo> writer() {
        return join(store.putObject(new PutObjectRequest("race", "key", SIZE, ObjectProperties.EMPTY,
                WriteConditions.NONE)));
    }

    private static byte[] uniform(byte value) {
        byte[] b = new byte[SIZE];
        java.util.Arrays.fill(b, value);
        return b;
    }
}
