package io.trustgate.translators.redis.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A bounded queue of units drained by at most {@code drainers} tasks on an executor, each taking up to
 * {@code maxBatch} queued units at a time and handing them to {@code batch}: the queueing shared by
 * {@link ReadBatcher} and {@link WriteGroups}. When the executor refuses a drainer, every queued unit fails.
 */
final class UnitQueue<U> {

    private final Executor executor;
    private final int drainers;
    private final int maxBatch;
    private final Consumer<List<U>> batch;
    private final BiConsumer<U, RejectedExecutionException> refused;
    private final LinkedBlockingQueue<U> queue;
    private final AtomicInteger active = new AtomicInteger();

    UnitQueue(Executor executor, int drainers, int capacity, int maxBatch, Consumer<List<U>> batch,
            BiConsumer<U, RejectedExecutionException> refused) {
        this.executor = executor;
        this.drainers = drainers;
        this.maxBatch = maxBatch;
        this.batch = batch;
        this.refused = refused;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    /** Queues {@code unit} and makes sure a drainer runs; false when the queue is full. */
    boolean offer(U unit) {
        if (!queue.offer(unit)) {
            return false;
        }
        spawn();
        return true;
    }

    int size() {
        return queue.size();
    }

    /** Starts a drainer if units are queued and fewer than {@code drainers} run. */
    private void spawn() {
        while (!queue.isEmpty()) {
            int a = active.get();
            if (a >= drainers) {
                return;
            }
            if (active.compareAndSet(a, a + 1)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    active.decrementAndGet();
                    List<U> left = new ArrayList<>();
                    queue.drainTo(left);
                    left.forEach(u -> refused.accept(u, e));
                }
                return;
            }
        }
    }

    private void drain() {
        try {
            List<U> units = new ArrayList<>(maxBatch);
            while (queue.drainTo(units, maxBatch) > 0) {
                batch.accept(units);
                units.clear();
            }
        } finally {
            active.decrementAndGet();
        }
        spawn(); // a unit queued while this drainer was stopping
    }
}
