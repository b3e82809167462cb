package io.trustgate.s3.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A BlobStore in memory, for unit tests of the server: all state under one lock, every stage already complete.
 * Follows the SPI contract (conditions at commit, listing roll-up, multipart checks) so tests see real semantics.
 */
public final class InMemoryBlobStore implements BlobStore {

    private record Stored(byte[] data, ObjectInfo info, List<Long> partSizes) {
        Stored(byte[] data, ObjectInfo info) {
            this(data, info, List.of());
        }
    }

    private record Upload(MultipartUpload upload, String bucket, ObjectProperties properties,
                          TreeMap<Integer, Stored> parts) {
    }

    private final TreeMap<String, Instant> buckets = new TreeMap<>();
    private final Map<String, TreeMap<String, Stored>> objects = new TreeMap<>();
    private final Map<String, Upload> uploads = new TreeMap<>();
    /** The smallest allowed non-last part; tests lower it to keep bodies small. */
    private final long minPartSize;

    public InMemoryBlobStore(long minPartSize) {
        this.minPartSize = minPartSize;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public BlobCapabilities capabilities() {
        return BlobCapabilities.builder()
                .natively(BlobCapability.MULTIPART, null)
                .emulated(BlobCapability.PART_COPY, "the SPI's default: read and written through the gateway")
                .natively(BlobCapability.CONDITIONAL_WRITES, null)
                .natively(BlobCapability.CONDITIONAL_DELETES, null)
                .natively(BlobCapability.USER_METADATA, null)
                .natively(BlobCapability.CHECKSUMS, null)
                .natively(BlobCapability.BUCKET_MANAGEMENT, null)
                .build();
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private static <T> CompletionStage<T> failed(BlobStoreException e) {
        return CompletableFuture.failedFuture(e);
    }

    private TreeMap<String, Stored> bucket(String name) {
        TreeMap<String, Stored> b = objects.get(name);
        if (b == null) {
            throw BlobStoreException.noSuchBucket(name);
        }
        return b;
    }

    @Override
    public synchronized CompletionStage<List<BucketInfo>> listBuckets() {
        return done(buckets.entrySet().stream().map(e -> new BucketInfo(e.getKey(), e.getValue())).toList());
    }

    @Override
    public synchronized CompletionStage<BucketInfo> createBucket(String bucket) {
        if (buckets.containsKey(bucket)) {
            return failed(BlobStoreException.bucketAlreadyOwnedByYou(bucket));
        }
        buckets.put(bucket, Instant.now());
        objects.put(bucket, new TreeMap<>());
        return done(new BucketInfo(bucket, buckets.get(bucket)));
    }

    @Override
    public synchronized CompletionStage<Void> deleteBucket(String bucket) {
        try {
            if (!bucket(bucket).isEmpty() || uploads.values().stream().anyMatch(u -> u.bucket.equals(bucket))) {
                return failed(BlobStoreException.bucketNotEmpty(bucket));
            }
        } catch (BlobStoreException e) {
            return failed(e);
        }
        buckets.remove(bucket);
        objects.remove(bucket);
        return done(null);
    }

    @Override
    public synchronized CompletionStage<BucketInfo> headBucket(String bucket) {
        Instant created = buckets.get(bucket);
        return created == null ? failed(BlobStoreException.noSuchBucket(bucket)) : done(new BucketInfo(bucket, created));
    }

    @Override
    public synchronized CompletionStage<ObjectListing> listObjects(ListObjectsRequest r) {
        TreeMap<String, Stored> b;
        try {
            b = bucket(r.bucket());
        } catch (BlobStoreException e) {
            return failed(e);
        }
        List<ObjectSummary> out = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, Stored> e : b.tailMap(r.marker(), false).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(r.prefix())) {
                continue;
            }
            String entry = key;
            boolean isPrefix = false;
            if (r.delimiter() != null) {
                int at = key.indexOf(r.delimiter(), r.prefix().length());
                if (at >= 0) {
                    entry = key.substring(0, at + r.delimiter().length());
                    isPrefix = true;
                    if (entry.compareTo(r.marker()) <= 0 || entry.equals(last)) {
                        continue;
                    }
                }
            }
            if (out.size() + prefixes.size() >= r.maxKeys()) {
                truncated = true;
                break;
            }
            if (isPrefix) {
                prefixes.add(entry);
            } else {
                ObjectInfo i = e.getValue().info();
                out.add(new ObjectSummary(key, i.size(), i.etag(), i.lastModified()));
            }
            last = entry;
        }
        return done(new ObjectListing(out, prefixes, truncated, truncated ? last : null));
    }

