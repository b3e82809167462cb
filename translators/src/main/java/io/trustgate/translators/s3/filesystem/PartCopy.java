package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.checksum.ChecksumAlgorithm;
import io.trustgate.s3.checksum.Checksums;
import io.trustgate.s3.checksum.StreamingChecksum;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.ETags;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.UploadPartCopyRequest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * UploadPartCopy inside the data directory: the source is opened (pinning its version), its range is copied into a
 * staging file of the upload's bucket by kernel copy ({@link StagingFile#append}), sealed as a part and published
 * like an uploaded one. The part's ETag is the MD5 of the range, read back from the source once; when the range is
 * a whole single-part source and the upload has no checksum algorithm the source's ETag is that MD5 already and
 * nothing is read. With an algorithm the part's checksum is computed in the same pass. Blocking; IO threads only.
 */
final class PartCopy {

    private static final int BUFFER = 1 << 20;

    private final StoreRoot root;
    private final Buckets buckets;
    private final ObjectTree tree;
    private final Uploads uploads;
    private final FsyncPolicy fsync;

    PartCopy(StoreRoot root, Buckets buckets, ObjectTree tree, Uploads uploads, FsyncPolicy fsync) {
        this.root = root;
        this.buckets = buckets;
        this.tree = tree;
        this.uploads = uploads;
        this.fsync = fsync;
    }

    PartInfo copy(UploadPartCopyRequest request) throws IOException {
        ObjectTree.Opened source = buckets.withBucket(request.sourceBucket(),
                () -> tree.open(request.sourceBucket(), request.sourceKey()));
        try (source) {
            FileChannel ch = source.channel();
            ObjectInfo from = source.info();
            if (request.sourceEtag() != null && !ETags.bare(request.sourceEtag()).equals(from.etag())) {
                throw BlobStoreException.preconditionFailed();
            }
            if (request.offset() < 0 || request.length() < 0 || request.offset() + request.length() > from.size()) {
                throw new BlobStoreException("InvalidRange", 416, "The requested range is not satisfiable");
            }
            String bucket = request.bucket();
            return buckets.withBucket(bucket, () -> {
                ObjectInfo descriptor = uploads.descriptor(bucket, request.key(), request.uploadId());
                uploads.partFile(bucket, request.uploadId(), request.partNumber());
                Checksum choice = descriptor.checksums().isEmpty() ? null : descriptor.checksums().get(0);
                StagingFile staged = StagingFile.create(root.tmp(bucket));
                try {
                    staged.append(ch, request.offset(), request.length());
                    boolean whole = request.offset() == 0 && request.length() == from.size()
                            && from.partsCount() == 0;
                    Digest digest = whole && choice == null ? new Digest(from.etag(), List.of())
                            : digest(ch, request.offset(), request.length(), choice);
                    Instant now = ObjectFooter.now();
                    staged.seal(new ObjectInfo("", request.length(), digest.md5Hex(), now, ObjectProperties.EMPTY,
                            digest.checksums(), request.partNumber()), fsync == FsyncPolicy.ALWAYS);
                    uploads.publishPart(bucket, request.key(), request.uploadId(), request.partNumber(),
                            staged.path());
                    return new PartInfo(request.partNumber(), digest.md5Hex(), request.length(), now,
                            digest.checksums());
                } catch (IOException | RuntimeException e) {
                    staged.discard();
                    throw e;
                }
            });
        }
    }

    private record Digest(String md5Hex, List<Checksum> checksums) {
    }

    /** MD5 and, when the upload chose one, its checksum algorithm over {@code [offset, offset + length)}. */
    private static Digest digest(FileChannel ch, long offset, long length, Checksum choice) throws IOException {
        MessageDigest md5 = ETags.md5();
        ChecksumAlgorithm algorithm = choice == null ? null : ChecksumAlgorithm.fromName(choice.algorithm())
                .orElseThrow(() -> new BlobStoreException("InvalidRequest", 400,
                        "Unknown checksum algorithm " + choice.algorithm()));
        StreamingChecksum sum = algorithm == null ? null : algorithm.newDigest();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(length, 1)));
        for (long pos = offset, end = offset + length; pos < end; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("source ended early");
            }
            buf.flip();
            if (sum != null) {
                sum.update(buf.duplicate());
            }
            md5.update(buf);
            pos += n;
        }
        List<Checksum> checksums = sum == null ? List.of()
                : List.of(new Checksum(choice.algorithm(), Checksums.base64(sum.finish()), ChecksumType.FULL_OBJECT));
        return new Digest(HexFormat.of().formatHex(md5.digest()), checksums);
    }
}
