package io.trustgate.translators.s3.filesystem;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BucketInfo;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.Support;
import io.trustgate.s3.spi.WriteConditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.get;
import static io.trustgate.translators.s3.filesystem.Blobs.getString;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static io.trustgate.translators.s3.filesystem.Blobs.put;
import static org.assertj.core.api.Assertions.assertThat;

class FilesystemBlobStoreTest {

    @TempDir
    Path dir;
    FilesystemBlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir));
        join(store.createBucket("bucket"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void declaresEveryCapabilityNativeButCustomerKeyReads() {
        assertThat(store.kind()).isEqualTo("filesystem");
        // It holds no SSE-C object, so it takes no customer key: the server answers such reads itself (400).
        assertThat(store.capabilities().has(BlobCapability.CUSTOMER_KEY_READS)).isFalse();
        assertThat(store.capabilities().asMap()).hasSize(BlobCapability.values().length - 1)
                .allSatisfy((c, a) -> assertThat(a.support()).isEqualTo(Support.NATIVE));
    }

    @Test
    void bucketsAreCreatedListedHeadedAndDeleted() {
        BucketInfo b = join(store.createBucket("another.bucket-1"));
        assertThat(b.name()).isEqualTo("another.bucket-1");
        assertThat(join(store.listBuckets())).extracting(BucketInfo::name).containsExactly("another.bucket-1",
                "bucket");
        assertThat(join(store.headBucket("another.bucket-1")).creationDate()).isEqualTo(b.creationDate());
        assertThat(join(store.bucketLocation("bucket"))).isEmpty();
        assertThat(errorCode(store.createBucket("bucket"))).isEqualTo("BucketAlreadyOwnedByYou");
        join(store.deleteBucket("another.bucket-1"));
        assertThat(errorCode(store.headBucket("another.bucket-1"))).isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.deleteBucket("another.bucket-1"))).isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.createBucket("../evil"))).isEqualTo("InvalidBucketName");
        assertThat(errorCode(store.headBucket(".."))).isEqualTo("NoSuchBucket");
        assertThat(join(store.listBuckets())).extracting(BucketInfo::name).containsExactly("bucket");
    }

    @Test
    void bucketWithAnObjectOrAnOpenUploadIsNotEmpty() {
        put(store, "bucket", "k", "v");
        assertThat(errorCode(store.deleteBucket("bucket"))).isEqualTo("BucketNotEmpty");
        join(store.deleteObject("bucket", "k"));
        var upload = join(store.createMultipartUpload(new CreateMultipartRequest("bucket", "m",
                ObjectProperties.EMPTY, null, null)));
        assertThat(errorCode(store.deleteBucket("bucket"))).isEqualTo("BucketNotEmpty");
        join(store.abortMultipartUpload("bucket", "m", upload.uploadId()));
        join(store.deleteBucket("bucket"));
        assertThat(join(store.listBuckets())).isEmpty();
    }

    @Test
    void objectOperationsOnAMissingBucketFailWithNoSuchBucket() {
        assertThat(errorCode(store.headObject("nope", "k"))).isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.openObject("nope", "k"))).isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.putObject(new PutObjectRequest("nope", "k", 1, null, WriteConditions.NONE))))
                .isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.listObjects(new ListObjectsRequest("nope", "", null, "", 10))))
                .isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.deleteObject("nope", "k"))).isEqualTo("NoSuchBucket");
    }

    @Test
    void putStoresBytesAndEveryAttribute() {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        ObjectProperties props = new ObjectProperties("text/plain; charset=utf-8", "gzip",
                "attachment; filename=\"a.txt\"", "en", "max-age=60", "Thu, 01 Dec 2094 16:00:00 GMT",
                Map.of("color", "blue", "note", "ünïcode ok"));
        List<Checksum> checksums = List.of(new Checksum("CRC32", "AAAAAA==", null));
        ObjectInfo put = put(store, "bucket", "dir/file.txt", data, props, WriteConditions.NONE, checksums);
        assertThat(put.etag()).isEqualTo(Blobs.md5(data));

        ObjectInfo head = join(store.headObject("bucket", "dir/file.txt"));
        assertThat(head.key()).isEqualTo("dir/file.txt");
        assertThat(head.size()).isEqualTo(data.length);
        assertThat(head.etag()).isEqualTo(Blobs.md5(data));
        assertThat(head.lastModified()).isEqualTo(put.lastModified());
        assertThat(head.properties()).isEqualTo(props);
        assertThat(head.checksums()).containsExactly(new Checksum("CRC32", "AAAAAA==", ChecksumType.FULL_OBJECT));
        assertThat(head.partsCount()).isZero();
        assertThat(get(store, "bucket", "dir/file.txt")).isEqualTo(data);
    }

    @Test
    void readerServesRangesAndTheLocalFileRegion() throws IOException {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        put(store, "bucket", "r", data);
        try (BlobReader r = join(store.openObject("bucket", "r"))) {
            assertThat(Blobs.read(r, 5, 10)).isEqualTo(java.util.Arrays.copyOfRange(data, 5, 15));
            ByteBuf past = join(r.read(10_000, 10, ByteBufAllocator.DEFAULT));
            assertThat(past.readableBytes()).isZero();
            past.release();
            ByteBuf tail = join(r.read(9_998, 100, ByteBufAllocator.DEFAULT));
            assertThat(tail.toString(StandardCharsets.US_ASCII)).isEqualTo("" + (char) data[9_998] + (char) data[9_999]);
            tail.release();
            BlobReader.LocalFile local = r.localFile().orElseThrow();
            ByteBuffer buf = ByteBuffer.allocate(data.length);
            local.channel().read(buf, local.offset());
            assertThat(buf.array()).isEqualTo(data);
        }
    }

    @Test
    void aSmallObjectIsServedFromMemoryWithoutALocalFile() {
        byte[] data = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        put(store, "bucket", "s", data);
        try (BlobReader r = join(store.openObject("bucket", "s"))) {
            assertThat(r.localFile()).isEmpty();
            var read = r.read(5, 10, ByteBufAllocator.DEFAULT).toCompletableFuture();
            assertThat(read).isDone(); // no trip through the IO pool
            ByteBuf middle = read.join();
            assertThat(middle.toString(StandardCharsets.US_ASCII)).isEqualTo("56789abcde");
            middle.release();
            ByteBuf past = join(r.read(20, 10, ByteBufAllocator.DEFAULT));
            assertThat(past.readableBytes()).isZero();
            past.release();
            ByteBuf tail = join(r.read(18, 100, ByteBufAllocator.DEFAULT));
            assertThat(tail.toString(StandardCharsets.US_ASCII)).isEqualTo("ij");
            tail.release();
            // the version stays what was opened, even after an overwrite
            put(store, "bucket", "s", "new");
            assertThat(new String(Blobs.read(r, 0, r.info().size()), StandardCharsets.US_ASCII))
                    .isEqualTo("0123456789abcdefghij");
        }
    }

    @Test
    void readerKeepsTheVersionItOpenedAcrossOverwriteAndDelete() {
        put(store, "bucket", "v", "old contents");
        try (BlobReader r = join(store.openObject("bucket", "v"))) {
            put(store, "bucket", "v", "new");
            assertThat(getString(store, "bucket", "v")).isEqualTo("new");
            join(store.deleteObject("bucket", "v"));
            assertThat(new String(Blobs.read(r, 0, r.info().size()), StandardCharsets.UTF_8))
                    .isEqualTo("old contents");
        }
    }

    @Test
    void missingKeyIsNoSuchKeyAndDeleteOfMissingKeySucceeds() {
        assertThat(errorCode(store.headObject("bucket", "missing"))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.openObject("bucket", "missing"))).isEqualTo("NoSuchKey");
        join(store.deleteObject("bucket", "missing"));
    }

    @Test
    void deleteRemovesTheObjectAndItsEmptyDirectories() throws IOException {
        put(store, "bucket", "a/b/c/d", "x");
        join(store.deleteObject("bucket", "a/b/c/d"));
        assertThat(errorCode(store.headObject("bucket", "a/b/c/d"))).isEqualTo("NoSuchKey");
        try (Stream<Path> s = Files.list(dir.resolve("bucket/objects"))) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void deleteObjectsReportsPerKey() {
        put(store, "bucket", "one", "1");
        put(store, "bucket", "two", "2");
        List<BlobStoreException> results = join(store.deleteObjects("bucket", List.of("one", "absent", "two", "")));
        assertThat(results).hasSize(4);
        assertThat(results.subList(0, 3)).containsOnlyNulls();
        assertThat(results.get(3).code()).isEqualTo("InvalidArgument");
        assertThat(join(store.listObjects(new ListObjectsRequest("bucket", "", null, "", 10))).objects()).isEmpty();
    }

    @Test
    void conditionalWritesAreDecidedAtCommit() {
        WriteConditions create = new WriteConditions(null, true);
        put(store, "bucket", "c", "first".getBytes(StandardCharsets.UTF_8), ObjectProperties.EMPTY, create, List.of());
        Throwable exists = org.assertj.core.api.Assertions.catchThrowable(() -> put(store, "bucket", "c",
                "second".getBytes(StandardCharsets.UTF_8), ObjectProperties.EMPTY, create, List.of()));
        assertThat(((BlobStoreException) exists).code()).isEqualTo("PreconditionFailed");
        assertThat(((BlobStoreException) exists).httpStatus()).isEqualTo(412);

        String etag = join(store.headObject("bucket", "c")).etag();
        put(store, "bucket", "c", "third".getBytes(StandardCharsets.UTF_8), ObjectProperties.EMPTY,
                new WriteConditions(etag, false), List.of());
        assertThat(getString(store, "bucket", "c")).isEqualTo("third");
        Throwable stale = org.assertj.core.api.Assertions.catchThrowable(() -> put(store, "bucket", "c",
                "x".getBytes(StandardCharsets.UTF_8), ObjectProperties.EMPTY, new WriteConditions(etag, false),
                List.of()));
        assertThat(((BlobStoreException) stale).code()).isEqualTo("PreconditionFailed");
        Throwable missing = org.assertj.core.api.Assertions.catchThrowable(() -> put(store, "bucket", "nope",
                "x".getBytes(StandardCharsets.UTF_8), ObjectProperties.EMPTY, new WriteConditions(etag, false),
                List.of()));
        assertThat(((BlobStoreException) missing).code()).isEqualTo("NoSuchKey");
        assertThat(getString(store, "bucket", "c")).isEqualTo("third");
    }

    @Test
    void conditionalCreateLosingARaceIsAConflict() {
        BlobWriter<ObjectInfo> w = join(store.putObject(new PutObjectRequest("bucket", "race", -1,
                ObjectProperties.EMPTY, new WriteConditions(null, true))));
        byte[] mine = "mine".getBytes(StandardCharsets.UTF_8);
        Blobs.writeChunks(w, mine);
        put(store, "bucket", "race", "theirs");
        BlobStoreException e = BlobStoreException.from(org.assertj.core.api.Assertions.catchThrowable(
                () -> join(w.commit(Blobs.digest(mine, List.of())))));
        assertThat(e.code()).isEqualTo("ConditionalRequestConflict");
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(getString(store, "bucket", "race")).isEqualTo("theirs");
        assertThat(dir.resolve("bucket/tmp").toFile().list()).isEmpty();
    }

    @Test
    void abortLeavesNothingEvenWithAWritePending() {
        BlobWriter<ObjectInfo> w = join(store.putObject(new PutObjectRequest("bucket", "gone", -1, null,
                WriteConditions.NONE)));
        join(w.write(Unpooled.copiedBuffer(new byte[64 * 1024])));
        var pending = w.write(Unpooled.copiedBuffer(new byte[64 * 1024]));
        w.abort();
        w.abort();
        pending.toCompletableFuture().handle((ok, err) -> null).join();
        assertThat(errorCode(w.write(Unpooled.copiedBuffer(new byte[1])))).isEqualTo("InternalError");
        assertThat(errorCode(store.headObject("bucket", "gone"))).isEqualTo("NoSuchKey");
        Blobs.eventually(() -> assertThat(dir.resolve("bucket/tmp").toFile().list()).isEmpty());
    }

    @Test
    void aPutIntoAKnownBucketCreatesItsStagingFileOnlyWhenBytesCome() {
        BlobWriter<ObjectInfo> w = join(store.putObject(new PutObjectRequest("bucket", "lazy", 3, null,
                WriteConditions.NONE)));
        assertThat(dir.resolve("bucket/tmp").toFile().list()).isEmpty();
        Blobs.writeChunks(w, "abc".getBytes(StandardCharsets.UTF_8));
        join(w.commit(Blobs.digest("abc".getBytes(StandardCharsets.UTF_8), List.of())));
        assertThat(getString(store, "bucket", "lazy")).isEqualTo("abc");
        assertThat(dir.resolve("bucket/tmp").toFile().list()).isEmpty();

        BlobWriter<ObjectInfo> empty = join(store.putObject(new PutObjectRequest("bucket", "empty", 0, null,
                WriteConditions.NONE)));
        assertThat(join(empty.commit(Blobs.digest(new byte[0], List.of()))).size()).isZero();
        assertThat(get(store, "bucket", "empty")).isEmpty();

        BlobWriter<ObjectInfo> aborted = join(store.putObject(new PutObjectRequest("bucket", "never", -1, null,
                WriteConditions.NONE)));
        aborted.abort();
        assertThat(errorCode(store.headObject("bucket", "never"))).isEqualTo("NoSuchKey");
        assertThat(dir.resolve("bucket/tmp").toFile().list()).isEmpty();
    }

    @Test
    void aPutWhoseBucketIsDeletedBeforeItsBodyFailsWithNoSuchBucket() {
        join(store.createBucket("brief"));
        BlobWriter<ObjectInfo> w = join(store.putObject(new PutObjectRequest("brief", "k", 1, null,
                WriteConditions.NONE)));
        join(store.deleteBucket("brief"));
        w.write(Unpooled.copiedBuffer(new byte[1]));
        assertThat(errorCode(w.commit(Blobs.digest(new byte[1], List.of())))).isEqualTo("NoSuchBucket");
        assertThat(errorCode(store.putObject(new PutObjectRequest("brief", "k", 1, null, WriteConditions.NONE))))
                .isEqualTo("NoSuchBucket");
        assertThat(dir.resolve("brief")).doesNotExist();
    }

    @Test
    void commitWithAShortBodyFailsAndLeavesNothing() {
        BlobWriter<ObjectInfo> w = join(store.putObject(new PutObjectRequest("bucket", "short", 10, null,
                WriteConditions.NONE)));
        Blobs.writeChunks(w, new byte[5]);
        assertThat(errorCode(w.commit(new io.trustgate.s3.spi.BodyDigest(10, Blobs.md5(new byte[10]), null))))
                .isEqualTo("IncompleteBody");
        assertThat(errorCode(store.headObject("bucket", "short"))).isEqualTo("NoSuchKey");
        assertThat(dir.resolve("bucket/tmp").toFile().list()).isEmpty();
    }

    @Test
    void copyIsServerSideAndChecksTheSourceEtag() {
        ObjectInfo src = put(store, "bucket", "src", "copied bytes");
        join(store.createBucket("dest"));
        ObjectProperties replaced = new ObjectProperties("text/plain", null, null, null, null, null,
                Map.of("k", "v"));
        ObjectInfo copy = join(store.copyObject(new CopyObjectRequest("bucket", "src", src.etag(), "dest",
                "dst/key", replaced, WriteConditions.NONE)));
        assertThat(copy.etag()).isEqualTo(src.etag());
        assertThat(getString(store, "dest", "dst/key")).isEqualTo("copied bytes");
        assertThat(join(store.headObject("dest", "dst/key")).properties()).isEqualTo(replaced);
        assertThat(errorCode(store.copyObject(new CopyObjectRequest("bucket", "src", "0000", "dest", "x",
                replaced, WriteConditions.NONE)))).isEqualTo("PreconditionFailed");
        assertThat(errorCode(store.copyObject(new CopyObjectRequest("bucket", "absent", null, "dest", "x",
                replaced, WriteConditions.NONE)))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.copyObject(new CopyObjectRequest("bucket", "src", null, "dest", "dst/key",
                replaced, new WriteConditions(null, true))))).isEqualTo("PreconditionFailed");
    }

    @Test
    void invalidKeysAreRefusedWithS3Codes() {
        String tooLong = "k".repeat(1025);
        assertThat(errorCode(store.putObject(new PutObjectRequest("bucket", tooLong, 1, null, null))))
                .isEqualTo("KeyTooLongError");
        assertThat(errorCode(store.putObject(new PutObjectRequest("bucket", "bad\uD800", 1, null, null))))
                .isEqualTo("InvalidArgument");
        assertThat(errorCode(store.headObject("bucket", ""))).isEqualTo("InvalidArgument");
    }

    @Test
    void listingReturnsSizesEtagsAndTimes() {
        ObjectInfo a = put(store, "bucket", "a", "aaa");
        ObjectListing page = join(store.listObjects(new ListObjectsRequest("bucket", "", null, "", 1000)));
        assertThat(page.objects()).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("a");
            assertThat(o.size()).isEqualTo(3);
            assertThat(o.etag()).isEqualTo(a.etag());
            assertThat(o.lastModified()).isEqualTo(a.lastModified());
        });
        assertThat(page.truncated()).isFalse();
        assertThat(page.nextMarker()).isNull();
    }
}
