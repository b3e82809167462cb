package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CompletedPart;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.UploadPartCopyRequest;
import io.trustgate.s3.spi.WriteConditions;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.trustgate.translators.s3.filesystem.Blobs.errorCode;
import static io.trustgate.translators.s3.filesystem.Blobs.join;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BlobStore#uploadPartCopy} checks any backend must pass, native or emulated: a whole source and a range
 * become parts whose ETags are the MD5 of their bytes and complete into the right object; a stale source ETag, a
 * missing source and an unknown upload fail with the S3 codes and store no part. Used by the filesystem test and the
 * Azure IT.
 */
public final class PartCopyChecks {

    private PartCopyChecks() {
    }

    /** Runs the checks in {@code bucket} (which must exist) of {@code store}, whose smallest part is {@code minPart}. */
    public static void run(BlobStore store, String bucket, int minPart) {
        byte[] source = new byte[minPart + 300];
        new Random(7).nextBytes(source);
        ObjectInfo src = Blobs.put(store, bucket, "pc/source", source);
        MultipartUpload upload = join(store.createMultipartUpload(new CreateMultipartRequest(bucket, "pc/target",
                ObjectProperties.EMPTY, null, null)));

        PartInfo whole = join(store.uploadPartCopy(new UploadPartCopyRequest(bucket, "pc/source", src.etag(), 0,
                source.length, bucket, "pc/target", upload.uploadId(), 1)));
        byte[] range = Arrays.copyOfRange(source, 100, 300);
        PartInfo ranged = join(store.uploadPartCopy(new UploadPartCopyRequest(bucket, "pc/source", null, 100,
                range.length, bucket, "pc/target", upload.uploadId(), 2)));
        assertThat(whole.etag()).isEqualTo(Blobs.md5(source));
        assertThat(whole.size()).isEqualTo(source.length);
        assertThat(ranged.etag()).isEqualTo(Blobs.md5(range));
        assertThat(ranged.size()).isEqualTo(range.length);

        assertThat(errorCode(store.uploadPartCopy(new UploadPartCopyRequest(bucket, "pc/source",
                "0123456789abcdef0123456789abcdef", 0, 10, bucket, "pc/target", upload.uploadId(), 3))))
                .isEqualTo("PreconditionFailed");
        assertThat(errorCode(store.uploadPartCopy(new UploadPartCopyRequest(bucket, "pc/missing", null, 0, 1,
                bucket, "pc/target", upload.uploadId(), 3)))).isEqualTo("NoSuchKey");
        assertThat(errorCode(store.uploadPartCopy(new UploadPartCopyRequest(bucket, "pc/source", null, 0, 1,
                bucket, "pc/target", "no-such-upload", 3)))).isEqualTo("NoSuchUpload");
        assertThat(join(store.listParts(bucket, "pc/target", upload.uploadId(), 0, 1000)).parts())
                .extracting(PartInfo::partNumber).containsExactly(1, 2);

        join(store.completeMultipartUpload(new CompleteMultipartRequest(bucket, "pc/target", upload.uploadId(),
                List.of(new CompletedPart(1, whole.etag()), new CompletedPart(2, ranged.etag())),
                WriteConditions.NONE, List.of())));
        byte[] expected = new byte[source.length + range.length];
        System.arraycopy(source, 0, expected, 0, source.length);
        System.arraycopy(range, 0, expected, source.length, range.length);
        assertThat(Blobs.get(store, bucket, "pc/target")).isEqualTo(expected);
    }
}
