package io.trustgate.translators.s3.filesystem;

import io.netty.buffer.ByteBuf;
import io.trustgate.s3.spi.BlobStoreException;
import io.trustgate.s3.spi.BlobWriter;
import io.trustgate.s3.spi.BodyDigest;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link BlobWriter} over a {@link StagingFile}, writing behind the caller: {@link #write} queues the chunk and
 * completes at once while fewer than {@link #MAX_QUEUED_BYTES} wait, so the event loop goes on reading the body
 * while one IO thread appends it in aligned {@link #WRITE_UNIT}s (and the rest at the commit); beyond that the
 * stage completes when the queue has drained below the bound (the backpressure). {@link #commit} runs after the
 * last queued chunk, seals the file and hands it to a {@link Publisher}; {@link #abort} releases what is queued and
 * deletes the file, also while a write is running. The staging file may be created by the first drain task
 * ({@link StagingSource}) rather than before the writer exists, so a PUT needs no IO round trip before its body is
 * read; a failure to create it fails the upload like a write error.
 *
 * <p>Threading: any thread may call; all work on the file runs in one drain task at a time on the store's IO
 * threads ({@code draining}), so the file is never touched by two threads at once. State is guarded by this
 * object's monitor, which is never held during file IO; futures are completed outside it.
 */
final class FileBlobWriter<R> implements BlobWriter<R> {

    /**
     * The file is written in units of this size: every write before the commit's ends on a multiple of it, so the
     * page cache gets large aligned folios and one {@code writev} carries many body chunks (on ext4 a 1 MiB body
     * written as 256 KiB aligned writes costs about half the kernel time of the same bytes in unaligned 64 KiB
     * pieces, truncation and writeback included). A drain starts once a whole unit is queued; a small body is
     * written by the commit's drain, in the same IO task as the footer and the rename.
     */
    static final int WRITE_UNIT = 256 * 1024;
    /**
     * Body bytes a writer may hold queued before {@link #write} makes the caller wait: two units, so that the event
     * loop goes on reading the next unit while one is being written.
     */
    static final int MAX_QUEUED_BYTES = 2 * WRITE_UNIT;

    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);

    /** Seals the staged file with its footer and makes it visible; returns the commit's result. */
    interface Publisher<R> {
        R publish(StagingFile staged, BodyDigest digest) throws IOException;
    }

    /** Creates the staging file; called by a drain task on the IO pool until it succeeds once. */
    interface StagingSource {
        StagingFile create() throws IOException;
    }

    private final IoExecutor io;
    private final StagingSource source;
    private final Publisher<R> publisher;
    /**
     * Given, or created by the first drain that needs it; only drain tasks (one at a time, ordered by the monitor)
     * and {@link #rejected} touch it.
     */
    private StagingFile staged;

    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** Body bytes written to the file; drain tasks only. */
    private long written;
    private boolean draining;
    private CompletableFuture<Void> waiting;
    /** The first write error; later writes and the commit fail with it. */
    private Throwable failure;
    /** Commit or abort was asked for: no more writes. */
    private boolean ended;
    private boolean aborted;
    private BodyDigest digest;
    private CompletableFuture<R> committed;
    /** The file is sealed and published, or deleted. */
    private boolean done;

    /** A writer over a staging file created already. */
    FileBlobWriter(IoExecutor io, StagingFile staged, Publisher<R> publisher) {
        this.io = io;
        this.source = null;
        this.staged = staged;
        this.publisher = publisher;
    }

    /** A writer whose staging file {@code source} creates on the IO pool when the first bytes (or the commit) come. */
    FileBlobWriter(IoExecutor io, StagingSource source, Publisher<R> publisher) {
        this.io = io;
        this.source = source;
        this.publisher = publisher;
    }

    /** The staging file, created on first use. Drain task only. */
    private StagingFile staged() throws IOException {
        if (staged == null) {
            staged = source.create();
        }
        return staged;
    }

    /** Deletes the staging file if it was created. */
    private void discard() {
        if (staged != null) {
            staged.discard();
        }
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        synchronized (this) {
            if (ended || failure != null) {
                chunk.release();
                return CompletableFuture.failedFuture(failure != null ? BlobStoreException.from(failure)
                        : new BlobStoreException("InternalError", 500, "write after the upload ended"));
            }
            if (!chunk.isReadable()) {
                chunk.release(); // nothing to write; the drain counts on every queued chunk having bytes
                return READY;
            }
            queue.add(chunk);
            queuedBytes += chunk.readableBytes();
            CompletableFuture<Void> w = queuedBytes <= MAX_QUEUED_BYTES ? READY : new CompletableFuture<>();
            if (w != READY) {
                waiting = w;
            }
            if (queuedBytes >= WRITE_UNIT) {
                scheduleDrain();
            }
            return failure == null ? w : CompletableFuture.failedFuture(BlobStoreException.from(failure));
        }
    }

    @Override
    public CompletionStage<R> commit(BodyDigest digest) {
        synchronized (this) {
            if (ended) {
                return CompletableFuture.failedFuture(
                        new BlobStoreException("InternalError", 500, "commit after the upload ended"));
            }
            ended = true;
            this.digest = digest;
            committed = new CompletableFuture<>();
            CompletableFuture<R> c = committed;
            scheduleDrain();
            return c;
        }
    }

    @Override
    public void abort() {
        CompletableFuture<Void> wake;
        synchronized (this) {
            if (ended) {
                return; // committed (or failed committing, which discarded the file), or aborted already
            }
            ended = true;
            aborted = true;
            releaseQueued();
            wake = waiting;
            waiting = null;
            scheduleDrain();
        }
        if (wake != null) {
            wake.completeExceptionally(new BlobStoreException("InternalError", 500, "the upload was aborted"));
        }
    }

    /** Starts the drain task unless one runs. Caller holds the monitor. */
    private void scheduleDrain() {
        if (draining || done) {
            return;
        }
        draining = true;
        io.run(() -> {
            drain();
            return null;
        }, this::rejected);
    }

    /**
     * The single drain task: appends queued chunks in order, each batch with one gathering write that ends on a
     * {@link #WRITE_UNIT} boundary of the file (a chunk across the boundary is split, its tail stays queued), or
     * everything queued once the commit was asked for; then commits or discards once asked to.
     */
    private void drain() {
        List<ByteBuf> batch = new ArrayList<>();
        while (true) {
            long take;
            boolean writeIt;
            synchronized (this) {
                writeIt = failure == null && !aborted;
                if (!writeIt || ended) {
                    take = queuedBytes;
                } else {
                    long end = written + queuedBytes;
                    take = end - end % WRITE_UNIT - written;
                }
                if (take <= 0) {
                    if (ended && !done) {
                        done = true;
                        draining = false;
                        break;
                    }
                    draining = false;
                    return;
                }
                long left = take;
                while (left > 0) {
                    ByteBuf head = queue.peek();
                    int n = head.readableBytes();
                    if (n <= left) {
                        batch.add(queue.poll());
                        left -= n;
                    } else {
                        batch.add(head.readRetainedSlice((int) left));
                        left = 0;
                    }
                }
            }
            Throwable error = null;
            try {
                if (writeIt) {
                    staged().write(batch);
                    written += take;
                }
            } catch (IOException | RuntimeException e) {
                error = e;
            } finally {
                for (ByteBuf b : batch) {
                    b.release();
                }
                batch.clear();
            }
            CompletableFuture<Void> wake = null;
            synchronized (this) {
                queuedBytes -= take;
                if (error != null && failure == null) {
                    failure = error;
                }
                if (waiting != null && (queuedBytes <= MAX_QUEUED_BYTES || failure != null)) {
                    wake = waiting;
                    waiting = null;
                }
            }
            if (wake != null) {
                if (failure != null) {
                    wake.completeExceptionally(BlobStoreException.from(failure));
                } else {
                    wake.complete(null);
                }
            }
        }
        finish();
    }

    /** After the last chunk: publish on commit, delete on abort or after a write error. */
    private void finish() {
        CompletableFuture<R> c;
        BodyDigest d;
        Throwable f;
        boolean a;
        synchronized (this) {
            c = committed;
            d = digest;
            f = failure;
            a = aborted;
        }
        if (a || c == null) {
            discard();
            return;
        }
        if (f != null) {
            discard();
            c.completeExceptionally(BlobStoreException.from(f));
            return;
        }
        try {
            StagingFile file = staged();
            if (d.size() != file.size()) {
                throw new BlobStoreException("IncompleteBody", 400, "The request body ended after "
                        + file.size() + " of " + d.size() + " bytes.");
            }
            c.complete(publisher.publish(file, d));
        } catch (Throwable e) {
            discard();
            c.completeExceptionally(BlobStoreException.from(e));
        }
    }

    /** The IO pool is shut down (store closed): release and delete on the caller's thread, fail what waits. */
    private void rejected() {
        CompletableFuture<Void> wake;
        CompletableFuture<R> c;
        BlobStoreException shutDown = new BlobStoreException("ServiceUnavailable", 503,
                "The filesystem backend is shut down.");
        synchronized (this) {
            draining = false;
            done = true;
            if (failure == null) {
                failure = shutDown;
            }
            releaseQueued();
            wake = waiting;
            waiting = null;
            c = committed;
        }
        discard();
        if (wake != null) {
            wake.completeExceptionally(shutDown);
        }
        if (c != null) {
            c.completeExceptionally(shutDown);
        }
    }

    /** Caller holds the monitor. */
    private void releaseQueued() {
        ByteBuf b;
        while ((b = queue.poll()) != null) {
            queuedBytes -= b.readableBytes();
            b.release();
        }
    }
}
