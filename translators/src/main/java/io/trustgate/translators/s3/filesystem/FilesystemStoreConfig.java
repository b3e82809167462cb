package io.trustgate.translators.s3.filesystem;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link FilesystemBlobStore}, validated here.
 *
 * @param directory            the data directory (created if missing); keep its absolute path short, since
 *                             encoded keys may add up to about 3,200 bytes below it and paths stay under 4,000
 * @param fsync                when writes are forced to disk
 * @param ioThreads            size of the blocking-IO pool
 * @param minimumPartSize      smallest size of a multipart part other than the last (S3: 5 MiB)
 * @param maxCachedDirectories directories whose sorted entries are kept for listing before the cache is reset
 */
public record FilesystemStoreConfig(Path directory, FsyncPolicy fsync, int ioThreads, long minimumPartSize,
                                    int maxCachedDirectories) {

    /** S3's minimum part size. */
    public static final long S3_MINIMUM_PART_SIZE = 5L * 1024 * 1024;

    public FilesystemStoreConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fsync, "fsync");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1");
        }
        if (minimumPartSize < 0) {
            throw new IllegalArgumentException("minimumPartSize must not be negative");
        }
        if (maxCachedDirectories < 1) {
            throw new IllegalArgumentException("maxCachedDirectories must be at least 1");
        }
    }

    /** fsync always, 2 x cores IO threads (at least 4), S3's 5 MiB part minimum, 10,000 cached directories. */
    public static FilesystemStoreConfig defaults(Path directory) {
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        return new FilesystemStoreConfig(directory, FsyncPolicy.ALWAYS, threads, S3_MINIMUM_PART_SIZE, 10_000);
    }

    public FilesystemStoreConfig withFsync(FsyncPolicy policy) {
        return new FilesystemStoreConfig(directory, policy, ioThreads, minimumPartSize, maxCachedDirectories);
    }

    public FilesystemStoreConfig withMinimumPartSize(long bytes) {
        return new FilesystemStoreConfig(directory, fsync, ioThreads, bytes, maxCachedDirectories);
    }
}
