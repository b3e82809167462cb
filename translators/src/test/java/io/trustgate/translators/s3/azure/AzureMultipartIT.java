package io.trustgate.translators.s3.azure;

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
import io.trustgate.testsupport.Azurite;
import io.trustgate.translators.s3.filesystem.Blobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * CompleteMultipartUpload on {@link AzureMultipart} against a real Azurite: a repeated Complete answered from the
 * blob it committed (also from a second store instance, as after a restart), and part checksums checked.
 */
class AzureMultipartIT {

    private static AzureBlobStore store;
    private static String bucket;

    @BeforeAll
    static void start() {
        Azurite.require();
        store = open();
        bucket = "tg-azure-mpu-" + UUID.randomUUID().toString().substring(0, 8);
        join(store.createBucket(bucket));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aRepeatedCompleteAnswersAsTheFirstOneDidAlsoFromAnotherStoreInstance() {
        String key = "again/" + UUID.randomUUID();
        ObjectProperties props = new ObjectProperties(null, null, null, null, null, null, Map.of("owner", "me"));
        MultipartUpload upload = create(key, props, "CRC32C", ChecksumType.COMPOSITE);
        PartInfo p1 = part(upload, key, 1, "first part".getBytes(), ChecksumAlgorithm.CRC32C);
        List<CompletedPart> parts = List.of(listed(p1));
        ObjectInfo first = complete(key, upload.uploadId(), parts, WriteConditions.NONE);
        assertThat(first.checksums()).hasSize(1);

        ObjectInfo again = complete(key, upload.uploadId(), parts, new WriteConditions(null, true));
        assertThat(again.etag()).isEqualTo(first.etag());
        assertThat(again.checksums()).isEqualTo(first.checksums());
        try (AzureBlobStore restarted = open()) {
            ObjectInfo later = join(restarted.completeMultipartUpload(new CompleteMultipartRequest(bucket, key,
                    upload.uploadId(), parts, WriteConditions.NONE, List.of())));
            assertThat(later.etag()).isEqualTo(first.etag());
            assertThat(later.checksums()).isEqualTo(first.checksums());
        }
        assertThat(join(store.headObject(bucket, key)).properties().userMetadata())
                .as("the upload id is kept under a reserved name, never as x-amz-meta-*")
                .containsExactlyEntriesOf(Map.of("owner", "me"));

        assertThat(completeError(key, upload.uploadId(), List.of(new CompletedPart(1, Blobs.md5(new byte[1])))))
                .as("another part list").isEqualTo("NoSuchUpload");
        Blobs.put(store, bucket, key, "replaced");
        // as on the filesystem backend (ObjectAssemblyTest); AWS documents NoSuchUpload for an upload that was
        // completed, and answers a repeat with 200 only while the object is the one that upload made
        assertThat(completeError(key, upload.uploadId(), parts)).as("the object was replaced since")
                .isEqualTo("NoSuchUpload");
        assertThat(Blobs.getString(store, bucket, key)).as("the repeat leaves the replacement in place")
                .isEqualTo("replaced");
    }

    @Test
    void aCompositeUploadNeedsEveryPartsChecksumAndItMustMatch() {
        String key = "sums/" + UUID.randomUUID();
        MultipartUpload upload = create(key, ObjectProperties.EMPTY, "CRC32", ChecksumType.COMPOSITE);
        byte[] data = "part one".getBytes();
        PartInfo p1 = part(upload, key, 1, data, ChecksumAlgorithm.CRC32);
        String id = upload.uploadId();

        BlobStoreException missing = catchThrowableOfType(() -> complete(key, id,
                List.of(new CompletedPart(1, p1.etag())), WriteConditions.NONE), BlobStoreException.class);
        assertThat(missing.code()).isEqualTo("InvalidRequest");
        assertThat(missing.getMessage()).isEqualTo("The upload was created using a crc32 checksum. The complete "
                + "request must include the checksum for each part. It was missing for part 1 in the request.");
        assertThat(completeError(key, id, List.of(new CompletedPart(1, p1.etag(),
                List.of(new Checksum("CRC32", "AAAAAA==", ChecksumType.FULL_OBJECT)))))).isEqualTo("InvalidPart");
        assertThat(completeError(key, id, List.of(new CompletedPart(1, p1.etag(), List.of(new Checksum("SHA256",
                Checksums.base64(digest(ChecksumAlgorithm.SHA256, data)), ChecksumType.FULL_OBJECT))))))
                .isEqualTo("BadDigest");
        assertThat(errorCode(store.headObject(bucket, key))).isEqualTo("NoSuchKey");

        ObjectInfo done = complete(key, id, List.of(listed(p1)), WriteConditions.NONE);
        assertThat(done.checksums().get(0).value()).endsWith("-1");
    }

    private static AzureBlobStore open() {
        return AzureBlobStore.open(new AzureStoreConfig(Azurite.CONNECTION_STRING, 64 * 1024, 4));
    }

    private static MultipartUpload create(String key, ObjectProperties props, String algorithm, ChecksumType type) {
        return join(store.createMultipartUpload(new CreateMultipartRequest(bucket, key, props, algorithm, type)));
    }

    private static PartInfo part(MultipartUpload upload, String key, int n, byte[] data,
                                 ChecksumAlgorithm algorithm) {
        BlobWriter<PartInfo> w = join(store.uploadPart(new UploadPartRequest(bucket, key, upload.uploadId(), n,
                data.length)));
        Blobs.writeChunks(w, data);
        return join(w.commit(Blobs.digest(data, List.of(new Checksum(algorithm.name(),
                Checksums.base64(digest(algorithm, data)), ChecksumType.FULL_OBJECT)))));
    }

    private static CompletedPart listed(PartInfo p) {
        return new CompletedPart(p.partNumber(), p.etag(), p.checksums());
    }

    private static ObjectInfo complete(String key, String uploadId, List<CompletedPart> parts,
                                       WriteConditions conditions) {
        return join(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, key, uploadId, parts,
                conditions, List.of())));
    }

    private static String completeError(String key, String uploadId, List<CompletedPart> parts) {
        return errorCode(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, key, uploadId, parts,
                WriteConditions.NONE, List.of())));
    }

    private static byte[] digest(ChecksumAlgorithm algorithm, byte[] data) {
        var d = algorithm.newDigest();
        d.update(data);
        return d.finish();
    }
}
