package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listing index stays in step with the disk while puts, deletes (which prune directories) and listings (which
 * load directories, and with a tiny cache keep evicting them) run at once.
 */
class DirectoryIndexTest {

    @TempDir
    Path dir;

    @Test
    void listingAgreesWithTheDiskAfterConcurrentPutsDeletesAndLoads() throws Exception {
        FilesystemStoreConfig config = new FilesystemStoreConfig(dir, FsyncPolicy.NO, 4, 0, 3);
        try (FilesystemBlobStore store = FilesystemBlobStore.open(config)) {
            join(store.createBucket("index"));
            ConcurrentHashMap<String, Boolean> present = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            AtomicBoolean done = new AtomicBoolean();
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    writers.add(pool.submit(() -> {
                        Random random = new Random(thread);
                        for (int i = 0; i < 400; i++) {
                            // each thread owns its keys, so the final state per key is known
                            String key = "d" + random.nextInt(3) + "/e" + random.nextInt(3) + "/k" + thread + "-"
                                    + random.nextInt(15);
                            if (random.nextInt(3) == 0) {
                                join(store.deleteObject("index", key));
                                present.remove(key);
                            } else {
                                Blobs.put(store, "index", key, "v");
                                present.put(key, true);
                            }
                        }
                        return null;
                    }));
                }
                List<Future<?>> listers = new ArrayList<>();
                for (int l = 0; l < 2; l++) {
                    String delimiter = l == 0 ? null : "/";
                    listers.add(pool.submit(() -> {
                        while (!done.get()) {
                            join(store.listObjects(new ListObjectsRequest("index", "", delimiter, "", 1000)));
                            join(store.listObjects(new ListObjectsRequest("index", "d1/", delimiter, "", 1000)));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : writers) {
                    f.get();
                }
                done.set(true);
                for (Future<?> f : listers) {
                    f.get();
                }
            } finally {
                done.set(true);
                pool.shutdownNow();
            }
            ObjectListing all = join(store.listObjects(new ListObjectsRequest("index", "", null, "", 1000)));
            assertThat(all.objects()).extracting(ObjectSummary::key)
                    .containsExactlyElementsOf(new TreeSet<>(present.keySet()));
            assertThat(all.truncated()).isFalse();
        }
        // a fresh store (no index) sees the same
        try (FilesystemBlobStore reopened = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir))) {
            ObjectListing all = join(reopened.listObjects(new ListObjectsRequest("index", "", "/", "", 1000)));
            assertThat(all.objects()).isEmpty();
            assertThat(all.commonPrefixes()).allMatch(p -> p.matches("d[0-2]/"));
        }
    }
}
