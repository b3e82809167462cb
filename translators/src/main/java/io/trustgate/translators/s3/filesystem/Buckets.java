package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BucketInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

/**
 * Buckets as directories of the store root. A bucket appears and disappears by one rename (built in a
 * {@code .staging-*} directory, removed by renaming to {@code .trash-*} first), so no request ever sees half a
 * bucket. Every object and upload operation holds its bucket's read lock; create and delete hold the write lock,
 * so a delete never races a write into the bucket.
 *
 * <p>Buckets this process has seen exist are remembered ({@link #live}), so an object operation does not
 * {@code stat} the bucket directory each time: a name enters the set under the bucket's read or write lock once its
 * directory was seen, and leaves it under the write lock when this process deletes the bucket. That is exact
 * because one process owns the data directory (see {@link StoreRoot}); a bucket directory removed by hand behind the
 * gateway's back is not noticed until restart.
 */
final class Buckets {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Work done while a bucket is held. */
    interface BucketWork<T> {
        T run() throws IOException;
    }

    private final StoreRoot root;
    private final DirectoryIndex index;
    private final FsyncPolicy fsync;
    private final ConcurrentHashMap<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();
    /** Buckets known to exist; see the class comment. */
    private final Set<String> live = ConcurrentHashMap.newKeySet();

    Buckets(StoreRoot root, DirectoryIndex index, FsyncPolicy fsync) {
        this.root = root;
        this.index = index;
        this.fsync = fsync;
    }

    static boolean isValidName(String bucket) {
        return bucket != null && NAME.matcher(bucket).matches() && !bucket.contains("..");
    }

    /** Runs {@code work} under the bucket's read lock; {@code NoSuchBucket} when it does not exist. */
    <T> T withBucket(String bucket, BucketWork<T> work) throws IOException {
        if (!isValidName(bucket)) {
            throw BlobStoreException.noSuchBucket(bucket);
        }
        Lock lock = lock(bucket).readLock();
        lock.lock();
        try {
            if (!live.contains(bucket)) {
                if (!Files.isDirectory(root.objects(bucket))) {
                    throw BlobStoreException.noSuchBucket(bucket);
                }
                live.add(bucket);
            }
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * True when {@code bucket} is known to exist without touching the disk (it may have been deleted since: work
     * that relies on it must still run under {@link #withBucket}). Any thread.
     */
    boolean knownToExist(String bucket) {
        return live.contains(bucket);
    }

    List<BucketInfo> list() throws IOException {
        List<BucketInfo> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root.path())) {
            for (Path p : dirs) {
                String name = p.getFileName().toString();
                if (isValidName(name) && Files.isDirectory(root.objects(name))) {
                    out.add(new BucketInfo(name, created(name)));
                }
            }
        }
        out.sort(Comparator.comparing(BucketInfo::name));
        return out;
    }

    BucketInfo head(String bucket) throws IOException {
        return withBucket(bucket, () -> new BucketInfo(bucket, created(bucket)));
    }

    BucketInfo create(String bucket) throws IOException {
        if (!isValidName(bucket)) {
            throw new BlobStoreException("InvalidBucketName", 400, "The specified bucket is not valid: " + bucket);
        }
        Lock lock = lock(bucket).writeLock();
        lock.lock();
        try {
            if (Files.exists(root.bucket(bucket))) {
                throw BlobStoreException.bucketAlreadyOwnedByYou(bucket);
            }
            Instant now = ObjectFooter.now();
            Path staging = root.scratch("staging");
            Files.createDirectory(staging);
            Files.createDirectory(staging.resolve("objects"));
            Files.createDirectory(staging.resolve("uploads"));
            Files.createDirectory(staging.resolve("tmp"));
            Files.writeString(staging.resolve("bucket.info"), Long.toString(now.toEpochMilli()),
                    StandardCharsets.US_ASCII);
            if (fsync == FsyncPolicy.ALWAYS) {
                StoreRoot.fsyncDirectory(staging);
            }
            Files.move(staging, root.bucket(bucket), StandardCopyOption.ATOMIC_MOVE);
            live.add(bucket);
            if (fsync == FsyncPolicy.ALWAYS) {
                StoreRoot.fsyncDirectory(root.path());
            }
            return new BucketInfo(bucket, now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes a bucket with no objects and no open uploads ({@code BucketNotEmpty} otherwise, decided under the
     * write lock so that no write can slip in).
     */
    void delete(String bucket, ObjectTree tree, Uploads uploads) throws IOException {
        if (!isValidName(bucket)) {
            throw BlobStoreException.noSuchBucket(bucket);
        }
        Lock lock = lock(bucket).writeLock();
        lock.lock();
        try {
            if (!Files.isDirectory(root.objects(bucket))) {
                live.remove(bucket);
                throw BlobStoreException.noSuchBucket(bucket);
            }
            if (tree.hasObjects(bucket) || uploads.hasUploads(bucket)) {
                throw BlobStoreException.bucketNotEmpty(bucket);
            }
            Path trash = root.scratch("trash");
            Files.move(root.bucket(bucket), trash, StandardCopyOption.ATOMIC_MOVE);
            live.remove(bucket);
            index.forgetUnder(root.bucket(bucket));
            tree.bucketDeleted(bucket);
            if (fsync == FsyncPolicy.ALWAYS) {
                StoreRoot.fsyncDirectory(root.path());
            }
            StoreRoot.deleteTree(trash);
        } finally {
            lock.unlock();
        }
    }

    private Instant created(String bucket) throws IOException {
        try {
            String text = Files.readString(root.bucketInfo(bucket), StandardCharsets.US_ASCII).trim();
            return Instant.ofEpochMilli(Long.parseLong(text));
        } catch (NoSuchFileException | NumberFormatException e) {
            return Files.getLastModifiedTime(root.bucket(bucket)).toInstant();
        }
    }

    private ReentrantReadWriteLock lock(String bucket) {
        return locks.computeIfAbsent(bucket, b -> new ReentrantReadWriteLock());
    }
}
