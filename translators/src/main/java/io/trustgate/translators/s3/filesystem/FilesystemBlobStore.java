package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobCapabilities;
import io.trustgate.s3.spi.BlobCapability;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.BlobStore;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;
import io.trustgate.s3.spi.BucketInfo;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.CompleteMultipartRequest;
import io.trustgate.s3.spi.CopyObjectRequest;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.DeleteCondition;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ListUploadsRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectProperties;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PartListing;
import io.trustgate.s3.spi.PutObjectRequest;
import io.trustgate.s3.spi.UploadListing;
import io.trustgate.s3.spi.UploadPartCopyRequest;
import io.trustgate.s3.spi.UploadPartRequest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The S3 filesystem backend: buckets are directories of one data directory, objects are files holding their bytes
 * and a footer of attributes, written atomically by rename (see docs/s3-filesystem.md for the layout, the crash
 * argument and the limits). All file IO runs on a bounded pool of its own; every method returns at once.
 *
 * <p>This class and {@link FilesystemStoreConfig} / {@link FsyncPolicy} are the package's public surface, for the
 * gateway to construct; everything else is package-private.
 */
public final class FilesystemBlobStore implements BlobStore {

    private static final BlobCapabilities CAPABILITIES = BlobCapabilities.builder()
            .natively(BlobCapability.MULTIPART, null)
            .natively(BlobCapability.SERVER_SIDE_COPY, "kernel copy into a new file")
            .natively(BlobCapability.PART_COPY, "kernel copy of the range into the part file")
            .natively(BlobCapability.ZERO_COPY_READ, "sendfile on plain HTTP")
            .natively(BlobCapability.CONDITIONAL_WRITES, null)
            .natively(BlobCapability.CONDITIONAL_DELETES, "checked and unlinked under the key's lock")
            .natively(BlobCapability.USER_METADATA, null)
            .natively(BlobCapability.CHECKSUMS, null)
            .natively(BlobCapability.BUCKET_MANAGEMENT, null)
            .build();

    private final StoreRoot root;
    private final IoExecutor io;
    private final FsyncPolicy fsync;
    private final Buckets buckets;
    private final ObjectTree tree;
    private final Uploads uploads;
    private final ObjectAssembly assembly;
    private final PartCopy partCopy;

    private FilesystemBlobStore(StoreRoot root, FilesystemStoreConfig config) {
        this.root = root;
        this.fsync = config.fsync();
        this.io = new IoExecutor(config.ioThreads());
        DirectoryIndex index = new DirectoryIndex(config.maxCachedDirectories());
        this.buckets = new Buckets(root, index, fsync);
        this.tree = new ObjectTree(root, index, fsync, new SpareFiles(root));
        this.uploads = new Uploads(root, fsync);
        this.assembly = new ObjectAssembly(root, buckets, tree, uploads, fsync, config.minimumPartSize());
        this.partCopy = new PartCopy(root, buckets, tree, uploads, fsync);
    }

    /**
     * Opens (creating if needed) the data directory: takes its lock (a second process fails here), refuses a
     * case-insensitive file system and removes temp files left by a crash.
     */
    public static FilesystemBlobStore open(FilesystemStoreConfig config) throws IOException {
        return new FilesystemBlobStore(StoreRoot.open(config.directory()), config);
    }

    @Override
    public String kind() {
        return "filesystem";
    }

    @Override
    public BlobCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** What every filesystem store declares, without opening one (for {@code trustgate capabilities}). */
    public static BlobCapabilities declaration() {
        return CAPABILITIES;
    }

    @Override
    public CompletionStage<List<BucketInfo>> listBuckets() {
        return io.run(buckets::list, null);
    }

    @Override
    public CompletionStage<BucketInfo> createBucket(String bucket) {
        return io.run(() -> buckets.create(bucket), null);
    }

    @Override
    public CompletionStage<Void> deleteBucket(String bucket) {
        return io.run(() -> {
            buckets.delete(bucket, tree, uploads);
            return null;
        }, null);
    }

    @Override
    public CompletionStage<BucketInfo> headBucket(String bucket) {
        return io.run(() -> buckets.head(bucket), null);
    }

    @Override
    public CompletionStage<ObjectListing> listObjects(ListObjectsRequest request) {
        return io.run(() -> buckets.withBucket(request.bucket(), () -> tree.list(request)), null);
    }

    @Override
    public CompletionStage<ObjectInfo> headObject(String bucket, String key) {
        return io.run(() -> buckets.withBucket(bucket, () -> tree.head(bucket, key)), null);
    }

    @Override
    public CompletionStage<BlobReader> openObject(String bucket, String key) {
        return io.run(() -> {
            ObjectTree.Opened opened = buckets.withBucket(bucket, () -> tree.open(bucket, key, false));
            return new FileBlobReader(io, opened);
        }, null);
    }

    /**
     * A PUT without write conditions into a bucket known to exist gets its writer at once, with no IO round trip
     * before the body is read: the key is checked in memory here, and the staging file is created by the first
     * drain task (a bucket deleted meanwhile fails there, or at the publish, with {@code NoSuchBucket}). Otherwise
     * the bucket is checked, the current version noted for the conditions and the staging file created on the IO
     * pool before the writer is handed out.
     */
    @Override
    public CompletionStage<BlobWriter<ObjectInfo>> putObject(PutObjectRequest request) {
        String bucket = request.bucket();
        String key = request.key();
        boolean unconditional = request.conditions() == null || request.conditions().isNone();
        if (unconditional && buckets.knownToExist(bucket)) {
            try {
                tree.file(bucket, KeyEncoding.utf8(key)); // KeyTooLongError before the body is sent
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(BlobStoreException.from(e));
            }
            return CompletableFuture.completedFuture(new FileBlobWriter<>(io,
                    () -> buckets.withBucket(bucket, () -> tree.staging(bucket)),
                    objectPublisher(request, null)));
        }
        return io.run(() -> buckets.withBucket(bucket, () -> {
            tree.file(bucket, KeyEncoding.utf8(key)); // KeyTooLongError before the body is sent
            ObjectTree.Version seen = unconditional ? null : tree.version(bucket, key);
            return new FileBlobWriter<>(io, tree.staging(bucket), objectPublisher(request, seen));
        }), null);
    }

