package io.trustgate.translators.s3.azure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded executor the blocking SDK calls run on, and the translation of their failures into S3 errors. Calls
 * never run on the caller's thread, so an event loop that calls the store never blocks.
 */
final class AzureCalls implements AutoCloseable {

    private final ExecutorService executor;

    AzureCalls(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "trustgate-azure-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    ExecutorService executor() {
        return executor;
    }

    /** Runs {@code call} on the executor; an Azure failure becomes the S3 error for {@code bucket}/{@code key}. */
    <T> CompletionStage<T> run(String bucket, String key, Supplier<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(call.get());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(AzureErrors.toS3(e, bucket, key));
                }
            });
        } catch (RuntimeException rejected) {
            result.completeExceptionally(AzureErrors.toS3(rejected, bucket, key));
        }
        return result;
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