    @Override
    public synchronized CompletionStage<ObjectInfo> headObject(String bucket, String key) {
        try {
            Stored s = bucket(bucket).get(key);
            return s == null ? failed(BlobStoreException.noSuchKey(key)) : done(s.info());
        } catch (BlobStoreException e) {
            return failed(e);
        }
    }

    @Override
    public synchronized CompletionStage<BlobReader> openObject(String bucket, String key) {
        Stored s;
        try {
            s = bucket(bucket).get(key);
        } catch (BlobStoreException e) {
            return failed(e);
        }
        if (s == null) {
            return failed(BlobStoreException.noSuchKey(key));
        }
        return done(new BlobReader() {
            @Override
            public ObjectInfo info() {
                return s.info();
            }

            @Override
            public CompletionStage<ByteBuf> read(long position, int maxLength, ByteBufAllocator allocator) {
                int from = (int) Math.min(position, s.data().length);
                int n = Math.min(maxLength, s.data().length - from);
                ByteBuf buf = allocator.buffer(n);
                buf.writeBytes(s.data(), from, n);
                return done(buf);
            }

            @Override
            public List<Long> partSizes() {
                return s.partSizes();
            }

            @Override
            public void close() {
            }
        });
    }

    private final class Writer<R> implements BlobWriter<R> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final java.util.function.BiFunction<byte[], BodyDigest, R> commit;
        boolean ended;

        Writer(java.util.function.BiFunction<byte[], BodyDigest, R> commit) {
            this.commit = commit;
        }

        @Override
        public CompletionStage<Void> write(ByteBuf chunk) {
            try {
                chunk.readBytes(bytes, chunk.readableBytes());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                chunk.release();
            }
            return done(null);
        }

        @Override
        public CompletionStage<R> commit(BodyDigest digest) {
            ended = true;
            synchronized (InMemoryBlobStore.this) {
                try {
                    return done(commit.apply(bytes.toByteArray(), digest));
                } catch (BlobStoreException e) {
                    return failed(e);
                }
            }
        }

