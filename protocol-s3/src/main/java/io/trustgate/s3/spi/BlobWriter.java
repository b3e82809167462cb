package io.trustgate.s3.spi;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;

/**
 * An upload in progress: the server feeds the decoded body in order, one chunk at a time, then commits or aborts.
 *
 * <p>Backpressure: the server calls {@link #write} again only after the previous stage completed, and stops
 * reading from the client's socket meanwhile, so the stage should complete when the backend is ready for more
 * (after the bytes are handed to the file or the upstream connection, not necessarily on disk).
 *
 * <p>Exactly one of {@link #commit} or {@link #abort} ends every writer; {@code abort} may also come while a
 * {@code write} is pending (the client went away) and must then discard everything, including temp files.
 *
 * @param <R> what a successful commit returns: {@link ObjectInfo} for objects, {@link PartInfo} for parts
 */
public interface BlobWriter<R> {

    /**
     * Appends {@code chunk}. The writer owns the buffer and releases it (also when the stage fails). The stage
     * completes when the writer is ready for the next chunk.
     */
    CompletionStage<Void> write(ByteBuf chunk);

    /**
     * Ends the body and makes it visible. {@code digest} is what the server computed while streaming (size, MD5,
     * checksums) and has already verified against what the client declared; the backend stores it, and checks the
     * write conditions of the request. A failed commit leaves nothing behind.
     */
    CompletionStage<R> commit(BodyDigest digest);

    /**
     * Whether the backend needs {@link BodyDigest#md5Hex()} (the ETag of most backends). One whose ETag comes from
     * elsewhere (an upstream S3) says no, and the server then computes the MD5 only to check a
     * {@code Content-MD5} the client sent; without one, {@code md5Hex} is null.
     */
    default boolean needsMd5() {
        return true;
    }

    /** Discards the upload; idempotent, never throws, may be called after a failed {@code write} or commit. */
    void abort();
}
