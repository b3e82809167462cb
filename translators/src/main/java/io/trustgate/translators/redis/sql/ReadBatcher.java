package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.KeyspaceTransaction;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Coalesces READ units that wait at the same time into one statement. Units queue here; up to {@code drainers}
 * tasks on the engine's executor each take every queued unit (up to {@value Prefetch#MAX_KEYS}) and:
 * <ol>
 *   <li>run each unit once as a <em>planning run</em> ({@link SqlTransaction#planning}), which stops at the
 *       unit's first statement and records it when it is a key-row read (GET, EXISTS, TYPE, TTL, the first key of
 *       MGET...);</li>
 *   <li>read the rows of all those keys, per database, in one statement ({@link Prefetch});</li>
 *   <li>run each unit again with its row handed in: a unit that needs nothing more is done (one statement for
 *       the whole batch); one that needs a second statement runs again in a snapshot transaction, exactly as an
 *       unbatched READ unit does after its first statement.</li>
 * </ol>
 * Units whose first statement is something else (HGET, SCAN...) run as unbatched READ units. A lone unit is never
 * planned: it runs as before. Every unit of a batch sees the one snapshot of the batch statement, taken after all
 * of them were submitted and before any of them completes, so each still reads one committed state between its
 * call and its answer (see {@code docs/redis-on-sql.md}).
 */
final class ReadBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ReadBatcher.class);

    /** The engine's ways to run a READ unit unbatched and to build a unit's transaction. */
    interface Runner {
        /** Runs a READ unit on the current thread as the engine does without batching ({@code snapshot}: skip
         *  the single-statement attempt). */
        <T> T runRead(boolean snapshot, Function<KeyspaceTransaction, T> work);

        SqlTransaction singleRead(Handle h);

        Handle open();

        Tables tables();

        SqlDialect dialect();

        String name();
    }

    private static final class Unit<T> {
        final Function<KeyspaceTransaction, T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        int db;
        byte[] key;

        Unit(Function<KeyspaceTransaction, T> work) {
            this.work = work;
        }
    }

    private final Runner runner;
    private final UnitQueue<Unit<?>> units;
    private final java.util.concurrent.atomic.AtomicLong coalesced = new java.util.concurrent.atomic.AtomicLong();

    ReadBatcher(Runner runner, Executor executor, int drainers, int capacity) {
        this.runner = runner;
        this.units = new UnitQueue<>(executor, drainers, capacity, Prefetch.MAX_KEYS, this::run,
                (u, e) -> u.done.completeExceptionally(new IllegalStateException(runner.name()
                        + " keyspace engine is overloaded", e)));
    }

    /** How many units had their first read done in a shared statement so far. */
    long coalesced() {
        return coalesced.get();
    }

    <T> CompletionStage<T> submit(Function<KeyspaceTransaction, T> work) {
        Unit<T> u = new Unit<>(work);
        if (!units.offer(u)) {
            return CompletableFuture.failedFuture(new IllegalStateException(runner.name()
                    + " keyspace engine is overloaded (" + units.size() + " reads queued)"));
        }
        return u.done;
    }

    private void run(List<Unit<?>> batch) {
        if (batch.size() == 1) {
            runAlone(batch.get(0), false);
        } else {
            runBatch(batch);
        }
    }

    private static <T> void complete(Unit<T> u, T result) {
        u.done.complete(result);
    }

    private <T> void runAlone(Unit<T> u, boolean snapshot) {
        try {
            u.done.complete(runner.runRead(snapshot, u.work));
        } catch (RuntimeException | Error e) {
            u.done.completeExceptionally(e);
        }
    }

    private void runBatch(List<Unit<?>> batch) {
        List<Unit<?>> planned = new ArrayList<>(batch.size());
        List<Unit<?>> alone = new ArrayList<>();
        Map<Integer, List<byte[]>> keysByDb = new HashMap<>();
        for (Unit<?> u : batch) {
            if (plan(u)) {
                planned.add(u);
                keysByDb.computeIfAbsent(u.db, d -> new ArrayList<>()).add(u.key);
            } else {
                alone.add(u);
            }
        }
        List<Unit<?>> snapshot = new ArrayList<>();
        if (!planned.isEmpty()) {
            try (Handle h = runner.open()) {
                Map<Integer, Map<ByteBuffer, Prefetch.Row>> rows = new HashMap<>();
                for (Map.Entry<Integer, List<byte[]>> e : keysByDb.entrySet()) {
                    rows.put(e.getKey(), Prefetch.rows(h.getConnection(), runner.tables(), runner.dialect(), e.getKey(), e.getValue()));
                }
                coalesced.addAndGet(planned.size());
                for (Unit<?> u : planned) {
                    if (!replay(h, u, rows.get(u.db).get(ByteBuffer.wrap(u.key)))) {
                        snapshot.add(u);
                    }
                }
            } catch (Exception e) {
                LOG.debug("{} batched read failed ({}); running its units one by one", runner.name(), e.toString());
                for (Unit<?> u : planned) {
                    if (!u.done.isDone() && !snapshot.contains(u)) {
                        alone.add(u);
                    }
                }
            }
        }
        for (Unit<?> u : alone) {
            runAlone(u, false);
        }
        for (Unit<?> u : snapshot) {
            runAlone(u, true);
        }
    }

    /** The planning run: true when the unit's first statement is a key-row read, now recorded in the unit. */
    private boolean plan(Unit<?> u) {
        SqlTransaction tx = runner.singleRead(null);
        tx.planning = true;
        try {
            u.work.apply(tx);
        } catch (RuntimeException e) {
            // the planning run ends by throwing at the first statement; anything else reruns unbatched
        } finally {
            tx.open = false;
        }
        if (tx.plannedKey == null) {
            return false;
        }
        u.db = tx.plannedDb;
        u.key = tx.plannedKey;
        return true;
    }

    /** Runs a unit with its first row read ahead: true when done, false when it needs a snapshot. */
    private <T> boolean replay(Handle h, Unit<T> u, Prefetch.Row row) {
        SqlTransaction tx = runner.singleRead(h);
        tx.prefetch(u.db, u.key, row);
        try {
            T result = u.work.apply(tx);
            if (!tx.snapshotNeeded) {
                complete(u, result);
                return true;
            }
        } catch (SqlTransaction.NeedsSnapshot e) {
            return false;
        } catch (RuntimeException e) {
            if (!tx.snapshotNeeded) {
                u.done.completeExceptionally(e);
                return true;
            }
        } finally {
            tx.open = false;
        }
        return false;
    }
}
