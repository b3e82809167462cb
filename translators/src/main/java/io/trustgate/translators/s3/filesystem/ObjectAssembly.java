package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CompletedPart;
import io.trustgate.s3.spi.CompletedParts;
import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.ETags;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.PartInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Objects built from other stored bytes: CompleteMultipartUpload (parts concatenated into a staging file by kernel
 * copy, then published like a PUT) and server-side CopyObject. Blocking; runs on the store's IO threads.
 */
final class ObjectAssembly {

    private final StoreRoot root;
    private final Buckets buckets;
    private final ObjectTree tree;
    private final Uploads uploads;
    private final FsyncPolicy fsync;
    private final long minimumPartSize;

    ObjectAssembly(StoreRoot root, Buckets buckets, ObjectTree tree, Uploads uploads, FsyncPolicy fsync,
                   long minimumPartSize) {
        this.root = root;
        this.buckets = buckets;
        this.tree = tree;
        this.uploads = uploads;
        this.fsync = fsync;
        this.minimumPartSize = minimumPartSize;
    }

    /**
     * See {@code BlobStore#completeMultipartUpload} for the checks and their order. The object's footer records the
     * upload id and part-list fingerprint ({@link ObjectFooter.Completion}), so that a Complete repeated after this
     * one succeeded, even after a restart, is answered from the object as long as it is the key's current version.
     */
    ObjectInfo complete(CompleteMultipartRequest request) throws IOException {
        String bucket = request.bucket();
        return buckets.withBucket(bucket, () -> {
            ReentrantLock lock = uploads.lockFor(request.uploadId());
            lock.lock();
            try {
                ObjectInfo descriptor;
                try {
                    descriptor = uploads.descriptor(bucket, request.key(), request.uploadId());
                } catch (BlobStoreException e) {
                    ObjectInfo earlier = "NoSuchUpload".equals(e.code()) ? completedBefore(bucket, request) : null;
                    if (earlier == null) {
                        throw e;
                    }
                    return earlier;
                }
                Checksum choice = descriptor.checksums().isEmpty() ? null : descriptor.checksums().get(0);
                List<PartInfo> parts = chosenParts(bucket, request, choice);
                ObjectTree.Version seen = request.conditions().isNone() ? null : tree.version(bucket, request.key());
                StagingFile staged = StagingFile.create(root.tmp(bucket));
                ObjectInfo info;
                try {
                    List<String> etags = new ArrayList<>(parts.size());
                    for (PartInfo part : parts) {
                        try (FileChannel ch = FileChannel.open(uploads.partFile(bucket, request.uploadId(),
                                part.partNumber()), StandardOpenOption.READ)) {
                            staged.append(ch, 0, part.size());
                        }
                        etags.add(part.etag());
                    }
                    List<Checksum> checksums = MultipartChecksums.combine(choice, parts);
                    MultipartChecksums.verify(checksums, request.expectedChecksums());
                    info = new ObjectInfo(request.key(), staged.size(), ETags.multipart(etags), ObjectFooter.now(),
                            descriptor.properties(), checksums, parts.size());
                    staged.seal(info, parts.stream().map(PartInfo::size).toList(), new ObjectFooter.Completion(
                            request.uploadId(), CompletedParts.fingerprint(request.parts())),
                            fsync == FsyncPolicy.ALWAYS);
                    tree.publish(bucket, request.key(), staged.path(), request.conditions(), seen);
                } catch (IOException | RuntimeException e) {
                    staged.discard();
                    throw e;
                }
                uploads.remove(bucket, request.uploadId());
                return info;
            } finally {
                lock.unlock();
            }
        });
    }

