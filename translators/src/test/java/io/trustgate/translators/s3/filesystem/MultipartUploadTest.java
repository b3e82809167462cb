package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.checksum.Checksums;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CompletedPart;
import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.ETags;
import io.trustgate.s3.spi.ListUploadsRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PartListing;
import io.trustgate.s3.spi.UploadListing;
import io.trustgate.s3.spi.UploadPartRequest;
import io.trustgate.s3.spi.WriteConditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;

class MultipartUploadTest {

    private static final int PART = 1024;

    @TempDir
    Path dir;
    FilesystemBlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir).withMinimumPartSize(PART));
        join(store.createBucket("mpu"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void completeConcatenatesPartsWithTheMultipartEtagAndCompositeChecksum() {
        ObjectProperties props = new ObjectProperties("video/mp4", null, null, null, null, null, Map.of("a", "b"));
        MultipartUpload upload = create("big/object", props, "CRC32", ChecksumType.COMPOSITE);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        List<CompletedPart> parts = new ArrayList<>();
        List<String> md5s = new ArrayList<>();
        List<byte[]> crcs = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            byte[] data = fill(n == 3 ? 100 : PART + n, (byte) n);
            byte[] crc = crc(ChecksumAlgorithm.CRC32, data);
            PartInfo part = uploadPart(upload, "big/object", n, data, "CRC32", crc);
            assertThat(part.etag()).isEqualTo(Blobs.md5(data));
            parts.add(new CompletedPart(n, "\"" + part.etag() + "\"", part.checksums()));
            md5s.add(part.etag());
            crcs.add(crc);
            whole.writeBytes(data);
        }
        ObjectInfo done = join(store.completeMultipartUpload(new CompleteMultipartRequest("mpu", "big/object",
                upload.uploadId(), parts, WriteConditions.NONE, List.of())));
        assertThat(done.etag()).isEqualTo(ETags.multipart(md5s)).endsWith("-3");
        assertThat(done.partsCount()).isEqualTo(3);
        assertThat(done.size()).isEqualTo(whole.size());
        assertThat(done.checksums()).containsExactly(new Checksum("CRC32",
                Checksums.composite(ChecksumAlgorithm.CRC32, crcs), ChecksumType.COMPOSITE));
        assertThat(Blobs.get(store, "mpu", "big/object")).isEqualTo(whole.toByteArray());
        ObjectInfo head = join(store.headObject("mpu", "big/object"));
        assertThat(head.properties()).isEqualTo(props);
        assertThat(head.etag()).isEqualTo(done.etag());
        try (BlobReader reader = join(store.openObject("mpu", "big/object"))) {
            assertThat(reader.partSizes()).as("sizes for GetObject?partNumber=N")
                    .containsExactly((long) PART + 1, (long) PART + 2, 100L);
        }
        try (BlobReader reader = join(store.openObject("mpu", Blobs.put(store, "mpu", "single", "abc").key()))) {
            assertThat(reader.partSizes()).isEmpty();
        }
        assertThat(errorCode(store.listParts("mpu", "big/object", upload.uploadId(), 0, 10))).isEqualTo("NoSuchUpload");
        assertThat(dir.resolve("mpu/uploads").toFile().list()).isEmpty();
        assertThat(dir.resolve("mpu/tmp").toFile().list()).isEmpty();
    }

    @Test
    void aCopyOfAMultipartObjectHasTheMd5OfItsBytesAsEtag() {
        MultipartUpload upload = create("mp", ObjectProperties.EMPTY, null, null);
        byte[] a = fill(PART, (byte) 3);
        byte[] b = fill(77, (byte) 4);
        PartInfo p1 = uploadPart(upload, "mp", 1, a, null, null);
        PartInfo p2 = uploadPart(upload, "mp", 2, b, null, null);
        join(store.completeMultipartUpload(new CompleteMultipartRequest("mpu", "mp", upload.uploadId(),
                List.of(new CompletedPart(1, p1.etag()), new CompletedPart(2, p2.etag())), WriteConditions.NONE,
                List.of())));
        byte[] whole = new byte[a.length + b.length];
        System.arraycopy(a, 0, whole, 0, a.length);
        System.arraycopy(b, 0, whole, a.length, b.length);
        // the object file holds its footer after the data: the copy's ETag must hash the data only (clients such as
        // rclone take a plain ETag for the MD5 of the bytes)
        ObjectInfo copy = join(store.copyObject(new CopyObjectRequest("mpu", "mp", null, "mpu", "copied",
                ObjectProperties.EMPTY, WriteConditions.NONE)));
        assertThat(copy.etag()).isEqualTo(Blobs.md5(whole));
        assertThat(join(store.headObject("mpu", "copied")).etag()).isEqualTo(Blobs.md5(whole));
        assertThat(Blobs.get(store, "mpu", "copied")).isEqualTo(whole);
    }

    @Test
    void fullObjectChecksumIsTheCrcOfTheWholeObject() {
        MultipartUpload upload = create("f", ObjectProperties.EMPTY, "CRC32C", ChecksumType.FULL_OBJECT);
        byte[] a = fill(PART, (byte) 7);
        byte[] b = fill(333, (byte) 9);
        PartInfo p1 = uploadPart(upload, "f", 1, a, "CRC32C", crc(ChecksumAlgorithm.CRC32C, a));
        PartInfo p2 = uploadPart(upload, "f", 2, b, "CRC32C", crc(ChecksumAlgorithm.CRC32C, b));
        byte[] whole = new byte[a.length + b.length];
        System.arraycopy(a, 0, whole, 0, a.length);
        System.arraycopy(b, 0, whole, a.length, b.length);
        String expected = Checksums.base64(crc(ChecksumAlgorithm.CRC32C, whole));
        ObjectInfo done = join(store.completeMultipartUpload(new CompleteMultipartRequest("mpu", "f",
                upload.uploadId(), List.of(new CompletedPart(1, p1.etag()), new CompletedPart(2, p2.etag())),
                WriteConditions.NONE, List.of(new Checksum("CRC32C", expected, ChecksumType.FULL_OBJECT)))));
        assertThat(done.checksums()).containsExactly(new Checksum("CRC32C", expected, ChecksumType.FULL_OBJECT));
    }

    @Test
    void aMismatchingWholeObjectChecksumIsBadDigestAndKeepsTheUpload() {
        MultipartUpload upload = create("bd", ObjectProperties.EMPTY, "CRC32C", ChecksumType.FULL_OBJECT);
        byte[] a = fill(10, (byte) 1);
        PartInfo p1 = uploadPart(upload, "bd", 1, a, "CRC32C", crc(ChecksumAlgorithm.CRC32C, a));
        assertThat(errorCode(store.completeMultipartUpload(new CompleteMultipartRequest("mpu", "bd",
                upload.uploadId(), List.of(new CompletedPart(1, p1.etag())), WriteConditions.NONE,
                List.of(new Checksum("CRC32C", "AAAAAA==", ChecksumType.FULL_OBJECT)))))).isEqualTo("BadDigest");
        assertThat(join(store.listParts("mpu", "bd", upload.uploadId(), 0, 10)).parts()).hasSize(1);
        assertThat(errorCode(store.headObject("mpu", "bd"))).isEqualTo("NoSuchKey");
    }

    @Test
    void completeChecksOrderPartsSizesAndConditions() {
        Blobs.put(store, "mpu", "exists", "already here");
        MultipartUpload upload = create("exists", ObjectProperties.EMPTY, null, null);
        PartInfo p1 = uploadPart(upload, "exists", 1, fill(PART, (byte) 1), null, null);
        PartInfo p2 = uploadPart(upload, "exists", 2, fill(10, (byte) 2), null, null);
        PartInfo small = uploadPart(upload, "exists", 3, fill(10, (byte) 3), null, null);
        String id = upload.uploadId();
        assertThat(complete("exists", id, List.of(new CompletedPart(2, p2.etag()), new CompletedPart(1, p1.etag())),
                WriteConditions.NONE)).isEqualTo("InvalidPartOrder");
        assertThat(complete("exists", id, List.of(new CompletedPart(1, p1.etag()), new CompletedPart(1, p1.etag())),
                WriteConditions.NONE)).isEqualTo("InvalidPartOrder");
        assertThat(complete("exists", id, List.of(new CompletedPart(1, p2.etag())), WriteConditions.NONE))
                .isEqualTo("InvalidPart");
        assertThat(complete("exists", id, List.of(new CompletedPart(1, p1.etag()), new CompletedPart(9, "x")),
                WriteConditions.NONE)).isEqualTo("InvalidPart");
        assertThat(complete("exists", id, List.of(new CompletedPart(2, p2.etag()), new CompletedPart(3,
                small.etag())), WriteConditions.NONE)).isEqualTo("EntityTooSmall");
        assertThat(complete("exists", id, List.of(new CompletedPart(1, p1.etag())), new WriteConditions(null, true)))
                .isEqualTo("PreconditionFailed");
        assertThat(complete("other-key", id, List.of(new CompletedPart(1, p1.etag())), WriteConditions.NONE))
                .isEqualTo("NoSuchUpload");
        assertThat(complete("exists", "0123456789abcdef0123456789abcdef", List.of(new CompletedPart(1, p1.etag())),
                WriteConditions.NONE)).isEqualTo("NoSuchUpload");
        assertThat(complete("exists", "../../etc", List.of(new CompletedPart(1, p1.etag())),
                WriteConditions.NONE)).isEqualTo("NoSuchUpload");
        assertThat(Blobs.getString(store, "mpu", "exists")).isEqualTo("already here");
        String etag = join(store.headObject("mpu", "exists")).etag();
        ObjectInfo done = join(store.completeMultipartUpload(new CompleteMultipartRequest("mpu", "exists", id,
                List.of(new CompletedPart(1, p1.etag()), new CompletedPart(3, small.etag())),
                new WriteConditions(etag, false), List.of())));
        assertThat(done.size()).isEqualTo(PART + 10);
        assertThat(done.etag()).isEqualTo(ETags.multipart(List.of(p1.etag(), small.etag())));
    }

    @Test
    void aReuploadedPartReplacesTheOldOneAndPartsPage() {
        MultipartUpload upload = create("p", ObjectProperties.EMPTY, null, null);
        uploadPart(upload, "p", 1, fill(5, (byte) 1), null, null);
        PartInfo again = uploadPart(upload, "p", 1, fill(6, (byte) 2), null, null);
        for (int n = 2; n <= 5; n++) {
            uploadPart(upload, "p", n, fill(n, (byte) n), null, null);
        }
        PartListing first = join(store.listParts("mpu", "p", upload.uploadId(), 0, 2));
        assertThat(first.parts()).extracting(PartInfo::partNumber).containsExactly(1, 2);
        assertThat(first.parts().get(0).etag()).isEqualTo(again.etag());
        assertThat(first.parts().get(0).size()).isEqualTo(6);
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextPartNumberMarker()).isEqualTo(2);
        assertThat(first.upload().uploadId()).isEqualTo(upload.uploadId());
        PartListing rest = join(store.listParts("mpu", "p", upload.uploadId(), 2, 10));
        assertThat(rest.parts()).extracting(PartInfo::partNumber).containsExactly(3, 4, 5);
        assertThat(rest.truncated()).isFalse();
        assertThat(errorCode(store.uploadPart(new UploadPartRequest("mpu", "p", upload.uploadId(), 10001, 1))))
                .isEqualTo("InvalidArgument");
    }

    @Test
    void abortRemovesTheUploadAndItsParts() {
        MultipartUpload upload = create("a", ObjectProperties.EMPTY, null, null);
        uploadPart(upload, "a", 1, fill(100, (byte) 1), null, null);
        BlobWriter<PartInfo> pending = join(store.uploadPart(new UploadPartRequest("mpu", "a", upload.uploadId(),
                2, -1)));
        Blobs.writeChunks(pending, fill(50, (byte) 2));
        join(store.abortMultipartUpload("mpu", "a", upload.uploadId()));
        assertThat(dir.resolve("mpu/uploads").toFile().list()).isEmpty();
        assertThat(errorCode(pending.commit(Blobs.digest(fill(50, (byte) 2), List.of())))).isEqualTo("NoSuchUpload");
        assertThat(errorCode(store.abortMultipartUpload("mpu", "a", upload.uploadId()))).isEqualTo("NoSuchUpload");
        assertThat(errorCode(store.uploadPart(new UploadPartRequest("mpu", "a", upload.uploadId(), 1, 1))))
                .isEqualTo("NoSuchUpload");
        assertThat(dir.resolve("mpu/tmp").toFile().list()).isEmpty();
    }

    @Test
    void uploadsAreListedByKeyThenCreationWithMarkersAndRollUp() {
        MultipartUpload b1 = create("b", ObjectProperties.EMPTY, null, null);
        MultipartUpload a1 = create("a", ObjectProperties.EMPTY, null, null);
        MultipartUpload b2 = create("b", ObjectProperties.EMPTY, null, null);
        MultipartUpload d1 = create("dir/x", ObjectProperties.EMPTY, null, null);
        create("dir/y", ObjectProperties.EMPTY, null, null);
        UploadListing all = join(store.listMultipartUploads(new ListUploadsRequest("mpu", "", null, "", "", 1000)));
        assertThat(all.uploads()).extracting(MultipartUpload::uploadId).containsExactly(a1.uploadId(),
                b1.uploadId(), b2.uploadId(), d1.uploadId(), all.uploads().get(4).uploadId());
        UploadListing page = join(store.listMultipartUploads(new ListUploadsRequest("mpu", "", "/", "", "", 2)));
        assertThat(page.uploads()).extracting(MultipartUpload::uploadId).containsExactly(a1.uploadId(),
                b1.uploadId());
        assertThat(page.truncated()).isTrue();
        assertThat(page.nextKeyMarker()).isEqualTo("b");
        assertThat(page.nextUploadIdMarker()).isEqualTo(b1.uploadId());
        UploadListing next = join(store.listMultipartUploads(new ListUploadsRequest("mpu", "", "/", "b",
                b1.uploadId(), 2)));
        assertThat(next.uploads()).extracting(MultipartUpload::uploadId).containsExactly(b2.uploadId());
        assertThat(next.commonPrefixes()).containsExactly("dir/");
        assertThat(next.truncated()).isFalse();
        UploadListing prefixed = join(store.listMultipartUploads(new ListUploadsRequest("mpu", "dir/", null, "",
                "", 10)));
        assertThat(prefixed.uploads()).extracting(MultipartUpload::key).containsExactly("dir/x", "dir/y");
    }

    private MultipartUpload create(String key, ObjectProperties props, String algorithm, ChecksumType type) {
        MultipartUpload u = join(store.createMultipartUpload(new CreateMultipartRequest("mpu", key, props, algorithm,
                type)));
        assertThat(u.key()).isEqualTo(key);
        assertThat(u.uploadId()).matches("[0-9a-f]{32}");
        return u;
    }

    private PartInfo uploadPart(MultipartUpload upload, String key, int n, byte[] data, String algorithm,
                                byte[] checksum) {
        BlobWriter<PartInfo> w = join(store.uploadPart(new UploadPartRequest("mpu", key, upload.uploadId(), n,
                data.length)));
        Blobs.writeChunks(w, data);
        List<Checksum> checksums = algorithm == null ? List.of()
                : List.of(new Checksum(algorithm, Checksums.base64(checksum), ChecksumType.FULL_OBJECT));
        PartInfo part = join(w.commit(Blobs.digest(data, checksums)));
        assertThat(part.partNumber()).isEqualTo(n);
        assertThat(part.size()).isEqualTo(data.length);
        return part;
    }

    private String complete(String key, String uploadId, List<CompletedPart> parts, WriteConditions conditions) {
        return errorCode(store.completeMultipartUpload(new CompleteMultipartRequest("mpu", key, uploadId, parts,
                conditions, List.of())));
    }

    private static byte[] crc(ChecksumAlgorithm algorithm, byte[] data) {
        var digest = algorithm.newDigest();
        digest.update(data);
        return digest.finish();
    }

    private static byte[] fill(int size, byte value) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value + i % 7);
        }
        return b;
    }
}
