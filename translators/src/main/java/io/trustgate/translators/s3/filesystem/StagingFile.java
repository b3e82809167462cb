package io.trustgate.translators.s3.filesystem;

import io.netty.buffer.ByteBuf;
import io.trustgate.s3.spi.ObjectInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file being written in a bucket's {@code tmp/} directory (same file system as the tree, so the final rename is
 * atomic): body bytes first, then the {@link ObjectFooter}, then an optional fsync, then the owner renames it into
 * place. {@link #discard()} removes it; a crash leaves it in {@code tmp/}, which the start-up sweep empties.
 *
 * <p>Not thread-safe: one writer at a time, as the SPI guarantees.
 */
final class StagingFile {

    private final Path path;
    private final FileChannel channel;
    /** A spare ({@link SpareFiles}) written over its old bytes: what lies past the new footer is cut at sealing. */
    private final boolean inPlace;
    private long size;
    private int writes;

    private StagingFile(Path path, FileChannel channel, boolean inPlace) {
        this.path = path;
        this.channel = channel;
        this.inPlace = inPlace;
    }

    static StagingFile create(Path tmpDir) throws IOException {
        // Unique among this process's temp files (one process per directory; CREATE_NEW refuses a clash), and
        // cheaper than a SecureRandom UUID on every PUT.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Path path = tmpDir.resolve(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())
                + ".tmp");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        return new StagingFile(path, ch, false);
    }

    /**
     * Opens the spare file {@code spare} (a replaced version no reader holds, see {@link SpareFiles}) to be written
     * from byte 0 instead of creating a file: over its old blocks when {@code inPlace}, else after truncating it to
     * nothing. Null when it is gone (its bucket was deleted).
     */
    static StagingFile reuse(Path spare, boolean inPlace) throws IOException {
        FileChannel ch;
        try {
            ch = inPlace ? FileChannel.open(spare, StandardOpenOption.WRITE, StandardOpenOption.READ)
                    : FileChannel.open(spare, StandardOpenOption.WRITE, StandardOpenOption.READ,
                            StandardOpenOption.TRUNCATE_EXISTING);
        } catch (NoSuchFileException e) {
            return null;
        }
        return new StagingFile(spare, ch, inPlace);
    }

    Path path() {
        return path;
    }

    /** Body bytes written so far. */
    long size() {
        return size;
    }

    /** Appends the readable bytes of {@code buf} (not released here). */
    void write(ByteBuf buf) throws IOException {
        write(List.of(buf));
    }

    /**
     * Appends the readable bytes of {@code bufs}, in order, with as few gathering writes ({@code writev}) as the
     * OS allows, however many pieces there are; the buffers are not released here and their indexes are left
     * unchanged.
     */
    void write(List<ByteBuf> bufs) throws IOException {
        List<ByteBuffer> list = new ArrayList<>(bufs.size());
        long total = 0;
        for (ByteBuf b : bufs) {
            int n = b.readableBytes();
            if (n == 0) {
                continue;
            }
            total += n;
            if (b.nioBufferCount() == 1) {
                list.add(b.nioBuffer(b.readerIndex(), n));
            } else {
                Collections.addAll(list, b.nioBuffers(b.readerIndex(), n));
            }
        }
        ByteBuffer[] parts = list.toArray(new ByteBuffer[0]);
        channel.position(size);
        long done = 0;
        int first = 0;
        while (done < total) {
            long n = channel.write(parts, first, parts.length - first);
            done += n;
            size += n;
            while (first < parts.length && !parts[first].hasRemaining()) {
                first++;
            }
        }
        writes++;
    }

    /** Calls of {@link #write} so far (each one gathering write unless the OS wrote less than asked). */
    int writes() {
        return writes;
    }

    /** Appends {@code length} bytes of {@code source} from {@code position} (kernel copy where the OS can). */
    void append(FileChannel source, long position, long length) throws IOException {
        long done = 0;
        while (done < length) {
            long n = source.transferTo(position + done, length - done, channelAtEnd());
            if (n <= 0) {
                throw new IOException("source ended early while copying");
            }
            done += n;
            size += n;
        }
    }

    private FileChannel channelAtEnd() throws IOException {
        channel.position(size);
        return channel;
    }

    /** Writes the footer for {@code info} (whose size must equal {@link #size()}), forces it if asked, closes. */
    void seal(ObjectInfo info, boolean fsync) throws IOException {
        seal(info, List.of(), fsync);
    }

    /** As {@link #seal(ObjectInfo, boolean)}, recording a multipart object's part sizes in part order. */
    void seal(ObjectInfo info, List<Long> partSizes, boolean fsync) throws IOException {
        seal(info, partSizes, null, fsync);
    }

    /** As {@link #seal(ObjectInfo, List, boolean)}, recording the upload a multipart object was completed from. */
    void seal(ObjectInfo info, List<Long> partSizes, ObjectFooter.Completion completedFrom, boolean fsync)
            throws IOException {
        if (info.size() != size) {
            throw new IOException("footer size " + info.size() + " differs from the " + size + " bytes written");
        }
        long end = ObjectFooter.write(channel, info, partSizes, completedFrom);
        if (inPlace) {
            channel.truncate(end); // the spare's old bytes, if it was longer
        }
        if (fsync) {
            channel.force(true);
        }
        channel.close();
    }

    /** Closes and deletes the file; never throws. */
    void discard() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort; the delete below is what matters
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the start-up sweep removes what is left
        }
    }
}
