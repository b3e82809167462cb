package io.trustgate.translators.s3.filesystem;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaced object files kept for reuse as staging files, so that an overwrite does not free an inode (eviction
 * truncates it; on ext4 mounted with {@code discard} that waits for the device) and the next PUT does not allocate
 * one (on ext4 without a journal every allocation scans past the inodes freed in the last minute, which costs more
 * the faster objects are overwritten).
 *
 * <p>How a version becomes a spare: before the rename that replaces it, the publisher hard-links it into the
 * bucket's {@code tmp/} ({@link #save}); after the rename (and, under fsync {@code always}, the directory's fsync),
 * if {@link ReaderPins#quiet} proves no reader holds it, the link joins the pool ({@link #offer}), else it is
 * deleted. A PUT {@link #take}s a spare and writes it from byte 0 ({@link StagingFile#reuse}: over its blocks under
 * {@code always}, after truncating it under {@code no}, where the rename may not be on disk yet); the spare has no
 * name in the object tree, so nothing reads it meanwhile. Spares live in {@code tmp/}, which start-up empties, so a
 * crash leaves none behind.
 *
 * <p>Bounds: at most {@link #MAX_SPARES} in the whole store, each at most {@link #MAX_SPARE_BYTES} long (a larger
 * file is deleted as before), so spares hold at most that much disk. Thread-safe (one monitor, held only for the
 * in-memory pool, never during IO).
 */
final class SpareFiles {

    static final int MAX_SPARES = 64;
    static final long MAX_SPARE_BYTES = 2L * 1024 * 1024 + 64 * 1024;

    private final StoreRoot root;
    private final Map<String, ArrayDeque<Path>> pools = new HashMap<>();
    private int count;

    SpareFiles(StoreRoot root) {
        this.root = root;
    }

    /** A spare of {@code bucket} to overwrite, or null. The caller owns it (and deletes it if unused). */
    synchronized Path take(String bucket) {
        ArrayDeque<Path> pool = pools.get(bucket);
        Path p = pool == null ? null : pool.pollLast();
        if (p != null) {
            count--;
        }
        return p;
    }

    /** Whether a replaced file would be kept now (the pool has room); racy, only saves a link when full. */
    synchronized boolean wanted() {
        return count < MAX_SPARES;
    }

    /**
     * Links the current file {@code target} into {@code bucket}'s {@code tmp/}, before a rename replaces it; null
     * when there is none (a new key). Blocking.
     */
    Path save(String bucket, Path target) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Path link = root.tmp(bucket).resolve("s" + Long.toHexString(random.nextLong())
                + Long.toHexString(random.nextLong()) + ".tmp");
        try {
            Files.createLink(link, target);
            return link;
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            return null;
        }
    }

    /**
     * After the rename: keeps {@code spare} when {@code unread} (no reader holds it), it is small enough and the
     * pool has room; deletes it otherwise. Blocking.
     */
    void offer(String bucket, Path spare, boolean unread) throws IOException {
        if (unread && Files.size(spare) <= MAX_SPARE_BYTES) {
            synchronized (this) {
                if (count < MAX_SPARES) {
                    pools.computeIfAbsent(bucket, b -> new ArrayDeque<>()).addLast(spare);
                    count++;
                    return;
                }
            }
        }
        Files.deleteIfExists(spare);
    }

    /** Forgets the spares of a deleted bucket (its {@code tmp/} went with it). */
    synchronized void forget(String bucket) {
        ArrayDeque<Path> pool = pools.remove(bucket);
        if (pool != null) {
            count -= pool.size();
        }
    }
}
