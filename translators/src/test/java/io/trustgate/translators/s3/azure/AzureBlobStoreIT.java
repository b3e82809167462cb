package io.trustgate.translators.s3.azure;

import io.trustgate.testsupport.Azurite;
import io.trustgate.translators.s3.filesystem.Blobs;
import io.trustgate.translators.s3.filesystem.PartCopyChecks;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BucketInfo;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CompletedPart;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ListUploadsRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.ObjectSummary;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PartListing;
import io.trustgate.s3.spi.UploadPartRequest;
import io.trustgate.s3.spi.WriteConditions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.get;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static io.trustgate.translators.s3.filesystem.Blobs.md5;
import static io.trustgate.translators.s3.filesystem.Blobs.put;
import static org.assertj.core.api.Assertions.assertThat;

/** Every SPI operation of {@link AzureBlobStore} against a real Azurite. Buckets are unique per run. */
class AzureBlobStoreIT {

    private static AzureBlobStore store;
    private static String bucket;

    @BeforeAll
    static void start() {
        Azurite.require();
        // small blocks so that modest bodies span several staged blocks
        store = AzureBlobStore.open(new AzureStoreConfig(Azurite.CONNECTION_STRING, 64 * 1024, 4));
        bucket = "tg-azure-it-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(bucket));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void bucketsAreContainers() {
        String b = "tg-azure-b-" + UUID.randomUUID().toString().substring(0, 8);
        BucketInfo created = join(store.createBucket(b));
        assertThat(created.name()).isEqualTo(b);
        assertThat(errorCode(store.createBucket(b))).isEqualTo("BucketAlreadyOwnedByYou");
        assertThat(join(store.listBuckets())).extracting(BucketInfo::name).contains(b, bucket)
                .doesNotContain(AzureBlobStore.UPLOADS_CONTAINER);
        assertThat(join(store.headBucket(b)).name()).isEqualTo(b);
        put(store, b, "x", "1");
        assertThat(errorCode(store.deleteBucket(b))).isEqualTo("BucketNotEmpty");
        join(store.deleteObject(b, "x"));
        join(store.deleteBucket(b));
        assertThat(errorCode(store.headBucket(b))).isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.createBucket("has.dots.in"))).isEqualTo("InvalidBucketName");
        assertThat(errorCode(store.createBucket("two--hyphens"))).isEqualTo("InvalidBucketName");
        assertThat(errorCode(store.createBucket(AzureBlobStore.UPLOADS_CONTAINER))).isEqualTo("InvalidBucketName");
    }

    @Test
    void putAndGetKeepBytesHeadersMetadataAndChecksums() {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        ObjectProperties props = new ObjectProperties("image/png", "gzip", "attachment; filename=\"a.png\"", "de",
                "max-age=60", "Wed, 21 Oct 2026 07:28:00 GMT",
                Map.of("color", "blue", "my-name_1", "x", "unicode", "grüße ", "empty", ""));
        List<Checksum> checksums = List.of(new Checksum("CRC32", "AAAAAA==", ChecksumType.FULL_OBJECT));
        ObjectInfo stored = put(store, bucket, "dir/obj.png", data, props, WriteConditions.NONE, checksums);
        assertThat(stored.etag()).isEqualTo(md5(data));
        ObjectInfo head = join(store.headObject(bucket, "dir/obj.png"));
        assertThat(head.size()).isEqualTo(data.length);
        assertThat(head.etag()).isEqualTo(md5(data));
        assertThat(head.properties()).isEqualTo(props);
        assertThat(head.checksums()).isEqualTo(checksums);
        assertThat(get(store, bucket, "dir/obj.png")).isEqualTo(data);
        try (BlobReader r = join(store.openObject(bucket, "dir/obj.png"))) {
            assertThat(Blobs.read(r, 100_000, 70_000)).isEqualTo(Arrays.copyOfRange(data, 100_000, 170_000));
            assertThat(Blobs.read(r, 5, 10)).isEqualTo(Arrays.copyOfRange(data, 5, 15));
        }
        put(store, bucket, "empty", new byte[0]);
        assertThat(get(store, bucket, "empty")).isEmpty();
        assertThat(join(store.headObject(bucket, "empty")).etag()).isEqualTo(md5(new byte[0]));
    }

    @Test
    void missingThingsAreS3Errors() {
        assertThat(errorCode(store.headObject(bucket, "nope"))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.openObject(bucket, "nope"))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.headObject("tg-no-such-bucket-x", "k"))).isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.putObject(new io.trustgate.s3.spi.PutObjectRequest("tg-no-such-bucket-x", "k",
                1, ObjectProperties.EMPTY, WriteConditions.NONE)))).isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.listObjects(new ListObjectsRequest("tg-no-such-bucket-x", "", null, "", 10))))
                .isEqualTo("NoSuchBucket");
        join(store.deleteObject(bucket, "never-existed"));
        assertThat(errorCode(store.deleteObject("tg-no-such-bucket-x", "k"))).isEqualTo("NoSuchBucket");
    }

    @Test
    void conditionalPutsMapOntoAzureConditions() {
        String key = "cond/" + UUID.randomUUID();
        ObjectInfo first = put(store, bucket, key, "one".getBytes(StandardCharsets.UTF_8), ObjectProperties.EMPTY,
                new WriteConditions(null, true), List.of());
        assertThat(Blobs.getString(store, bucket, key)).isEqualTo("one");
        Throwable exists = org.assertj.core.api.Assertions.catchThrowable(() -> put(store, bucket, key,
                "two".getBytes(StandardCharsets.UTF_8), ObjectProperties.EMPTY, new WriteConditions(null, true),
                List.of()));
        assertThat(((io.trustgate.s3.spi.BlobStoreException) exists).code()).isEqualTo("PreconditionFailed");
        Throwable wrong = org.assertj.core.api.Assertions.catchThrowable(() -> put(store, bucket, key,
                "two".getBytes(StandardCharsets.UTF_8), ObjectProperties.EMPTY,
                new WriteConditions("0123456789abcdef0123456789abcdef", false), List.of()));
        assertThat(((io.trustgate.s3.spi.BlobStoreException) wrong).code()).isEqualTo("PreconditionFailed");
        Throwable missing = org.assertj.core.api.Assertions.catchThrowable(() -> put(store, bucket, key + "-no",
                "x".getBytes(StandardCharsets.UTF_8), ObjectProperties.EMPTY, new WriteConditions(first.etag(), false),
                List.of()));
        assertThat(((io.trustgate.s3.spi.BlobStoreException) missing).code()).isEqualTo("NoSuchKey");
        put(store, bucket, key, "three".getBytes(StandardCharsets.UTF_8), ObjectProperties.EMPTY,
                new WriteConditions(first.etag(), false), List.of());
        assertThat(Blobs.getString(store, bucket, key)).isEqualTo("three");
    }

    @Test
    void listingHonoursPrefixDelimiterMaxKeysAndMarkers() {
        String b = "tg-azure-l-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(b));
        for (String k : List.of("a", "b/1", "b/2", "c", "d/x/y", "e")) {
            put(store, b, k, k);
        }
        ObjectListing rolled = join(store.listObjects(new ListObjectsRequest(b, "", "/", "", 1000)));
        assertThat(rolled.objects()).extracting(ObjectSummary::key).containsExactly("a", "c", "e");
        assertThat(rolled.commonPrefixes()).containsExactly("b/", "d/");
        assertThat(rolled.truncated()).isFalse();
        assertThat(rolled.objects().get(0).etag()).isEqualTo(md5("a".getBytes(StandardCharsets.UTF_8)));

        List<String> seen = new ArrayList<>();
        String marker = "";
        int pages = 0;
        while (true) {
            ObjectListing page = join(store.listObjects(new ListObjectsRequest(b, "", "/", marker, 2)));
            page.objects().forEach(o -> seen.add(o.key()));
            seen.addAll(page.commonPrefixes());
            pages++;
            if (!page.truncated()) {
                break;
            }
            marker = page.nextMarker();
        }
        assertThat(seen).containsExactly("a", "b/", "c", "d/", "e");
        assertThat(pages).isEqualTo(3);

        ObjectListing after = join(store.listObjects(new ListObjectsRequest(b, "", null, "b/1", 1000)));
        assertThat(after.objects()).extracting(ObjectSummary::key).containsExactly("b/2", "c", "d/x/y", "e");
        ObjectListing prefixed = join(store.listObjects(new ListObjectsRequest(b, "b/", "/", "", 1000)));
        assertThat(prefixed.objects()).extracting(ObjectSummary::key).containsExactly("b/1", "b/2");
        assertThat(join(store.listObjects(new ListObjectsRequest(b, "", null, "", 0))).objects()).isEmpty();

        assertThat(join(store.deleteObjects(b, List.of("a", "b/1", "b/2", "c", "d/x/y", "e", "missing"))))
                .containsOnlyNulls();
        join(store.deleteBucket(b));
    }

    @Test
    void uploadPartCopyIsEmulatedThroughStagedBlocks() {
        PartCopyChecks.run(store, bucket, (int) AzureMultipart.MIN_PART_SIZE);
    }

    @Test
    void multipartStagesBlocksAndCommitsThemInPartOrder() {
        String key = "mp/" + UUID.randomUUID();
        ObjectProperties props = new ObjectProperties("text/plain", null, null, null, null, null,
                Map.of("owner", "me"));
        MultipartUpload upload = join(store.createMultipartUpload(new CreateMultipartRequest(bucket, key, props,
                null, null)));
        byte[][] parts = {random(5 * 1024 * 1024, 1), random(5 * 1024 * 1024 + 3, 2), random(1000, 3)};
        // upload out of order, and part 2 twice: the second upload replaces the first
        List<PartInfo> infos = new ArrayList<>();
        infos.add(uploadPart(upload, key, 3, parts[2]));
        uploadPart(upload, key, 2, random(6 * 1024 * 1024, 9));
        infos.add(uploadPart(upload, key, 2, parts[1]));
        infos.add(uploadPart(upload, key, 1, parts[0]));

        PartListing listed = join(store.listParts(bucket, key, upload.uploadId(), 0, 2));
        assertThat(listed.parts()).extracting(PartInfo::partNumber).containsExactly(1, 2);
        assertThat(listed.truncated()).isTrue();
        assertThat(listed.parts().get(1).etag()).isEqualTo(md5(parts[1]));
        assertThat(join(store.listParts(bucket, key, upload.uploadId(), 2, 10)).parts())
                .extracting(PartInfo::partNumber).containsExactly(3);
        assertThat(join(store.listMultipartUploads(new ListUploadsRequest(bucket, "mp/", null, "", "", 1000)))
                .uploads()).extracting(MultipartUpload::uploadId).contains(upload.uploadId());
        assertThat(errorCode(store.deleteBucket(bucket))).isEqualTo("BucketNotEmpty");

        assertThat(errorCode(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, key,
                upload.uploadId(), List.of(new CompletedPart(2, md5(parts[1])), new CompletedPart(1, md5(parts[0]))),
                WriteConditions.NONE, List.of())))).isEqualTo("InvalidPartOrder");
        assertThat(errorCode(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, key,
                upload.uploadId(), List.of(new CompletedPart(1, md5(parts[1]))), WriteConditions.NONE, List.of()))))
                .isEqualTo("InvalidPart");
        assertThat(errorCode(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, key,
                upload.uploadId(), List.of(new CompletedPart(3, md5(parts[2])), new CompletedPart(4, "00")),
                WriteConditions.NONE, List.of())))).isEqualTo("InvalidPart");

        List<CompletedPart> all = List.of(new CompletedPart(1, md5(parts[0])), new CompletedPart(2, md5(parts[1])),
                new CompletedPart(3, md5(parts[2])));
        ObjectInfo done = join(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, key,
                upload.uploadId(), all, WriteConditions.NONE, List.of())));
        String expectedEtag = io.trustgate.s3.spi.ETags.multipart(List.of(md5(parts[0]), md5(parts[1]),
                md5(parts[2])));
        assertThat(done.etag()).isEqualTo(expectedEtag).endsWith("-3");
        ObjectInfo head = join(store.headObject(bucket, key));
        assertThat(head.etag()).isEqualTo(expectedEtag);
        assertThat(head.partsCount()).isEqualTo(3);
        assertThat(head.properties()).isEqualTo(props);
        byte[] whole = get(store, bucket, key);
        assertThat(md5(whole)).isEqualTo(md5(concat(parts)));
        try (BlobReader r = join(store.openObject(bucket, key))) {
            assertThat(r.partSizes()).containsExactly((long) parts[0].length, (long) parts[1].length, 1000L);
        }
        assertThat(errorCode(store.listParts(bucket, key, upload.uploadId(), 0, 10))).isEqualTo("NoSuchUpload");
    }

    @Test
    void abortForgetsTheUploadAndSmallPartsAreRefused() {
        String key = "mp-abort/" + UUID.randomUUID();
        MultipartUpload upload = join(store.createMultipartUpload(new CreateMultipartRequest(bucket, key,
                ObjectProperties.EMPTY, "CRC32", ChecksumType.COMPOSITE)));
        assertThat(upload.checksumAlgorithm()).isEqualTo("CRC32");
        uploadPart(upload, key, 1, random(100, 4));
        uploadPart(upload, key, 2, random(100, 5));
        // the part checksums are named, as a COMPOSITE upload needs (uploadPart stored AAAAAA== for each)
        List<Checksum> crc = List.of(new Checksum("CRC32", "AAAAAA==", ChecksumType.FULL_OBJECT));
        assertThat(errorCode(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, key,
                upload.uploadId(), List.of(new CompletedPart(1, md5(random(100, 4)), crc),
                new CompletedPart(2, md5(random(100, 5)), crc)), WriteConditions.NONE, List.of()))))
                .isEqualTo("EntityTooSmall");
        assertThat(errorCode(store.listParts(bucket, "other-key", upload.uploadId(), 0, 10)))
                .isEqualTo("NoSuchUpload");
        join(store.abortMultipartUpload(bucket, key, upload.uploadId()));
        assertThat(errorCode(store.abortMultipartUpload(bucket, key, upload.uploadId()))).isEqualTo("NoSuchUpload");
        assertThat(errorCode(store.uploadPart(new UploadPartRequest(bucket, key, upload.uploadId(), 1, 1))))
                .isEqualTo("NoSuchUpload");
        assertThat(errorCode(store.headObject(bucket, key))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.uploadPart(new UploadPartRequest(bucket, key, "not-an-id", 1, 1))))
                .isEqualTo("NoSuchUpload");
    }

    @Test
    void copyIsAzureCopyBlobWithTheRequestsProperties() {
        byte[] data = new byte[200_000];
        new Random(11).nextBytes(data);
        ObjectInfo src = put(store, bucket, "copy/src", data,
                new ObjectProperties("text/plain", null, null, null, null, null, Map.of("a", "1")),
                WriteConditions.NONE, List.of());
        ObjectProperties replaced = new ObjectProperties("application/json", null, "inline", null, "no-cache", null,
                Map.of("b", "2"));
        ObjectInfo copied = join(store.copyObject(new io.trustgate.s3.spi.CopyObjectRequest(bucket, "copy/src",
                src.etag(), bucket, "copy/dst", replaced, WriteConditions.NONE)));
        assertThat(copied.etag()).isEqualTo(src.etag());
        assertThat(copied.properties()).isEqualTo(replaced);
        assertThat(get(store, bucket, "copy/dst")).isEqualTo(data);
        assertThat(errorCode(store.copyObject(new io.trustgate.s3.spi.CopyObjectRequest(bucket, "copy/src",
                "0123", bucket, "copy/dst2", replaced, WriteConditions.NONE)))).isEqualTo("PreconditionFailed");
        assertThat(errorCode(store.copyObject(new io.trustgate.s3.spi.CopyObjectRequest(bucket, "copy/none",
                null, bucket, "copy/dst2", replaced, WriteConditions.NONE)))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.copyObject(new io.trustgate.s3.spi.CopyObjectRequest(bucket, "copy/src",
                null, bucket, "copy/dst", replaced, new WriteConditions(null, true))))).isEqualTo("PreconditionFailed");
        assertThat(errorCode(store.headObject(bucket, "copy/dst2"))).isEqualTo("NoSuchKey");
    }

    @Test
    void anObjectWrittenWithoutContentTypeHasS3sDefaultNotAzures() {
        put(store, bucket, "ctype/none", new byte[] {1});
        assertThat(join(store.headObject(bucket, "ctype/none")).properties().contentType())
                .isEqualTo("binary/octet-stream");
        put(store, bucket, "ctype/sent", new byte[] {1},
                new ObjectProperties("application/octet-stream", null, null, null, null, null, Map.of()),
                WriteConditions.NONE, List.of());
        assertThat(join(store.headObject(bucket, "ctype/sent")).properties().contentType())
                .as("a type the client sent is kept").isEqualTo("application/octet-stream");
        ObjectInfo src = join(store.headObject(bucket, "ctype/sent"));
        join(store.copyObject(new io.trustgate.s3.spi.CopyObjectRequest(bucket, "ctype/sent", src.etag(), bucket,
                "ctype/replaced", ObjectProperties.EMPTY, WriteConditions.NONE)));
        assertThat(join(store.headObject(bucket, "ctype/replaced")).properties().contentType())
                .isEqualTo("binary/octet-stream");
        MultipartUpload upload = join(store.createMultipartUpload(new CreateMultipartRequest(bucket, "ctype/mp",
                ObjectProperties.EMPTY, null, null)));
        byte[] part = random(1000, 5);
        uploadPart(upload, "ctype/mp", 1, part);
        join(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, "ctype/mp", upload.uploadId(),
                List.of(new CompletedPart(1, md5(part))), WriteConditions.NONE, List.of())));
        assertThat(join(store.headObject(bucket, "ctype/mp")).properties().contentType())
                .isEqualTo("binary/octet-stream");
    }

    @Test
    void awkwardKeysStayDistinct() {
        String b = "tg-azure-k-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(b));
        List<String> keys = List.of("a/../b", "./c", "dot.", "trail/", "sp ace",
                "\u00fcn\u00ef/\u043a\u043b\u044e\u0447",
                "q?x#y%20", "back/slash", "a//b", "b");
        for (String k : keys) {
            put(store, b, k, "v:" + k);
        }
        for (String k : keys) {
            assertThat(Blobs.getString(store, b, k)).as(k).isEqualTo("v:" + k);
        }
        assertThat(join(store.listObjects(new ListObjectsRequest(b, "", null, "", 1000))).objects())
                .extracting(ObjectSummary::key).containsExactlyInAnyOrderElementsOf(keys);
        // Azure reads a backslash as '/': refused, never an alias of "back/slash"
        assertThat(errorCode(store.putObject(new io.trustgate.s3.spi.PutObjectRequest(b, "back\\slash", 1,
                ObjectProperties.EMPTY, WriteConditions.NONE)))).isEqualTo("InvalidArgument");
        assertThat(errorCode(store.headObject(b, "back\\slash"))).isEqualTo("NoSuchKey");
        join(store.deleteObject(b, "back\\slash"));
        assertThat(Blobs.getString(store, b, "back/slash")).isEqualTo("v:back/slash");
        join(store.deleteObjects(b, keys));
        join(store.deleteBucket(b));
    }

    private static PartInfo uploadPart(MultipartUpload upload, String key, int number, byte[] data) {
        BlobWriter<PartInfo> w = join(store.uploadPart(new UploadPartRequest(bucket, key, upload.uploadId(), number,
                data.length)));
        Blobs.writeChunks(w, data);
        List<Checksum> checksums = upload.checksumAlgorithm() == null ? List.of()
                : List.of(new Checksum(upload.checksumAlgorithm(), "AAAAAA==", ChecksumType.FULL_OBJECT));
        PartInfo info = join(w.commit(Blobs.digest(data, checksums)));
        assertThat(info.etag()).isEqualTo(md5(data));
        return info;
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[][] parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
