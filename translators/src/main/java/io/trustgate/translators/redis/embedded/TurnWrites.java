package io.trustgate.translators.redis.embedded;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.ThreadExecutorMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One log {@code write(2)} per event-loop turn, as Redis writes its AOF buffer once per event-loop iteration:
 * units run inline on a Netty event loop (one per client read) do not write the log themselves; the first of a
 * turn queues one task on that loop, which runs after the turn's reads, writes everything appended so far in one
 * system call and only then completes the units' stages, so every reply still follows its frame's
 * {@code write(2)} (a killed process loses nothing acknowledged). Only for the policies whose reply does not wait
 * for an fsync ({@code everysec}, {@code no}); units run elsewhere (tests, other threads) write at once.
 *
 * <p>Each event loop has its own batch ({@link FastThreadLocal}), touched only by that loop's thread.
 */
final class TurnWrites {

    /** The units of one loop waiting for this turn's write. */
    private static final class Batch {
        long lsn;
        boolean scheduled;
        CompletableFuture<Object>[] stages = newStages(16);
        Object[] results = new Object[16];
        int size;
        /** The arrays of the batch being completed, reused for the next one (double buffering). */
        CompletableFuture<Object>[] spareStages = newStages(16);
        Object[] spareResults = new Object[16];

        @SuppressWarnings("unchecked")
        static CompletableFuture<Object>[] newStages(int n) {
            return new CompletableFuture[n];
        }
    }

    private final MutationLog log;
    private final FastThreadLocal<Batch> batches = new FastThreadLocal<>() {
        @Override
        protected Batch initialValue() {
            return new Batch();
        }
    };

    TurnWrites(MutationLog log) {
        this.log = log;
    }

    /**
     * The stage of a unit that appended up to {@code lsn} and answers {@code result}: completed now when the log
     * is written that far, deferred to the end of the turn on an event loop, else written now (may throw).
     */
    @SuppressWarnings("unchecked")
    <T> CompletionStage<T> afterWrite(long lsn, T result) throws IOException {
        if (log.writtenUpTo() >= lsn) {
            return CompletableFuture.completedFuture(result);
        }
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null || !loop.inEventLoop()) {
            log.write(lsn);
            return CompletableFuture.completedFuture(result);
        }
        Batch b = batches.get();
        CompletableFuture<Object> stage = new CompletableFuture<>();
        if (b.size == b.stages.length) {
            b.stages = java.util.Arrays.copyOf(b.stages, b.size * 2);
            b.results = java.util.Arrays.copyOf(b.results, b.size * 2);
        }
        b.stages[b.size] = stage;
        b.results[b.size] = result;
        b.size++;
        b.lsn = Math.max(b.lsn, lsn);
        if (!b.scheduled) {
            b.scheduled = true;
            loop.execute(() -> writeTurn(b));
        }
        return (CompletionStage<T>) stage;
    }

    private void writeTurn(Batch b) {
        // completing a stage may start the client's next command, which may join a new batch: take this one whole
        int n = b.size;
        CompletableFuture<Object>[] stages = b.stages;
        Object[] results = b.results;
        long lsn = b.lsn;
        b.stages = b.spareStages;
        b.results = b.spareResults;
        b.size = 0;
        b.scheduled = false;
        IOException failure = null;
        try {
            log.write(lsn);
        } catch (IOException e) {
            failure = e;
        }
        for (int i = 0; i < n; i++) {
            CompletableFuture<Object> stage = stages[i];
            Object result = results[i];
            stages[i] = null;
            results[i] = null;
            if (failure == null) {
                stage.complete(result);
            } else {
                stage.completeExceptionally(new UncheckedIOException(
                        "embedded backend cannot write its log: " + failure.getMessage(), failure));
            }
        }
        // the next task of this loop runs after this one: nothing else holds these arrays any more
        b.spareStages = stages;
        b.spareResults = results;
    }
}
