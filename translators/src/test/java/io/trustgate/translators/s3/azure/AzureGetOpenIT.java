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
import io.trustgate.s3.spi.ReadHints;
import io.trustgate.s3.spi.UploadPartCopyRequest;
import io.trustgate.s3.spi.UploadPartRequest;
import io.trustgate.s3.spi.WriteConditions;
import io.trustgate.testsupport.Azurite;
import io.trustgate.translators.s3.filesystem.Blobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static io.trustgate.translators.s3.filesystem.Blobs.md5;
import static io.trustgate.translators.s3.filesystem.Blobs.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetObject's open on a real Azurite: the version a GET serves is the one whose first bytes it already asked for,
 * so an overwrite right after the open (the moment between reading the attributes and starting the body, where a
 * separate Get Blob Properties left the pinned Get Blob to fail with 412 although nothing was sent yet) changes
 * nothing, as on S3.
 */
class AzureGetOpenIT {

    private static final int SIZE = 4 * 1024 * 1024;

    private static AzureBlobStore store;
    private static String bucket;

    @BeforeAll
    static void start() {
        Azurite.require();
        store = AzureBlobStore.open(new AzureStoreConfig(Azurite.CONNECTION_STRING, 64 * 1024, 4));
        bucket = "tg-azure-get-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(bucket));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aGetOverwrittenRightAfterItsOpenServesTheVersionItOpened() {
        String key = "race/" + UUID.randomUUID();
        byte[] before = filled(SIZE, 'a');
        put(store, bucket, key, before);
        try (BlobReader r = join(store.openObject(bucket, key, false, ReadHints.NONE))) {
            put(store, bucket, key, filled(SIZE + 1, 'b'));
            assertThat(r.info().size()).isEqualTo(before.length);
            assertThat(r.info().etag()).isEqualTo(md5(before));
            assertThat(Blobs.read(r, 0, before.length)).isEqualTo(before);
        }
    }

    @Test
    void aRangedGetOverwrittenRightAfterItsOpenServesTheRangeOfTheVersionItOpened() {
        String key = "range/" + UUID.randomUUID();
        byte[] before = filled(SIZE, 'c');
        before[1000] = 'x';
        before[SIZE - 1] = 'z';
        put(store, bucket, key, before);
        try (BlobReader r = join(store.openObject(bucket, key, false, hints("bytes=1000-")))) {
            put(store, bucket, key, filled(10, 'd'));
            assertThat(r.info().size()).as("the whole blob's size, from Content-Range").isEqualTo(before.length);
            assertThat(r.info().etag()).isEqualTo(md5(before));
            assertThat(Blobs.read(r, 1000, SIZE - 1000)).isEqualTo(Arrays.copyOfRange(before, 1000, SIZE));
        }
        put(store, bucket, key, before);
        try (BlobReader r = join(store.openObject(bucket, key, false, hints("bytes=10-19")))) {
            put(store, bucket, key, filled(10, 'd'));
            assertThat(Blobs.read(r, 10, 10)).isEqualTo(Arrays.copyOfRange(before, 10, 20));
            assertThat(Blobs.errorCode(r.read(20, 10, ByteBufAllocator.DEFAULT)))
                    .as("past the range asked for needs a new request, which must not mix in the new version")
                    .isEqualTo("PreconditionFailed");
        }
    }

