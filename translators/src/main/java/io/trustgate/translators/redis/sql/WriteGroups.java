package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.KeyspaceTransaction;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Group commit: WRITE units that wait at the same time run one after another in one database transaction and
 * share its COMMIT (and its WAL flush). Units queue here; up to {@code drainers} tasks on the engine's executor
 * each take every queued unit (up to {@value #MAX_GROUP}) and run them in queue order, each with its own
 * {@link SqlTransaction} on the one connection, locking its keys as a lone unit does. Only the group's first unit
 * may wait for a lock; a later one asks without waiting ({@link SqlTransaction#lockedBefore}), so a group never
 * waits while holding locks. No unit is answered before the COMMIT. If any unit throws (a busy lock, a deadlock, a
 * failure of its own) the whole group is rolled back, which undoes every unit's writes, and each unit runs again
 * alone ({@code runner.runWrite}), so a failure stays that unit's. A lone unit runs alone at once. Each unit
 * carries on from the one before ({@link SqlTransaction#inherit}: its key rows, locks and held-back writes), so
 * units on one hot key read and lock it once per group; the last unit's held-back writes go with the COMMIT.
 *
 * <p>Why this stays serializable: the group is one transaction under strict two-phase locking, holding the locks
 * of all its units to its commit, so the argument for one unit ({@code docs/redis-on-sql.md}) holds for the
 * group; inside it the units run in order and each sees the writes of those before it, so the serial order is
 * the commit order of groups and, within a group, queue order.
 */
final class WriteGroups {

    static final int MAX_GROUP = 32;
    private static final Logger LOG = LoggerFactory.getLogger(WriteGroups.class);

    /** The engine's ways to run a WRITE unit alone and to build a unit's transaction. */
    interface Runner {
        <T> T runWrite(Function<KeyspaceTransaction, T> work);

        SqlTransaction write(Handle h);

        Handle open();

        SqlDialect dialect();
    }

    private static final class Unit<T> {
        final Function<KeyspaceTransaction, T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;

        Unit(Function<KeyspaceTransaction, T> work) {
            this.work = work;
        }

        void complete() {
            done.complete(result);
        }
    }

    private final Runner runner;
    private final UnitQueue<Unit<?>> units;
    private final AtomicLong grouped = new AtomicLong();

    WriteGroups(Runner runner, Executor executor, int drainers, int capacity) {
        this.runner = runner;
        this.units = new UnitQueue<>(executor, drainers, capacity, MAX_GROUP, this::run,
                (u, e) -> u.done.completeExceptionally(new IllegalStateException(runner.dialect().name()
                        + " keyspace engine is overloaded", e)));
    }

    /** How many units so far were committed in a group of more than one. */
    long grouped() {
        return grouped.get();
    }

    <T> CompletionStage<T> submit(Function<KeyspaceTransaction, T> work) {
        Unit<T> u = new Unit<>(work);
        if (!units.offer(u)) {
            return CompletableFuture.failedFuture(new IllegalStateException(runner.dialect().name()
                    + " keyspace engine is overloaded (" + units.size() + " writes queued)"));
        }
        return u.done;
    }

    private void run(List<Unit<?>> group) {
        if (group.size() == 1 || !runGroup(group)) {
            group.forEach(this::runAlone);
        }
    }

    private <T> void runAlone(Unit<T> u) {
        try {
            u.done.complete(runner.runWrite(u.work));
        } catch (RuntimeException | Error e) {
            u.done.completeExceptionally(e);
        }
    }

    /** Runs the group in one transaction; true when every unit is answered, false to run each alone. */
    private boolean runGroup(List<Unit<?>> group) {
        SqlDialect dialect = runner.dialect();
        Handle h;
        try {
            h = runner.open();
        } catch (RuntimeException e) {
            return false; // no connection: nothing ran
        }
        try {
            SqlTransaction previous = null;
            try {
                dialect.beginWrite(h);
                boolean locked = false;
                for (Unit<?> u : group) {
                    SqlTransaction tx = runner.write(h);
                    if (previous != null) {
                        tx.inherit(previous); // its held-back writes go with this unit's first statement
                    }
                    locked = apply(tx, u, locked);
                    previous = tx;
                }
            } catch (RuntimeException | Error e) {
                rollBack(dialect, h, e);
                LOG.debug("{} write group of {} rolled back ({}); running its units alone", dialect.name(),
                        group.size(), e.toString());
                return false;
            }
            try {
                previous.commit(); // with the writes the last unit held back, in one round trip
            } catch (RuntimeException e) {
                if (!connectionLost(e)) {
                    // a held-back write or the COMMIT failed and the database rolled back: nothing is committed
                    rollBack(dialect, h, e);
                    LOG.debug("{} write group of {} failed at commit ({}); running its units alone",
                            dialect.name(), group.size(), e.toString());
                    return false;
                }
                // as for a lone unit whose COMMIT is lost: the outcome is the database's, the units fail
                group.forEach(u -> u.done.completeExceptionally(e));
                return true;
            }
            grouped.addAndGet(group.size());
            group.forEach(Unit::complete);
            return true;
        } finally {
            try {
                h.close();
            } catch (RuntimeException e) {
                LOG.debug("{} closing a connection failed", dialect.name(), e);
            }
        }
    }

    private static void rollBack(SqlDialect dialect, Handle h, Throwable e) {
        try {
            dialect.rollback(h);
        } catch (RuntimeException rollback) {
            e.addSuppressed(rollback);
        }
    }

    /** Whether {@code e} is a lost connection (SQLSTATE class 08), after which a COMMIT's outcome is unknown. */
    private static boolean connectionLost(Throwable e) {
        return SqlStates.any(e, state -> state.startsWith("08"));
    }

    /** Runs one unit of the group on {@code h}; returns whether the connection now holds a lock. */
    private <T> boolean apply(SqlTransaction tx, Unit<T> u, boolean lockedBefore) {
        tx.lockedBefore = lockedBefore;
        try {
            u.result = u.work.apply(tx);
        } finally {
            tx.open = false;
        }
        return lockedBefore || !tx.acquired.isEmpty();
    }
}