    /**
     * The object at the key when it was made by completing this upload with this part list (a repeated Complete),
     * else null.
     */
    private ObjectInfo completedBefore(String bucket, CompleteMultipartRequest request) throws IOException {
        ObjectFooter.Footer current = tree.footer(bucket, request.key());
        ObjectFooter.Completion from = current == null ? null : current.completedFrom();
        if (from == null || !from.uploadId().equals(request.uploadId())
                || !from.partsFingerprint().equals(CompletedParts.fingerprint(request.parts()))) {
            return null;
        }
        return current.info();
    }

    /**
     * The listed parts, checked: ascending order, present with the listed ETag and the listed checksum (for an
     * upload with a checksum algorithm, {@code choice}), all but the last big enough.
     */
    private List<PartInfo> chosenParts(String bucket, CompleteMultipartRequest request, Checksum choice)
            throws IOException {
        if (request.parts().isEmpty()) {
            throw new BlobStoreException("MalformedXML", 400,
                    "The XML you provided was not well-formed or did not validate against our published schema.");
        }
        int previous = 0;
        for (CompletedPart p : request.parts()) {
            if (p.partNumber() <= previous) {
                throw BlobStoreException.invalidPartOrder();
            }
            previous = p.partNumber();
        }
        TreeMap<Integer, PartInfo> stored = uploads.parts(bucket, request.uploadId(), 0, Integer.MAX_VALUE);
        List<PartInfo> chosen = new ArrayList<>(request.parts().size());
        for (CompletedPart p : request.parts()) {
            PartInfo part = stored.get(p.partNumber());
            if (part == null || !part.etag().equals(ETags.bare(p.etag()))) {
                throw BlobStoreException.invalidPart(p.partNumber());
            }
            if (choice != null) {
                CompletedParts.checkChecksum(choice.algorithm(), choice.type(), p, part);
            }
            chosen.add(part);
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).size() < minimumPartSize) {
                throw BlobStoreException.entityTooSmall();
            }
        }
        return chosen;
    }

    /**
     * Server-side copy: the source is opened (pinning its version) under its bucket's lock, then copied by kernel
     * copy into a staging file of the destination bucket and published with the destination's conditions.
     */
    ObjectInfo copy(CopyObjectRequest request) throws IOException {
        ObjectTree.Opened source = buckets.withBucket(request.sourceBucket(),
                () -> tree.open(request.sourceBucket(), request.sourceKey()));
        try (source) {
            FileChannel ch = source.channel();
            ObjectInfo from = source.info();
            if (request.sourceEtag() != null && !ETags.bare(request.sourceEtag()).equals(from.etag())) {
                throw BlobStoreException.preconditionFailed();
            }
            return buckets.withBucket(request.bucket(), () -> {
                ObjectTree.Version seen = request.conditions() == null || request.conditions().isNone() ? null
                        : tree.version(request.bucket(), request.key());
                StagingFile staged = tree.staging(request.bucket());
                try {
                    staged.append(ch, 0, from.size());
                    // a copy is a single-part object: a multipart source's ETag and COMPOSITE checksum do not carry over
                    String etag = from.partsCount() == 0 ? from.etag() : md5(ch, from.size());
                    List<Checksum> checksums = from.checksums().stream()
                            .filter(c -> c.type() != ChecksumType.COMPOSITE).toList();
                    ObjectInfo info = new ObjectInfo(request.key(), from.size(), etag, ObjectFooter.now(),
                            request.properties(), checksums, 0);
                    staged.seal(info, fsync == FsyncPolicy.ALWAYS);
                    tree.publish(request.bucket(), request.key(), staged.path(), request.conditions(), seen);
                    return info;
                } catch (IOException | RuntimeException e) {
                    staged.discard();
                    throw e;
                }
            });
        }
    }

    private static String md5(FileChannel ch, long size) throws IOException {
        MessageDigest md5 = ETags.md5();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        for (long pos = 0; pos < size; ) {
            // the object's footer follows its data in the same file: never read past the data
            buf.clear().limit((int) Math.min(buf.capacity(), size - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("source ended early");
            }
            buf.flip();
            md5.update(buf);
            pos += n;
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}
