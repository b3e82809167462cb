package io.trustgate.translators.s3.filesystem;

import io.trustgate.s3.spi.BlobStoreException;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool on which all of the backend's file IO runs, never the caller's (Netty) thread. Work that throws
 * an {@link IOException} or any other non-S3 exception completes its stage with {@code 500 InternalError} (via
 * {@link BlobStoreException#from}); S3-coded failures pass through unchanged.
 */
final class IoExecutor implements AutoCloseable {

    /** Blocking work. */
    interface Io<T> {
        T call() throws IOException;
    }

    private final ExecutorService pool;

    IoExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "s3-fs-io-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Runs {@code work} on the pool. {@code onRejected} (nullable) runs on the caller's thread when the pool is shut
     * down, to release what the work would have released.
     */
    <T> CompletionStage<T> run(Io<T> work, Runnable onRejected) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable t) {
                    result.completeExceptionally(BlobStoreException.from(t));
                }
            });
        } catch (RejectedExecutionException e) {
            if (onRejected != null) {
                onRejected.run();
            }
            result.completeExceptionally(new BlobStoreException("ServiceUnavailable", 503,
                    "The filesystem backend is shut down."));
        }
        return result;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
