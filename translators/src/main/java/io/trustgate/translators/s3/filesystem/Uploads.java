package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.Checksum;
import io.trustgate.s3.spi.ChecksumType;
import io.trustgate.s3.spi.CreateMultipartRequest;
import io.trustgate.s3.spi.MultipartUpload;
import io.trustgate.s3.spi.ObjectInfo;
import io.trustgate.s3.spi.PartInfo;
import io.trustgate.s3.spi.PartListing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Open multipart uploads: {@code <bucket>/uploads/<id>/upload} (the key, properties and checksum choice, as an
 * {@link ObjectFooter} with no data) and one {@code part-NNNNN} file per part (data plus footer). An upload appears
 * by renaming its prepared directory into {@code uploads/} and disappears by renaming it into {@code tmp/} before
 * deleting, so a crash leaves either a whole upload or nothing visible. Parts replace each other by rename.
 *
 * <p>Upload ids are 32 hex digits starting with the creation time, so id order is creation order (ListMultipartUploads
 * sorts by key, then by creation, and its upload-id marker compares ids). Operations on one upload are serialized
 * by a striped lock; callers hold the bucket's read lock. Blocking.
 */
final class Uploads {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern PART = Pattern.compile("part-(\\d{5})");
    private static final int STRIPES = 256;

