package io.trustgate.translators.s3.filesystem;

import io.netty.buffer.Unpooled;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.ObjectSummary;
import io.trustgate.s3.spi.PutObjectRequest;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 keys under one prefix, listed in pages of 1,000: order and completeness are asserted, times are only
 * printed (no thresholds; the machine is shared).
 */
class LargeListingTest {

    private static final int KEYS = 100_000;

    @TempDir
    Path dir;
    FilesystemBlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir).withFsync(FsyncPolicy.NO));
        join(store.createBucket("large"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void pagesThroughOneHundredThousandKeysUnderOnePrefix() throws Exception {
        long t0 = System.nanoTime();
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            inFlight.acquire();
            puts.add(putAsync(key(i)).whenComplete((ok, err) -> inFlight.release()));
        }
        // neighbours of the prefix, which must not leak into its pages
        for (String k : List.of("data", "data-", "data.", "data0", "dat", "datb/x")) {
            puts.add(putAsync(k));
        }
        CompletableFuture.allOf(puts.toArray(new CompletableFuture[0])).join();
        long t1 = System.nanoTime();

        int pages = 0;
        int seen = 0;
        String marker = "";
        long firstPage = 0;
        while (true) {
            long p0 = System.nanoTime();
            ObjectListing page = join(store.listObjects(new ListObjectsRequest("large", "data/", null, marker, 1000)));
            if (pages == 0) {
                firstPage = System.nanoTime() - p0;
            }
            for (ObjectSummary o : page.objects()) {
                assertThat(o.key()).isEqualTo(key(seen));
                assertThat(o.size()).isEqualTo(o.key().length());
                seen++;
            }
            pages++;
            if (!page.truncated()) {
                break;
            }
            assertThat(page.objects()).hasSize(1000);
            assertThat(page.nextMarker()).isEqualTo(key(seen - 1));
            marker = page.nextMarker();
        }
        long t2 = System.nanoTime();
        assertThat(seen).isEqualTo(KEYS);
        assertThat(pages).isEqualTo(KEYS / 1000);

        ObjectListing middle = join(store.listObjects(new ListObjectsRequest("large", "data/", null,
                key(54_321), 1000)));
        assertThat(middle.objects().get(0).key()).isEqualTo(key(54_322));
        assertThat(middle.objects()).hasSize(1000);
        ObjectListing root = join(store.listObjects(new ListObjectsRequest("large", "", "/", "", 1000)));
        assertThat(root.commonPrefixes()).containsExactly("data/", "datb/");
        assertThat(root.objects()).extracting(ObjectSummary::key).containsExactly("dat", "data", "data-", "data.",
                "data0");
        long t3 = System.nanoTime();
        System.out.printf("LargeListingTest: %d puts in %d ms; %d pages of 1000 in %d ms (first page, which loads "
                        + "the directory index, %d ms); seek + delimiter listings %d ms%n", KEYS + 6,
                (t1 - t0) / 1_000_000, pages, (t2 - t1) / 1_000_000, firstPage / 1_000_000, (t3 - t2) / 1_000_000);

        // a fresh store has no index: the first page reads the directory once, later pages seek
        store.close();
        store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir).withFsync(FsyncPolicy.NO));
        long c0 = System.nanoTime();
        ObjectListing cold = join(store.listObjects(new ListObjectsRequest("large", "data/", null, key(99_000), 1000)));
        long c1 = System.nanoTime();
        ObjectListing warm = join(store.listObjects(new ListObjectsRequest("large", "data/", null, key(1_000), 1000)));
        long c2 = System.nanoTime();
        assertThat(cold.objects()).hasSize(999);
        assertThat(cold.truncated()).isFalse();
        assertThat(warm.objects().get(999).key()).isEqualTo(key(2_000));
        System.out.printf("LargeListingTest: after restart, cold page %d ms, warm page %d ms%n",
                (c1 - c0) / 1_000_000, (c2 - c1) / 1_000_000);
    }

    private CompletableFuture<?> putAsync(String key) {
        byte[] body = key.getBytes(StandardCharsets.UTF_8);
        return store.putObject(new PutObjectRequest("large", key, body.length, ObjectProperties.EMPTY,
                        WriteConditions.NONE))
                .thenCompose(w -> w.write(Unpooled.wrappedBuffer(body)).thenCompose(v -> w.commit(
                        Blobs.digest(body, List.of()))))
                .toCompletableFuture();
    }

    private static String key(int i) {
        return String.format("data/%06d", i);
    }
}
