package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.DeleteCondition;
import io.trustgate.s3.spi.ListObjectsRequest;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.ObjectListing;
import io.trustgate.s3.spi.ObjectSummary;
import io.trustgate.s3.spi.WriteConditions;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The objects of all buckets: where a key lives, reading its footer, publishing a staged file under a key (with
 * its write conditions) and deleting. Every change to a key happens under that key's lock, and is followed by an
 * {@link DirectoryIndex#refresh} of each name it touched.
 *
 * <p>Blocking; runs on the store's IO threads. Callers hold the bucket's read lock.
 */
final class ObjectTree {

    /** Longest absolute path this backend creates; Linux refuses paths of 4096 bytes and more. */
    static final int MAX_PATH = 4000;
    private static final int STRIPES = 1024;

    private final StoreRoot root;
    private final DirectoryIndex index;
    private final FsyncPolicy fsync;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final ReaderPins pins = new ReaderPins();
    private final SpareFiles spares;

    /** What a conditional writer saw when it started: the key's ETag and time, or null when absent. */
    record Version(String etag, Instant lastModified) {
    }

    /**
     * An open object: the channel pins this version even if the key is replaced or deleted meanwhile. A small
     * object's bytes came with its footer ({@code data}, else null); its channel is then already closed. Close it
     * with {@link #close()} (not the channel's), which also tells {@link ReaderPins} the file is no longer read.
     */
    static final class Opened implements AutoCloseable {
        private final FileChannel channel;
        private final ObjectInfo info;
        private final List<Long> partSizes;
        private final java.nio.ByteBuffer data;
        private final ReaderPins pins;
        private int stripe;

        private Opened(FileChannel channel, ObjectInfo info, List<Long> partSizes, java.nio.ByteBuffer data,
                       ReaderPins pins, int stripe) {
            this.channel = channel;
            this.info = info;
            this.partSizes = partSizes;
            this.data = data;
            this.pins = pins;
            this.stripe = stripe;
        }

        FileChannel channel() {
            return channel;
        }

        ObjectInfo info() {
            return info;
        }

        List<Long> partSizes() {
            return partSizes;
        }

        java.nio.ByteBuffer data() {
            return data;
        }

        /** Closes the channel and unpins, once; later calls do nothing. */
        @Override
        public synchronized void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the descriptor is gone either way
            }
            if (stripe >= 0) {
                pins.unpin(stripe);
                stripe = -1;
            }
        }
    }

    ObjectTree(StoreRoot root, DirectoryIndex index, FsyncPolicy fsync, SpareFiles spares) {
        this.root = root;
        this.index = index;
        this.fsync = fsync;
        this.spares = spares;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The object file of {@code key}; {@code KeyTooLongError} when the path would be too long for the OS. */
    Path file(String bucket, byte[] key) {
        Path p = root.objects(bucket);
        for (String name : KeyEncoding.components(key)) {
            p = p.resolve(name);
        }
        if (p.toString().length() > MAX_PATH) {
            throw new BlobStoreException("KeyTooLongError", 400, "Your key is too long for this filesystem "
                    + "backend (its encoded path exceeds " + MAX_PATH + " bytes).");
        }
        return p;
    }

    /** The stored attributes; {@code NoSuchKey} when absent. */
    ObjectInfo head(String bucket, String key) throws IOException {
        int stripe = pins.pin(bucket, key);
        try (FileChannel ch = FileChannel.open(file(bucket, KeyEncoding.utf8(key)), StandardOpenOption.READ)) {
            return ObjectFooter.read(ch, key);
        } catch (NoSuchFileException e) {
            throw BlobStoreException.noSuchKey(key);
        } finally {
            pins.unpin(stripe);
        }
    }

    /** The current version's whole footer (attributes, part sizes, completion), or null when the key is absent. */
    ObjectFooter.Footer footer(String bucket, String key) throws IOException {
        int stripe = pins.pin(bucket, key);
        try (FileChannel ch = FileChannel.open(file(bucket, KeyEncoding.utf8(key)), StandardOpenOption.READ)) {
            return ObjectFooter.readFooter(ch, key);
        } catch (NoSuchFileException e) {
            return null;
        } finally {
            pins.unpin(stripe);
        }
    }

    /** Opens the current version; {@code NoSuchKey} when absent. The caller closes the channel. */
    Opened open(String bucket, String key) throws IOException {
        return open(bucket, key, true);
    }

    /**
     * As {@link #open(String, String)}; with {@code keepOpen} false a small object read whole with its footer has
     * its channel closed at once (the caller serves {@link Opened#data()}).
     */
    Opened open(String bucket, String key, boolean keepOpen) throws IOException {
        int stripe = pins.pin(bucket, key); // before the open: see ReaderPins
        FileChannel ch;
        try {
            ch = FileChannel.open(file(bucket, KeyEncoding.utf8(key)), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            pins.unpin(stripe);
            throw BlobStoreException.noSuchKey(key);
        } catch (IOException | RuntimeException e) {
            pins.unpin(stripe);
            throw e;
        }
        try {
            ObjectFooter.Footer footer = ObjectFooter.readFooter(ch, key);
            Opened opened = new Opened(ch, footer.info(), footer.partSizes(), footer.data(), pins, stripe);
            if (footer.data() != null && !keepOpen) {
                opened.close(); // the whole version is in memory: nothing left to pin
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            ch.close();
            pins.unpin(stripe);
            throw e;
        }
    }

    /** The key's current version, or null when absent. */
    Version version(String bucket, String key) throws IOException {
        try {
            ObjectInfo info = head(bucket, key);
            return new Version(info.etag(), info.lastModified());
        } catch (BlobStoreException e) {
            if ("NoSuchKey".equals(e.code())) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Publishes the sealed {@code staged} file as {@code key}: under the key's lock, checks {@code conditions}
     * against the current version, then renames atomically over it. A condition that fails because another write
     * committed after {@code seen} was taken is {@code ConditionalRequestConflict}, otherwise
     * {@code PreconditionFailed} (or {@code NoSuchKey} for If-Match on a missing key).
     */
    void publish(String bucket, String key, Path staged, WriteConditions conditions, Version seen)
            throws IOException {
        byte[] keyBytes = KeyEncoding.utf8(key);
        Path target = file(bucket, keyBytes);
        ReentrantLock lock = lockFor(bucket, key);
        lock.lock();
        try {
            if (conditions != null && !conditions.isNone()) {
                check(conditions, version(bucket, key), seen, key);
            }
            // The version this rename replaces is kept as a spare file for a later PUT when nothing reads it.
            Path spare = spares.wanted() ? spares.save(bucket, target) : null;
            List<Path> created;
            try {
                created = move(staged, target);
            } catch (IOException | RuntimeException e) {
                if (spare != null) {
                    Files.deleteIfExists(spare);
                }
                throw e;
            }
            boolean unread = spare != null && pins.quiet(bucket, key); // after the rename: see ReaderPins
            if (fsync == FsyncPolicy.ALWAYS) {
                try {
                    StoreRoot.fsyncDirectory(target.getParent());
                    for (Path dir : created) {
                        StoreRoot.fsyncDirectory(dir.getParent());
                    }
                } catch (IOException | RuntimeException e) {
                    if (spare != null) {
                        Files.deleteIfExists(spare);
                    }
                    throw e;
                }
            }
            if (spare != null) {
                // Under "always" only now, once the rename is on disk: a crash can no longer bring back the old
                // name of a file that a later PUT overwrites in place.
                spares.offer(bucket, spare, unread);
            }
            refreshPath(bucket, target);
        } finally {
            lock.unlock();
        }
    }

    private static void check(WriteConditions conditions, Version current, Version seen, String key) {
        boolean ok;
        if (conditions.ifNoneMatchAny() && current != null) {
            ok = false;
        } else if (conditions.ifMatch() != null && current == null) {
            if (seen != null) {
                throw BlobStoreException.conditionalRequestConflict();
            }
            throw BlobStoreException.noSuchKey(key);
        } else {
            ok = conditions.ifMatch() == null || conditions.ifMatch().equals(current.etag());
        }
        if (!ok) {
            throw Objects.equals(current, seen) ? BlobStoreException.preconditionFailed()
                    : BlobStoreException.conditionalRequestConflict();
        }
    }

    /**
     * Renames {@code staged} onto {@code target}, creating parent directories; retries when a concurrent delete
     * removed an empty parent between the two. Returns the directories it created, top-down.
     */
    private static List<Path> move(Path staged, Path target) throws IOException {
        // The rename is tried first: an overwrite, or a put into an existing directory, costs no stat. Only when a
        // directory on the way is missing are the missing ones created (and noted for the fsync), then it retries.
        List<Path> created = new ArrayList<>();
        for (int attempt = 0; ; attempt++) {
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return created;
            } catch (NoSuchFileException e) {
                if (attempt >= 100 || !Files.exists(staged)) {
                    throw e;
                }
            }
            List<Path> missing = new ArrayList<>();
            for (Path d = target.getParent(); !Files.isDirectory(d); d = d.getParent()) {
                missing.add(0, d);
            }
            if (!missing.isEmpty()) {
                Files.createDirectories(target.getParent());
                for (Path d : missing) {
                    if (!created.contains(d)) {
                        created.add(d);
                    }
                }
            }
        }
    }

    /** Deletes {@code key} if present, then removes the directories that became empty. */
    void delete(String bucket, String key) throws IOException {
        delete(bucket, key, DeleteCondition.NONE);
    }

    /**
     * As {@link #delete(String, String)} when {@code condition} holds for the current version: checked under the
     * key's lock, the lock {@link #publish} replaces versions under, so no write lands between the check and the
     * unlink. Throws {@code NoSuchKey} / {@code PreconditionFailed} (and deletes nothing) when it does not hold.
     */
    void delete(String bucket, String key, DeleteCondition condition) throws IOException {
        Path target = file(bucket, KeyEncoding.utf8(key));
        ReentrantLock lock = lockFor(bucket, key);
        lock.lock();
        try {
            if (!condition.isNone()) {
                Version current = version(bucket, key);
                condition.check(current == null ? null : current.etag(), key);
            }
            if (!Files.deleteIfExists(target)) {
                return;
            }
            index.refresh(target.getParent(), target.getFileName().toString());
            if (fsync == FsyncPolicy.ALWAYS) {
                StoreRoot.fsyncDirectory(target.getParent());
            }
        } finally {
            lock.unlock();
        }
        prune(root.objects(bucket), target.getParent());
    }

    /** Removes empty directories from {@code dir} up to (not including) {@code top}. */
    private void prune(Path top, Path dir) throws IOException {
        for (Path d = dir; d != null && !d.equals(top) && d.startsWith(top); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (NoSuchFileException e) {
                // a concurrent delete got there first; go on upwards
            }
            index.refresh(d.getParent(), d.getFileName().toString());
        }
    }

    /** True when the bucket holds at least one object (empty directories left by a crash do not count). */
    boolean hasObjects(String bucket) throws IOException {
        byte[] none = new byte[0];
        return !ObjectLister.list(index, root.objects(bucket), none, null, none, 1).objects().isEmpty();
    }

    /** One page of a listing, with each listed object's footer read; see {@link ObjectLister}. */
    ObjectListing list(ListObjectsRequest request) throws IOException {
        byte[] delimiter = request.delimiter() == null ? null : request.delimiter().getBytes(StandardCharsets.UTF_8);
        String prefix = request.prefix() == null ? "" : request.prefix();
        String marker = request.marker() == null ? "" : request.marker();
        ObjectLister.Page page = ObjectLister.list(index, root.objects(request.bucket()),
                prefix.getBytes(StandardCharsets.UTF_8), delimiter, marker.getBytes(StandardCharsets.UTF_8),
                Math.max(0, request.maxKeys()));
        List<ObjectSummary> objects = new ArrayList<>(page.objects().size());
        for (ObjectLister.Found found : page.objects()) {
            String key = new String(found.key(), StandardCharsets.UTF_8);
            int stripe = pins.pin(request.bucket(), key);
            try (FileChannel ch = FileChannel.open(found.file(), StandardOpenOption.READ)) {
                ObjectInfo info = ObjectFooter.read(ch, key);
                objects.add(new ObjectSummary(key, info.size(), info.etag(), info.lastModified()));
            } catch (NoSuchFileException e) {
                // deleted since the walk: a listing concurrent with a delete may or may not show the key
            } finally {
                pins.unpin(stripe);
            }
        }
        List<String> prefixes = new ArrayList<>(page.commonPrefixes().size());
        for (byte[] p : page.commonPrefixes()) {
            prefixes.add(new String(p, StandardCharsets.UTF_8));
        }
        String next = page.nextMarker() == null ? null : new String(page.nextMarker(), StandardCharsets.UTF_8);
        return new ObjectListing(objects, prefixes, page.truncated(), next);
    }

    /** A staging file for a new version in {@code bucket}: a spare file (see {@link SpareFiles}), else a new one. */
    StagingFile staging(String bucket) throws IOException {
        Path spare = spares.take(bucket);
        if (spare != null) {
            // Under "always" the rename that made it a spare is on disk, so its blocks may be overwritten in
            // place; under "no" it may not be, and a power loss could bring its old name back: its blocks are
            // freed first (as an unlink would), so the old name can never show another object's bytes.
            StagingFile reused = StagingFile.reuse(spare, fsync == FsyncPolicy.ALWAYS);
            if (reused != null) {
                return reused;
            }
        }
        return StagingFile.create(root.tmp(bucket));
    }

    /** Forgets the spares of a deleted bucket. */
    void bucketDeleted(String bucket) {
        spares.forget(bucket);
    }

    /** Refreshes the index entry of every name from the bucket's tree root down to {@code target}. */
    private void refreshPath(String bucket, Path target) {
        Path top = root.objects(bucket);
        Path rel = top.relativize(target);
        Path dir = top;
        for (Path name : rel) {
            index.refresh(dir, name.toString());
            dir = dir.resolve(name);
        }
    }

    private ReentrantLock lockFor(String bucket, String key) {
        int h = bucket.hashCode() * 31 + key.hashCode();
        return locks[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }
}