        @Override
        public void abort() {
            ended = true;
        }
    }

    private void checkConditions(TreeMap<String, Stored> b, String key, WriteConditions c) {
        Stored existing = b.get(key);
        if (c.ifNoneMatchAny() && existing != null) {
            throw BlobStoreException.preconditionFailed();
        }
        if (c.ifMatch() != null) {
            if (existing == null) {
                throw BlobStoreException.noSuchKey(key);
            }
            if (!existing.info().etag().equals(c.ifMatch())) {
                throw BlobStoreException.preconditionFailed();
            }
        }
    }

    @Override
    public synchronized CompletionStage<BlobWriter<ObjectInfo>> putObject(PutObjectRequest r) {
        try {
            bucket(r.bucket());
        } catch (BlobStoreException e) {
            return failed(e);
        }
        return done(new Writer<>((data, digest) -> {
            TreeMap<String, Stored> b = bucket(r.bucket());
            checkConditions(b, r.key(), r.conditions());
            ObjectInfo info = new ObjectInfo(r.key(), data.length, digest.md5Hex(), Instant.now(), r.properties(),
                    digest.checksums(), 0);
            b.put(r.key(), new Stored(data, info));
            return info;
        }));
    }

    @Override
    public synchronized CompletionStage<Void> deleteObject(String bucket, String key) {
        try {
            bucket(bucket).remove(key);
            return done(null);
        } catch (BlobStoreException e) {
            return failed(e);
        }
    }

    /** Check and removal under the store's monitor: atomic. */
    @Override
    public synchronized CompletionStage<Void> deleteObject(String bucket, String key, DeleteCondition condition) {
        try {
            TreeMap<String, Stored> b = bucket(bucket);
            Stored current = b.get(key);
            condition.check(current == null ? null : current.info().etag(), key);
            b.remove(key);
            return done(null);
        } catch (BlobStoreException e) {
            return failed(e);
        }
    }

    @Override
    public synchronized CompletionStage<MultipartUpload> createMultipartUpload(CreateMultipartRequest r) {
        try {
            bucket(r.bucket());
        } catch (BlobStoreException e) {
            return failed(e);
        }
        MultipartUpload u = new MultipartUpload(r.key(), UUID.randomUUID().toString(), Instant.now(),
                r.checksumAlgorithm(), r.checksumType());
        uploads.put(u.uploadId(), new Upload(u, r.bucket(), r.properties(), new TreeMap<>()));
        return done(u);
    }

    private Upload upload(String bucket, String key, String uploadId) {
        Upload u = uploadId == null ? null : uploads.get(uploadId);
        if (u == null || !u.bucket.equals(bucket) || !u.upload.key().equals(key)) {
            throw BlobStoreException.noSuchUpload(uploadId);
        }
        return u;
    }

    @Override
    public synchronized CompletionStage<BlobWriter<PartInfo>> uploadPart(UploadPartRequest r) {
        try {
            upload(r.bucket(), r.key(), r.uploadId());
        } catch (BlobStoreException e) {
            return failed(e);
        }
        return done(new Writer<>((data, digest) -> {
            Upload u = upload(r.bucket(), r.key(), r.uploadId());
            PartInfo p = new PartInfo(r.partNumber(), digest.md5Hex(), data.length, Instant.now(), digest.checksums());
            u.parts.put(r.partNumber(), new Stored(data, null));
            partInfos.put(r.uploadId() + "/" + r.partNumber(), p);
            return p;
        }));
    }

    private final Map<String, PartInfo> partInfos = new TreeMap<>();

    @Override
    public synchronized CompletionStage<ObjectInfo> completeMultipartUpload(CompleteMultipartRequest r) {
        try {
            Upload u = upload(r.bucket(), r.key(), r.uploadId());
            int previous = 0;
            for (CompletedPart p : r.parts()) {
                if (p.partNumber() <= previous) {
                    throw BlobStoreException.invalidPartOrder();
                }
                previous = p.partNumber();
                PartInfo info = partInfos.get(r.uploadId() + "/" + p.partNumber());
                if (info == null || !info.etag().equals(p.etag())) {
                    throw BlobStoreException.invalidPart(p.partNumber());
                }
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            List<String> etags = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (int i = 0; i < r.parts().size(); i++) {
                CompletedPart p = r.parts().get(i);
                byte[] data = u.parts.get(p.partNumber()).data();
                if (i < r.parts().size() - 1 && data.length < minPartSize) {
                    throw BlobStoreException.entityTooSmall();
                }
                all.writeBytes(data);
                sizes.add((long) data.length);
                etags.add(p.etag());
            }
            TreeMap<String, Stored> b = bucket(r.bucket());
            checkConditions(b, r.key(), r.conditions());
            byte[] data = all.toByteArray();
            ObjectInfo info = new ObjectInfo(r.key(), data.length, ETags.multipart(etags), Instant.now(),
                    u.properties, List.of(), r.parts().size());
            b.put(r.key(), new Stored(data, info, sizes));
            uploads.remove(r.uploadId());
            return done(info);
        } catch (BlobStoreException e) {
            return failed(e);
        }
    }

    @Override
    public synchronized CompletionStage<Void> abortMultipartUpload(String bucket, String key, String uploadId) {
        try {
            upload(bucket, key, uploadId);
        } catch (BlobStoreException e) {
            return failed(e);
        }
        uploads.remove(uploadId);
        return done(null);
    }

    @Override
    public synchronized CompletionStage<PartListing> listParts(String bucket, String key, String uploadId,
                                                               int partNumberMarker, int maxParts) {
        try {
            Upload u = upload(bucket, key, uploadId);
            List<PartInfo> parts = new ArrayList<>();
            boolean truncated = false;
            for (Integer n : u.parts.tailMap(partNumberMarker, false).keySet()) {
                if (parts.size() >= maxParts) {
                    truncated = true;
                    break;
                }
                parts.add(partInfos.get(uploadId + "/" + n));
            }
            return done(new PartListing(u.upload, parts, truncated,
                    truncated ? parts.get(parts.size() - 1).partNumber() : 0));
        } catch (BlobStoreException e) {
            return failed(e);
        }
    }

    @Override
    public synchronized CompletionStage<UploadListing> listMultipartUploads(ListUploadsRequest r) {
        List<MultipartUpload> list = uploads.values().stream().filter(u -> u.bucket.equals(r.bucket()))
                .map(Upload::upload).filter(u -> u.key().startsWith(r.prefix()))
                .sorted(java.util.Comparator.comparing(MultipartUpload::key)).toList();
        return done(new UploadListing(list, List.of(), false, null, null));
    }
}
