package io.trustgate.translators.s3.filesystem;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.trustgate.s3.spi.BlobReader;
import io.trustgate.s3.spi.ObjectInfo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A {@link BlobReader} over an open object file. The channel was opened before the footer was read, so it pins
 * that version: a concurrent overwrite renames a new file over the name, and a delete unlinks it, but this inode
 * stays readable until closed. The body is {@code [0, size)} of the file, offered as-is for sendfile.
 */
final class FileBlobReader implements BlobReader {

    private final IoExecutor io;
    private final FileChannel channel;
    private final ObjectInfo info;
    private final List<Long> partSizes;

    FileBlobReader(IoExecutor io, FileChannel channel, ObjectInfo info, List<Long> partSizes) {
        this.io = io;
        this.channel = channel;
        this.info = info;
        this.partSizes = partSizes;
    }

    @Override
    public ObjectInfo info() {
        return info;
    }

    @Override
    public CompletionStage<ByteBuf> read(long position, int maxLength, ByteBufAllocator allocator) {
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
        return Optional.of(new LocalFile(channel, 0));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do: the descriptor is gone either way
        }
    }
}