    /** Seals a PUT's staged file and publishes it under the key's lock, conditions checked against {@code seen}. */
    private FileBlobWriter.Publisher<ObjectInfo> objectPublisher(PutObjectRequest request, ObjectTree.Version seen) {
        String bucket = request.bucket();
        String key = request.key();
        return (file, digest) -> {
            ObjectInfo info = new ObjectInfo(key, digest.size(), digest.md5Hex(), ObjectFooter.now(),
                    request.properties(), fullObject(digest), 0);
            file.seal(info, fsync == FsyncPolicy.ALWAYS);
            buckets.withBucket(bucket, () -> {
                tree.publish(bucket, key, file.path(), request.conditions(), seen);
                return null;
            });
            return info;
        };
    }

    @Override
    public CompletionStage<Void> deleteObject(String bucket, String key) {
        return deleteObject(bucket, key, DeleteCondition.NONE);
    }

    @Override
    public CompletionStage<Void> deleteObject(String bucket, String key, DeleteCondition condition) {
        return io.run(() -> buckets.withBucket(bucket, () -> {
            tree.delete(bucket, key, condition);
            return null;
        }), null);
    }

    @Override
    public CompletionStage<List<BlobStoreException>> deleteObjects(String bucket, List<String> keys) {
        return deleteObjects(bucket, keys, java.util.Collections.nCopies(keys.size(), DeleteCondition.NONE));
    }

    @Override
    public CompletionStage<List<BlobStoreException>> deleteObjects(String bucket, List<String> keys,
                                                                   List<DeleteCondition> conditions) {
        return io.run(() -> buckets.withBucket(bucket, () -> {
            List<BlobStoreException> results = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                try {
                    tree.delete(bucket, key, conditions.get(i));
                    results.add(null);
                } catch (IOException | RuntimeException e) {
                    results.add(BlobStoreException.from(e));
                }
            }
            return results;
        }), null);
    }

    @Override
    public CompletionStage<ObjectInfo> copyObject(CopyObjectRequest request) {
        return io.run(() -> assembly.copy(request), null);
    }

    @Override
    public CompletionStage<MultipartUpload> createMultipartUpload(CreateMultipartRequest request) {
        return io.run(() -> buckets.withBucket(request.bucket(), () -> uploads.create(request)), null);
    }

    @Override
    public CompletionStage<BlobWriter<PartInfo>> uploadPart(UploadPartRequest request) {
        String bucket = request.bucket();
        return io.run(() -> buckets.withBucket(bucket, () -> {
            uploads.descriptor(bucket, request.key(), request.uploadId());
            uploads.partFile(bucket, request.uploadId(), request.partNumber()); // validates the number
            StagingFile staged = tree.staging(bucket);
            return new FileBlobWriter<>(io, staged, (file, digest) -> {
                Instant now = ObjectFooter.now();
                List<Checksum> checksums = fullObject(digest);
                file.seal(new ObjectInfo("", digest.size(), digest.md5Hex(), now, ObjectProperties.EMPTY,
                        checksums, request.partNumber()), fsync == FsyncPolicy.ALWAYS);
                buckets.withBucket(bucket, () -> {
                    uploads.publishPart(bucket, request.key(), request.uploadId(), request.partNumber(),
                            file.path());
                    return null;
                });
                return new PartInfo(request.partNumber(), digest.md5Hex(), digest.size(), now, checksums);
            });
        }), null);
    }

    @Override
    public CompletionStage<PartInfo> uploadPartCopy(UploadPartCopyRequest request) {
        return io.run(() -> partCopy.copy(request), null);
    }

    @Override
    public CompletionStage<ObjectInfo> completeMultipartUpload(CompleteMultipartRequest request) {
        return io.run(() -> assembly.complete(request), null);
    }

    @Override
    public CompletionStage<Void> abortMultipartUpload(String bucket, String key, String uploadId) {
        return io.run(() -> buckets.withBucket(bucket, () -> {
            uploads.abort(bucket, key, uploadId);
            return null;
        }), null);
    }

    @Override
    public CompletionStage<PartListing> listParts(String bucket, String key, String uploadId, int partNumberMarker,
                                                  int maxParts) {
        return io.run(() -> buckets.withBucket(bucket,
                () -> uploads.listParts(bucket, key, uploadId, partNumberMarker, maxParts)), null);
    }

    @Override
    public CompletionStage<UploadListing> listMultipartUploads(ListUploadsRequest request) {
        return io.run(() -> buckets.withBucket(request.bucket(),
                () -> UploadLister.page(uploads.all(request.bucket()), request)), null);
    }

    /** Closes the IO pool (waiting briefly for running work) and releases the directory lock. */
    @Override
    public void close() {
        io.close();
        try {
            root.close();
        } catch (IOException ignored) {
            // the lock dies with the process anyway
        }
    }

    /** A single upload's checksums are over the whole body: type FULL_OBJECT whatever the server left unset. */
    private static List<Checksum> fullObject(BodyDigest digest) {
        List<Checksum> out = new ArrayList<>(digest.checksums().size());
        for (Checksum c : digest.checksums()) {
            out.add(c.type() == null ? new Checksum(c.algorithm(), c.value(), ChecksumType.FULL_OBJECT) : c);
        }
        return out;
    }
}
