package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.checksum.Checksums;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.UploadPartCopyRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;

/** The filesystem's native UploadPartCopy ({@link PartCopy}). */
class PartCopyTest {

    private static final int PART = 1024;

    @TempDir
    Path dir;
    FilesystemBlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = FilesystemBlobStore.open(FilesystemStoreConfig.defaults(dir).withMinimumPartSize(PART));
        join(store.createBucket("pcopy"));
        join(store.createBucket("other"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void passesTheChecksEveryBackendPasses() {
        PartCopyChecks.run(store, "pcopy", PART);
    }

    @Test
    void copiesAcrossBucketsAndComputesTheUploadsChecksumForThePart() {
        ObjectInfo src = Blobs.put(store, "other", "src", "hello, part copy");
        MultipartUpload upload = join(store.createMultipartUpload(new CreateMultipartRequest("pcopy", "t",
                ObjectProperties.EMPTY, "CRC32", ChecksumType.FULL_OBJECT)));
        PartInfo part = join(store.uploadPartCopy(new UploadPartCopyRequest("other", "src", src.etag(), 7, 4,
                "pcopy", "t", upload.uploadId(), 1)));
        byte[] copied = "part".getBytes(StandardCharsets.UTF_8);
        var crc = ChecksumAlgorithm.CRC32.newDigest();
        crc.update(copied);
        assertThat(part.etag()).isEqualTo(Blobs.md5(copied));
        assertThat(part.checksums()).containsExactly(new Checksum("CRC32", Checksums.base64(crc.finish()),
                ChecksumType.FULL_OBJECT));
        assertThat(join(store.listParts("pcopy", "t", upload.uploadId(), 0, 10)).parts()).singleElement()
                .satisfies(p -> assertThat(p.checksums()).isEqualTo(part.checksums()));
    }

    @Test
    void aFailedCopyLeavesNoStagingFile() throws IOException {
        Blobs.put(store, "pcopy", "src", "0123456789");
        MultipartUpload upload = join(store.createMultipartUpload(new CreateMultipartRequest("pcopy", "t",
                ObjectProperties.EMPTY, null, null)));
        assertThat(errorCode(store.uploadPartCopy(new UploadPartCopyRequest("pcopy", "src", null, 5, 6, "pcopy",
                "t", upload.uploadId(), 1)))).isEqualTo("InvalidRange");
        assertThat(errorCode(store.uploadPartCopy(new UploadPartCopyRequest("pcopy", "src", null, 0, 10, "pcopy",
                "t", upload.uploadId(), 10001)))).isNotNull();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp")).toList()).isEmpty();
        }
    }
}
