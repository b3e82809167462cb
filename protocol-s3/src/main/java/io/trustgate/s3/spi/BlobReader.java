package io.trustgate.s3.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One opened version of an object. The server reads {@link #info()}, decides conditions and the range, then either
 * transfers {@link #localFile()} zero-copy, lets the reader {@link #transferTo} the client itself, or pulls the bytes with {@link #read}, and always ends with
 * {@link #close()}.
 */
public interface BlobReader extends AutoCloseable {

    /** The attributes of the opened version; the bytes read below belong to exactly this version. */
    ObjectInfo info();

    /**
     * Reads up to {@code maxLength} bytes starting at {@code position} (0-based within the object). The stage
     * yields a buffer of 1 to {@code maxLength} readable bytes, owned by the caller, allocated from
     * {@code allocator} when the backend copies; it yields an empty buffer only when {@code position >= size}.
     * The server pulls the next chunk only after it has written the previous one to a writable socket.
     */
    CompletionStage<ByteBuf> read(long position, int maxLength, ByteBufAllocator allocator);

    /**
     * The object's bytes as a region of a local file, for zero-copy transfer ({@code sendfile}) when the connection
     * is not encrypted. Offer it only when {@link BlobCapability#ZERO_COPY_READ} is declared.
     */
    default Optional<LocalFile> localFile() {
        return Optional.empty();
    }

    /**
     * Offers to move the bytes {@code [position, position + length)} to the client connection by itself, after the
     * server wrote the response head to {@code client} (not flushed yet): the reader writes them in order behind it
     * (through the pipeline, or beside it as raw socket bytes, e.g. Linux {@code splice}), and the stage completes
     * once the last byte is written; the server then ends the response. Empty when the reader cannot (the server
     * pulls with {@link #read} instead). Offered only on a connection without TLS; a failed stage means the response
     * is cut short. Event loop of {@code client} only.
     */
    default Optional<CompletionStage<Void>> transferTo(io.netty.channel.ChannelHandlerContext client, long position,
                                                      long length) {
        return Optional.empty();
    }

    /**
     * For a multipart object, the byte size of each part in part order (so that {@code GetObject?partNumber=N}
     * can be served as the range of part N); empty when unknown or for a single-part object. The server answers
     * a partNumber request on a multipart object with 501 while this is empty.
     */
    default java.util.List<Long> partSizes() {
        return java.util.List.of();
    }

    /**
     * Where part {@code partNumber} of a multipart object lies, for {@code GetObject?partNumber=N}; empty when
     * unknown (the server then answers 501). By default from {@link #partSizes()}; a reader opened on that part
     * alone (the S3 passthrough forwards {@code partNumber} to its upstream) knows just that one.
     */
    default Optional<Part> part(int partNumber) {
        java.util.List<Long> sizes = partSizes();
        if (sizes.size() != info().partsCount() || partNumber < 1 || partNumber > sizes.size()) {
            return Optional.empty();
        }
        long offset = 0;
        for (int i = 0; i < partNumber - 1; i++) {
            offset += sizes.get(i);
        }
        return Optional.of(new Part(offset, sizes.get(partNumber - 1)));
    }

    /** Releases the opened version (file handles, connections); idempotent, never throws. */
    @Override
    void close();

    /**
     * Where an object's bytes lie in a local file: {@code [offset, offset + info().size())} of {@code channel}.
     * The server may wrap the channel in a Netty {@code DefaultFileRegion}, which closes it once written; the
     * reader's own {@link BlobReader#close()} must therefore tolerate a channel that is already closed
     * ({@link FileChannel#close()} does).
     */
    record LocalFile(FileChannel channel, long offset) {
    }

    /** One part of a multipart object: {@code [offset, offset + length)} of its bytes. */
    record Part(long offset, long length) {
    }
}