    /**
     * A suffix range, which Azure cannot ask for directly: the open already holds the end of the version it opened
     * (before, the end was fetched by a second Get Blob pinned by If-Match at the first read, which failed with 412
     * after an overwrite). A suffix longer than the blob is the whole blob from the first Get Blob.
     */
    @Test
    void aSuffixRangeOverwrittenRightAfterItsOpenServesTheEndOfTheVersionItOpened() {
        String key = "suffix/" + UUID.randomUUID();
        byte[] before = filled(SIZE, 'e');
        before[SIZE - 100] = 'x';
        put(store, bucket, key, before);
        try (BlobReader r = join(store.openObject(bucket, key, false, hints("bytes=-100")))) {
            put(store, bucket, key, filled(SIZE / 2, 'f'));
            assertThat(r.info().size()).isEqualTo(before.length);
            assertThat(r.info().etag()).isEqualTo(md5(before));
            assertThat(Blobs.read(r, SIZE - 100, 100)).isEqualTo(Arrays.copyOfRange(before, SIZE - 100, SIZE));
        }
        put(store, bucket, key, before);
        try (BlobReader r = join(store.openObject(bucket, key, false, hints("bytes=-" + (SIZE + 5))))) {
            put(store, bucket, key, filled(10, 'g'));
            assertThat(r.info().size()).isEqualTo(before.length);
            assertThat(Blobs.read(r, 0, SIZE)).isEqualTo(before);
        }
        put(store, bucket, key, new byte[0]);
        try (BlobReader r = join(store.openObject(bucket, key, false, hints("bytes=-10")))) {
            assertThat(r.info().size()).as("an empty blob opens by its properties").isZero();
        }
    }

