package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.checksum.Checksums;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CompletedPart;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.UploadPartRequest;
import io.trustgate.s3.spi.WriteConditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * CompleteMultipartUpload on the filesystem backend: a repeated Complete answered from the object it made (also
 * after the store is reopened), and the part checksums of an upload with a checksum algorithm checked against the
 * stored parts.
 */
class ObjectAssemblyTest {

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
    void aRepeatedCompleteAnswersAsTheFirstOneDidAlsoAfterARestart() throws IOException {
        MultipartUpload upload = create("k", "SHA256", ChecksumType.COMPOSITE);
        PartInfo p1 = part(upload, "k", 1, fill(PART, 1), ChecksumAlgorithm.SHA256);
        PartInfo p2 = part(upload, "k", 2, fill(10, 2), ChecksumAlgorithm.SHA256);
        List<CompletedPart> parts = List.of(listed(p1), listed(p2));
        ObjectInfo first = complete("k", upload.uploadId(), parts, WriteConditions.NONE);
        assertThat(first.checksums()).hasSize(1);

        ObjectInfo again = complete("k", upload.uploadId(), parts, new WriteConditions(null, true));
        assertThat(again).as("If-None-Match: * does not fail the repeat: the object is the one it made")
                .isEqualTo(first);

        store.close();
        store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir).withMinimumPartSize(PART));
        assertThat(complete("k", upload.uploadId(), parts, WriteConditions.NONE)).isEqualTo(first);

        assertThat(completeError("k", upload.uploadId(), List.of(listed(p1))))
                .as("another part list").isEqualTo("NoSuchUpload");
        assertThat(completeError("other", upload.uploadId(), parts)).as("another key").isEqualTo("NoSuchUpload");
        Blobs.put(store, "mpu", "k", "replaced");
        assertThat(completeError("k", upload.uploadId(), parts)).as("the object was replaced since")
                .isEqualTo("NoSuchUpload");
        assertThat(Blobs.getString(store, "mpu", "k")).isEqualTo("replaced");
    }

    @Test
    void aCompositeUploadNeedsEveryPartsChecksumAndItMustMatch() {
        MultipartUpload upload = create("c", "CRC32", ChecksumType.COMPOSITE);
        PartInfo p1 = part(upload, "c", 1, fill(PART, 3), ChecksumAlgorithm.CRC32);
        PartInfo p2 = part(upload, "c", 2, fill(5, 4), ChecksumAlgorithm.CRC32);
        String id = upload.uploadId();

        BlobStoreException missing = completeFailure("c", id, List.of(listed(p1), new CompletedPart(2, p2.etag())));
        assertThat(missing.code()).isEqualTo("InvalidRequest");
        assertThat(missing.httpStatus()).isEqualTo(400);
        assertThat(missing.getMessage()).isEqualTo("The upload was created using a crc32 checksum. The complete "
                + "request must include the checksum for each part. It was missing for part 2 in the request.");

        Checksum wrong = new Checksum("CRC32", p1.checksums().get(0).value(), ChecksumType.FULL_OBJECT);
        assertThat(completeError("c", id, List.of(listed(p1), new CompletedPart(2, p2.etag(), List.of(wrong)))))
                .isEqualTo("InvalidPart");

        Checksum otherAlgorithm = new Checksum("SHA256", Checksums.base64(digest(ChecksumAlgorithm.SHA256,
                fill(5, 4))), ChecksumType.FULL_OBJECT);
        BlobStoreException other = completeFailure("c", id, List.of(listed(p1),
                new CompletedPart(2, p2.etag(), List.of(otherAlgorithm))));
        assertThat(other.code()).isEqualTo("BadDigest");
        assertThat(other.getMessage()).isEqualTo("The sha256 you specified for part 2 did not match what we received.");

        assertThat(errorCode(store.headObject("mpu", "c"))).as("nothing was written").isEqualTo("NoSuchKey");
        ObjectInfo done = complete("c", id, List.of(listed(p1), listed(p2)), WriteConditions.NONE);
        assertThat(done.checksums().get(0).value()).endsWith("-2");
    }

    @Test
    void aFullObjectUploadTakesPartsWithoutChecksumsButChecksThoseNamed() {
        MultipartUpload upload = create("f", "CRC32C", ChecksumType.FULL_OBJECT);
        PartInfo p1 = part(upload, "f", 1, fill(PART, 5), ChecksumAlgorithm.CRC32C);
        PartInfo p2 = part(upload, "f", 2, fill(7, 6), ChecksumAlgorithm.CRC32C);
        Checksum wrong = new Checksum("CRC32C", "AAAAAA==", ChecksumType.FULL_OBJECT);
        assertThat(completeError("f", upload.uploadId(), List.of(listed(p1),
                new CompletedPart(2, p2.etag(), List.of(wrong))))).isEqualTo("InvalidPart");
        ObjectInfo done = complete("f", upload.uploadId(), List.of(new CompletedPart(1, p1.etag()),
                new CompletedPart(2, p2.etag())), WriteConditions.NONE);
        assertThat(done.checksums()).extracting(Checksum::type).containsExactly(ChecksumType.FULL_OBJECT);
    }

    private MultipartUpload create(String key, String algorithm, ChecksumType type) {
        return join(store.createMultipartUpload(new CreateMultipartRequest("mpu", key, ObjectProperties.EMPTY,
                algorithm, type)));
    }

    private PartInfo part(MultipartUpload upload, String key, int n, byte[] data, ChecksumAlgorithm algorithm) {
        BlobWriter<PartInfo> w = join(store.uploadPart(new UploadPartRequest("mpu", key, upload.uploadId(), n,
                data.length)));
        Blobs.writeChunks(w, data);
        return join(w.commit(Blobs.digest(data, List.of(new Checksum(algorithm.name(),
                Checksums.base64(digest(algorithm, data)), ChecksumType.FULL_OBJECT)))));
    }

    /** The part as an SDK names it: quoted ETag and the checksum the UploadPart response carried. */
    private static CompletedPart listed(PartInfo p) {
        return new CompletedPart(p.partNumber(), "\"" + p.etag() + "\"", p.checksums());
    }

    private ObjectInfo complete(String key, String uploadId, List<CompletedPart> parts, WriteConditions conditions) {
        return join(store.completeMultipartUpload(new CompleteMultipartRequest("mpu", key, uploadId, parts,
                conditions, List.of())));
    }

    private String completeError(String key, String uploadId, List<CompletedPart> parts) {
        return errorCode(store.completeMultipartUpload(new CompleteMultipartRequest("mpu", key, uploadId, parts,
                WriteConditions.NONE, List.of())));
    }

    private BlobStoreException completeFailure(String key, String uploadId, List<CompletedPart> parts) {
        return catchThrowableOfType(() -> complete(key, uploadId, parts, WriteConditions.NONE),
                BlobStoreException.class);
    }

    private static byte[] digest(ChecksumAlgorithm algorithm, byte[] data) {
        var d = algorithm.newDigest();
        d.update(data);
        return d.finish();
    }

    private static byte[] fill(int size, int value) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
