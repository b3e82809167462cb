package io.trustgate.translators.s3.filesystem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * The data directory of one filesystem backend and its layout:
 * <pre>
 * root/.lock                      OS file lock held while the store is open: one process per directory
 * root/&lt;bucket&gt;/bucket.info       creation time
 * root/&lt;bucket&gt;/objects/...      the object tree (see {@link KeyEncoding})
 * root/&lt;bucket&gt;/uploads/&lt;id&gt;/    an open multipart upload: {@code upload} and {@code part-NNNNN}
 * root/&lt;bucket&gt;/tmp/            files being written; emptied at start-up
 * root/.staging-*, root/.trash-*  a bucket being created or deleted; removed at start-up
 * </pre>
 * Bucket names are S3 names (lower-case letters, digits, dots, hyphens, starting with a letter or digit), so they
 * never collide with the dot-names.
 */
final class StoreRoot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRoot.class);

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StoreRoot(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed, locks it (failing when another process, or another store in this one, has
     * it), refuses a case-insensitive file system (keys {@code A} and {@code a} would collide) and sweeps what a
     * crash left behind.
     */
    static StoreRoot open(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("S3 data directory " + root + " is in use by another trustgate process "
                    + "(.lock is held); two gateways cannot share one directory");
        }
        StoreRoot store = new StoreRoot(root, ch, lock);
        try {
            store.checkCaseSensitive();
            store.sweep();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    Path path() {
        return root;
    }

    Path bucket(String bucket) {
        return root.resolve(bucket);
    }

    Path objects(String bucket) {
        return root.resolve(bucket).resolve("objects");
    }

    Path uploads(String bucket) {
        return root.resolve(bucket).resolve("uploads");
    }

    Path tmp(String bucket) {
        return root.resolve(bucket).resolve("tmp");
    }

    Path bucketInfo(String bucket) {
        return root.resolve(bucket).resolve("bucket.info");
    }

    /** A fresh name in the root for a bucket being created or deleted. */
    Path scratch(String kind) {
        return root.resolve("." + kind + "-" + UUID.randomUUID());
    }

    private void checkCaseSensitive() throws IOException {
        String name = ".case-probe-" + UUID.randomUUID();
        Path lower = root.resolve(name);
        Files.createFile(lower);
        try {
            if (Files.exists(root.resolve(name.toUpperCase(java.util.Locale.ROOT)))) {
                throw new IOException("S3 data directory " + root + " is on a case-insensitive file system; "
                        + "keys differing only in case would collide. Use a case-sensitive file system.");
            }
        } finally {
            Files.deleteIfExists(lower);
        }
    }

    /** Removes leftovers of interrupted writes, bucket creations and deletions. */
    private void sweep() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(".staging-") || name.startsWith(".trash-")) {
                    deleteTree(p);
                    removed++;
                } else if (Files.isDirectory(p.resolve("tmp"))) {
                    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(p.resolve("tmp"))) {
                        for (Path t : tmp) {
                            deleteTree(t);
                            removed++;
                        }
                    }
                }
            }
        }
        if (removed > 0) {
            LOG.info("S3 data directory {}: removed {} leftover temporary file(s) of interrupted writes", root, removed);
        }
    }

    /** Deletes a file or a directory tree; a missing path is fine. */
    static void deleteTree(Path path) throws IOException {
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException ignored) {
            // already gone
        }
    }

    /** Makes renames and creations in {@code dir} durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