    /**
     * {@code ?partNumber=2}: the open already reads from the part's first byte of the version it opened (before,
     * that Get Blob came at the first read, pinned by If-Match, and failed with 412 after an overwrite).
     */
    @Test
    void aPartGetOverwrittenRightAfterItsOpenServesThePartOfTheVersionItOpened() {
        String key = "part/" + UUID.randomUUID();
        byte[] p1 = filled(5 * 1024 * 1024, 'p');
        byte[] p2 = filled(1000, 'q');
        MultipartUpload upload = join(store.createMultipartUpload(new CreateMultipartRequest(bucket, key,
                ObjectProperties.EMPTY, null, null)));
        List<CompletedPart> parts = List.of(new CompletedPart(1, part(upload, key, 1, p1).etag()),
                new CompletedPart(2, part(upload, key, 2, p2).etag()));
        ObjectInfo made = join(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, key,
                upload.uploadId(), parts, WriteConditions.NONE, List.of())));
        try (BlobReader r = join(store.openObject(bucket, key, false,
                new ReadHints(null, null, null, null, null, null, 2)))) {
            put(store, bucket, key, filled(SIZE, 'h'));
            assertThat(r.info().etag()).isEqualTo(made.etag());
            assertThat(r.partSizes()).containsExactly((long) p1.length, (long) p2.length);
            assertThat(Blobs.read(r, p1.length, p2.length)).isEqualTo(p2);
        }
    }

    /** The SPI's default UploadPartCopy (opened as a GET of the range) copies the range, and checks the ETag. */
    @Test
    void theDefaultPartCopyReadsTheRangeOfTheSourceItOpened() {
        String src = "pcopy-src/" + UUID.randomUUID();
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13 + 1);
        }
        ObjectInfo source = put(store, bucket, src, data);
        String key = "pcopy-dst/" + UUID.randomUUID();
        MultipartUpload upload = join(store.createMultipartUpload(new CreateMultipartRequest(bucket, key,
                ObjectProperties.EMPTY, null, null)));
        PartInfo copied = join(store.uploadPartCopy(new UploadPartCopyRequest(bucket, src, source.etag(), 1000,
                5000, bucket, key, upload.uploadId(), 1)));
        assertThat(copied.etag()).isEqualTo(md5(Arrays.copyOfRange(data, 1000, 6000)));
        assertThat(Blobs.errorCode(store.uploadPartCopy(new UploadPartCopyRequest(bucket, src, md5(new byte[1]),
                0, 10, bucket, key, upload.uploadId(), 2)))).isEqualTo("PreconditionFailed");
        join(store.abortMultipartUpload(bucket, key, upload.uploadId()));
    }

    private static PartInfo part(MultipartUpload upload, String key, int n, byte[] data) {
        BlobWriter<PartInfo> w = join(store.uploadPart(new UploadPartRequest(bucket, key, upload.uploadId(), n,
                data.length)));
        Blobs.writeChunks(w, data);
        return join(w.commit(Blobs.digest(data, List.of())));
    }

    /** Suffix GETs while another thread overwrites the key: each serves the end of one version, of its size. */
    @Test
    void everySuffixGetDuringOverwritesServesTheEndOfOneVersion() throws Exception {
        String key = "suffix-loop/" + UUID.randomUUID();
        put(store, bucket, key, filled(200 * 1024, 'A'));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> writes = writer.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    put(store, bucket, key, filled(200 * 1024 + n, (char) ('A' + n % 26)));
                    n++;
                }
                return n;
            });
            for (int i = 0; i < 30; i++) {
                try (BlobReader r = join(store.openObject(bucket, key, false, hints("bytes=-1000")))) {
                    long size = r.info().size();
                    byte[] tail = Blobs.read(r, size - 1000, 1000);
                    byte first = tail[0];
                    assertThat(size).as("GET %d", i).isGreaterThanOrEqualTo(200 * 1024);
                    assertThat(tail).as("GET %d", i).containsOnly(first);
                    assertThat(first - 'A').as("GET %d: the letter of the version of that size", i)
                            .isEqualTo((int) ((size - 200 * 1024) % 26));
                }
            }
            stop.set(true);
            assertThat(writes.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            stop.set(true);
            writer.shutdownNow();
        }
    }

    @Test
    void rangesItCannotAskForAreReadFromTheRightPlaceAndHeadReadsNoBody() {
        String key = "other/" + UUID.randomUUID();
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        put(store, bucket, key, data);
        for (String range : new String[] {"bytes=-100", "bytes=0-10,20-30", "bytes=5-2", "items=1-2"}) {
            try (BlobReader r = join(store.openObject(bucket, key, false, hints(range)))) {
                assertThat(r.info().size()).as(range).isEqualTo(data.length);
                assertThat(Blobs.read(r, data.length - 100, 100)).as(range)
                        .isEqualTo(Arrays.copyOfRange(data, data.length - 100, data.length));
            }
        }
        try (BlobReader r = join(store.openObject(bucket, key, false, hints("bytes=400000-")))) {
            assertThat(r.info().size()).as("a range past the end opens by the properties").isEqualTo(data.length);
            assertThat(r.info().etag()).isEqualTo(md5(data));
        }
        try (BlobReader r = join(store.openObject(bucket, key, true, ReadHints.NONE))) {
            assertThat(r.info().etag()).isEqualTo(md5(data));
        }
        put(store, bucket, key, new byte[0]);
        try (BlobReader r = join(store.openObject(bucket, key, false, ReadHints.NONE))) {
            assertThat(r.info().size()).isZero();
            assertThat(r.info().etag()).isEqualTo(md5(new byte[0]));
        }
        assertThat(Blobs.errorCode(store.openObject(bucket, key + "-missing", false, ReadHints.NONE)))
                .isEqualTo("NoSuchKey");
        assertThat(Blobs.errorCode(store.openObject(bucket + "-missing", key, false, ReadHints.NONE)))
                .isEqualTo("NoSuchBucket");
    }

    /** GETs while another thread overwrites the key: each serves one whole version, its body matching its ETag. */
    @Test
    void everyGetDuringOverwritesServesOneWholeVersion() throws Exception {
        String key = "loop/" + UUID.randomUUID();
        put(store, bucket, key, filled(256 * 1024, 'A'));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> writes = writer.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    put(store, bucket, key, filled(256 * 1024 + n, (char) ('A' + n % 26)));
                    n++;
                }
                return n;
            });
            for (int i = 0; i < 40; i++) {
                try (BlobReader r = join(store.openObject(bucket, key, false, ReadHints.NONE))) {
                    byte[] body = Blobs.read(r, 0, r.info().size());
                    assertThat(md5(body)).as("GET %d", i).isEqualTo(r.info().etag());
                }
            }
            stop.set(true);
            assertThat(writes.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            stop.set(true);
            writer.shutdownNow();
        }
    }

    private static ReadHints hints(String range) {
        return new ReadHints(range, null, null, null, null);
    }

    private static byte[] filled(int size, char c) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