    private final StoreRoot root;
    private final FsyncPolicy fsync;
    private final AtomicLong sequence = new AtomicLong();
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    Uploads(StoreRoot root, FsyncPolicy fsync) {
        this.root = root;
        this.fsync = fsync;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    MultipartUpload create(CreateMultipartRequest request) throws IOException {
        KeyEncoding.utf8(request.key());
        Instant now = ObjectFooter.now();
        String id = String.format("%013x%08x%011x", now.toEpochMilli(), sequence.incrementAndGet() & 0xFFFFFFFFL,
                ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFL);
        List<Checksum> algorithm = request.checksumAlgorithm() == null ? List.of()
                : List.of(new Checksum(request.checksumAlgorithm(), "",
                request.checksumType() == null ? ChecksumType.COMPOSITE : request.checksumType()));
        ObjectInfo descriptor = new ObjectInfo(request.key(), 0, id, now, request.properties(), algorithm, 0);
        Path prepared = root.tmp(request.bucket()).resolve(id);
        Files.createDirectory(prepared);
        try (FileChannel ch = FileChannel.open(prepared.resolve("upload"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ObjectFooter.write(ch, descriptor);
            if (fsync == FsyncPolicy.ALWAYS) {
                ch.force(true);
            }
        }
        if (fsync == FsyncPolicy.ALWAYS) {
            StoreRoot.fsyncDirectory(prepared);
        }
        Files.move(prepared, root.uploads(request.bucket()).resolve(id), StandardCopyOption.ATOMIC_MOVE);
        if (fsync == FsyncPolicy.ALWAYS) {
            StoreRoot.fsyncDirectory(root.uploads(request.bucket()));
        }
        return toUpload(descriptor);
    }

    /** The upload's descriptor; {@code NoSuchUpload} when unknown or opened for another key. */
    ObjectInfo descriptor(String bucket, String key, String uploadId) throws IOException {
        Path dir = directory(bucket, uploadId);
        try (FileChannel ch = FileChannel.open(dir.resolve("upload"), StandardOpenOption.READ)) {
            ObjectInfo info = ObjectFooter.read(ch, uploadId);
            if (key != null && !key.equals(info.key())) {
                throw BlobStoreException.noSuchUpload(uploadId);
            }
            return info;
        } catch (NoSuchFileException e) {
            throw BlobStoreException.noSuchUpload(uploadId);
        }
    }

    /** Stores a sealed part file as part {@code partNumber}, replacing an earlier one. */
    void publishPart(String bucket, String key, String uploadId, int partNumber, Path staged) throws IOException {
        ReentrantLock lock = lockFor(uploadId);
        lock.lock();
        try {
            descriptor(bucket, key, uploadId);
            Path dir = directory(bucket, uploadId);
            Files.move(staged, dir.resolve(partName(partNumber)), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            if (fsync == FsyncPolicy.ALWAYS) {
                StoreRoot.fsyncDirectory(dir);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes the upload and its parts; {@code NoSuchUpload} when unknown. */
    void abort(String bucket, String key, String uploadId) throws IOException {
        ReentrantLock lock = lockFor(uploadId);
        lock.lock();
        try {
            descriptor(bucket, key, uploadId);
            remove(bucket, uploadId);
        } finally {
            lock.unlock();
        }
    }

    /** Removes an upload known to exist: one rename out of {@code uploads/}, then the delete. Caller holds the lock. */
    void remove(String bucket, String uploadId) throws IOException {
        Path doomed = root.tmp(bucket).resolve(uploadId + ".gone");
        Files.move(directory(bucket, uploadId), doomed, StandardCopyOption.ATOMIC_MOVE);
        if (fsync == FsyncPolicy.ALWAYS) {
            StoreRoot.fsyncDirectory(root.uploads(bucket));
        }
        StoreRoot.deleteTree(doomed);
    }

    /** The stored parts by number, read from their footers. Caller holds the upload's lock or accepts a race. */
    TreeMap<Integer, PartInfo> parts(String bucket, String uploadId, int afterPart, int limit) throws IOException {
        Path dir = directory(bucket, uploadId);
        TreeMap<Integer, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(dir)) {
            for (Path p : names) {
                var m = PART.matcher(p.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) > afterPart) {
                    files.put(Integer.parseInt(m.group(1)), p);
                }
            }
        } catch (NoSuchFileException e) {
            throw BlobStoreException.noSuchUpload(uploadId);
        }
        TreeMap<Integer, PartInfo> out = new TreeMap<>();
        for (var e : files.entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            try (FileChannel ch = FileChannel.open(e.getValue(), StandardOpenOption.READ)) {
                ObjectInfo info = ObjectFooter.read(ch, e.getValue());
                out.put(e.getKey(), new PartInfo(e.getKey(), info.etag(), info.size(), info.lastModified(),
                        info.checksums()));
            } catch (NoSuchFileException ignored) {
                // replaced or removed meanwhile
            }
        }
        return out;
    }

    PartListing listParts(String bucket, String key, String uploadId, int marker, int maxParts) throws IOException {
        ObjectInfo descriptor = descriptor(bucket, key, uploadId);
        TreeMap<Integer, PartInfo> page = parts(bucket, uploadId, marker, maxParts + 1);
        boolean truncated = page.size() > maxParts;
        List<PartInfo> parts = new ArrayList<>(page.values());
        if (truncated) {
            parts = parts.subList(0, maxParts);
        }
        int next = truncated && !parts.isEmpty() ? parts.get(parts.size() - 1).partNumber() : 0;
        return new PartListing(toUpload(descriptor), List.copyOf(parts), truncated, next);
    }

    /** Every open upload of the bucket, unsorted. */
    List<MultipartUpload> all(String bucket) throws IOException {
        List<MultipartUpload> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root.uploads(bucket))) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (!ID.matcher(id).matches()) {
                    continue;
                }
                try {
                    out.add(toUpload(descriptor(bucket, null, id)));
                } catch (BlobStoreException e) {
                    // completed or aborted meanwhile
                }
            }
        }
        return out;
    }

    boolean hasUploads(String bucket) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root.uploads(bucket))) {
            return dirs.iterator().hasNext();
        }
    }

    ReentrantLock lockFor(String uploadId) {
        return locks[(uploadId.hashCode() & 0x7FFFFFFF) % STRIPES];
    }

    Path directory(String bucket, String uploadId) {
        if (uploadId == null || !ID.matcher(uploadId).matches()) {
            throw BlobStoreException.noSuchUpload(uploadId);
        }
        return root.uploads(bucket).resolve(uploadId);
    }

    Path partFile(String bucket, String uploadId, int partNumber) {
        return directory(bucket, uploadId).resolve(partName(partNumber));
    }

    static MultipartUpload toUpload(ObjectInfo descriptor) {
        Checksum c = descriptor.checksums().isEmpty() ? null : descriptor.checksums().get(0);
        return new MultipartUpload(descriptor.key(), descriptor.etag(), descriptor.lastModified(),
                c == null ? null : c.algorithm(), c == null ? null : c.type());
    }

    private static String partName(int partNumber) {
        if (partNumber < 1 || partNumber > 10000) {
            throw new BlobStoreException("InvalidArgument", 400,
                    "Part number must be an integer between 1 and 10000, inclusive.");
        }
        return String.format("part-%05d", partNumber);
    }
}
