package io.trustgate.translators.s3.filesystem;

import io.netty.buffer.ByteBuf;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;

import java.io.IOException;
import java.util.concurrent.CompletionStage;

/**
 * A {@link BlobWriter} over a {@link StagingFile}: each chunk is written on the store's IO threads and its stage
 * completes once the bytes are handed to the OS; {@link #commit} seals the file and hands it to a
 * {@link Publisher}; {@link #abort} deletes it, also while a write is pending. Calls are serialized on this
 * object's monitor, so an abort never races a pending write on another IO thread.
 */
final class FileBlobWriter<R> implements BlobWriter<R> {

    /** Seals the staged file with its footer and makes it visible; returns the commit's result. */
    interface Publisher<R> {
        R publish(StagingFile staged, BodyDigest digest) throws IOException;
    }

    private final IoExecutor io;
    private final StagingFile staged;
    private final Publisher<R> publisher;
    private boolean finished;

    FileBlobWriter(IoExecutor io, StagingFile staged, Publisher<R> publisher) {
        this.io = io;
        this.staged = staged;
        this.publisher = publisher;
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        return io.run(() -> {
            try {
                synchronized (this) {
                    if (finished) {
                        throw new BlobStoreException("InternalError", 500, "write after the upload ended");
                    }
                    staged.write(chunk);
                }
                return null;
            } finally {
                chunk.release();
            }
        }, chunk::release);
    }

    @Override
    public CompletionStage<R> commit(BodyDigest digest) {
        return io.run(() -> {
            synchronized (this) {
                if (finished) {
                    throw new BlobStoreException("InternalError", 500, "commit after the upload ended");
                }
                finished = true;
                try {
                    if (digest.size() != staged.size()) {
                        throw new BlobStoreException("IncompleteBody", 400, "The request body ended after "
                                + staged.size() + " of " + digest.size() + " bytes.");
                    }
                    return publisher.publish(staged, digest);
                } catch (IOException | RuntimeException e) {
                    staged.discard();
                    throw e;
                }
            }
        }, null);
    }

    @Override
    public void abort() {
        io.run(() -> {
            synchronized (this) {
                if (!finished) {
                    finished = true;
                    staged.discard();
                }
            }
            return null;
        }, this::discardNow);
    }

    /** When the executor is gone (store closed), discard on the caller's thread rather than leak the file. */
    private synchronized void discardNow() {
        if (!finished) {
            finished = true;
            staged.discard();
        }
    }
}
