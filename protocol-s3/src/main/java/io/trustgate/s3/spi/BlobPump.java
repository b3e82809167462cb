package io.trustgate.s3.spi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Copies a byte range from a reader into a writer one chunk at a time (the next read starts only after the
 * previous write completed), computing the MD5 on the way; then commits. The emulated copy for backends without
 * server-side copy, the default {@link BlobStore#uploadPartCopy}, and the copy between two backends (the server's).
 * Aborts the writer and closes the reader on failure. Public for the server's cross-backend copies.
 */
public final class BlobPump {

    static final int CHUNK = 1 << 20;

    private final BlobReader reader;
    private final BlobWriter<?> writer;
    private final long offset;
    private final long end;
    private final MessageDigest md5 = ETags.md5();
    private final CompletableFuture<BodyDigest> done = new CompletableFuture<>();
    private long position;

    private BlobPump(BlobReader reader, BlobWriter<?> writer, long offset, long length) {
        this.reader = reader;
        this.writer = writer;
        this.offset = offset;
        this.position = offset;
        this.end = offset + length;
    }

    /** Copies {@code [offset, offset + length)} and commits; the reader is closed when it ends. */
    public static <R> CompletionStage<R> copy(BlobReader reader, long offset, long length, BlobWriter<R> writer) {
        BlobPump pump = new BlobPump(reader, writer, offset, length);
        pump.next();
        return pump.done.thenCompose(writer::commit).whenComplete((r, e) -> {
            reader.close();
            if (e != null) {
                writer.abort();
            }
        });
    }

    private void next() {
        if (position >= end) {
            done.complete(new BodyDigest(end - offset, HexFormat.of().formatHex(md5.digest()), List.of()));
            return;
        }
        int want = (int) Math.min(CHUNK, end - position);
        reader.read(position, want, PooledByteBufAllocator.DEFAULT).whenComplete((buf, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            if (!buf.isReadable()) {
                buf.release();
                done.completeExceptionally(new IllegalStateException("object ended before its size"));
                return;
            }
            position += buf.readableBytes();
            update(buf);
            writer.write(buf).whenComplete((v, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    next();
                }
            });
        });
    }

    private void update(ByteBuf buf) {
        for (ByteBuffer b : buf.nioBuffers()) {
            md5.update(b);
        }
    }
}
