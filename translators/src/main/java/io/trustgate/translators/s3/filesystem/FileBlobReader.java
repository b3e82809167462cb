package io.trustgate.translators.s3.filesystem;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.ObjectInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link BlobReader} over an open object file. The channel was opened before the footer was read, so it pins
 * that version: a concurrent overwrite renames a new file over the name, and a delete unlinks it, but this inode
 * stays readable until closed. The body is {@code [0, size)} of the file, offered as-is for sendfile.
 *
 * <p>A small object (read whole with its footer, see {@link ObjectFooter.Footer#data()}) is served from memory
 * instead: {@link #read} completes at once without the IO pool, and no local file is offered, so the server sends
 * it in the same write as the response headers rather than by a separate {@code sendfile}.
 */
final class FileBlobReader implements BlobReader {

    private final IoExecutor io;
    private final ObjectTree.Opened opened;
    private final FileChannel channel;
    private final ObjectInfo info;
    private final List<Long> partSizes;
    /** The whole object when it is small, else null; read-only, never moved (duplicates are read). */
    private final ByteBuffer data;

    FileBlobReader(IoExecutor io, ObjectTree.Opened opened) {
        this.io = io;
        this.opened = opened;
        this.channel = opened.channel();
        this.info = opened.info();
        this.partSizes = opened.partSizes();
        this.data = opened.data();
    }

    @Override
    public ObjectInfo info() {
        return info;
    }

    @Override
    public CompletionStage<ByteBuf> read(long position, int maxLength, ByteBufAllocator allocator) {
        if (data != null) {
            long remaining = info.size() - position;
            if (remaining <= 0 || maxLength <= 0) {
                return CompletableFuture.completedFuture(allocator.buffer(0));
            }
            int length = (int) Math.min(maxLength, remaining);
            ByteBuffer slice = data.duplicate();
            slice.position((int) position).limit((int) position + length);
            return CompletableFuture.completedFuture(allocator.ioBuffer(length).writeBytes(slice));
        }
        return io.run(() -> {
            long remaining = info.size() - position;
            if (remaining <= 0 || maxLength <= 0) {
                return allocator.buffer(0);
            }
            int length = (int) Math.min(maxLength, remaining);
            ByteBuf buf = allocator.ioBuffer(length);
            try {
                int done = 0;
                while (done < length) {
                    int n = buf.writeBytes(channel, position + done, length - done);
                    if (n < 0) {
                        throw new IOException("object file ended before its recorded size");
                    }
                    done += n;
                }
                return buf;
            } catch (IOException | RuntimeException e) {
                buf.release();
                throw e;
            }
        }, null);
    }

    @Override
    public List<Long> partSizes() {
        return partSizes;
    }

    @Override
    public Optional<LocalFile> localFile() {
        return data != null ? Optional.empty() : Optional.of(new LocalFile(channel, 0));
    }

    @Override
    public void close() {
        opened.close(); // already closed for a small object: a no-op
    }
}
