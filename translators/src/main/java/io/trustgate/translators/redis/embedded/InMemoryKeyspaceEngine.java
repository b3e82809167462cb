package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.KeyspaceEngine;
import io.trustgate.redis.spi.KeyspaceTransaction;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ScanPage;
import io.trustgate.redis.spi.ValueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The embedded backend's engine: every database in memory, optionally made durable by an append-only log of
 * engine-level mutations plus snapshots in a data directory ({@link #open}; see docs/embedded-engine.md).
 *
 * <p>With a data directory, each writing unit's mutations are queued for the log as one record while the lock
 * is held (so the log has commit order); its stage completes only once the record is written to the OS and
 * durable under the {@link FsyncPolicy}: with {@code always}, after the group-commit thread wrote and fsynced
 * it; with the others, after one write per event-loop turn ({@link TurnWrites}), or at once when the unit
 * ran off an event loop. A unit that
 * only reads also waits until everything written before it is durable, so no reply ever reveals a write that a
 * crash could still take back.
 *
 * <p>One lock guards all databases, so a unit of work (one command, or a whole EXEC) excludes every other unit,
 * readers included, exactly like Redis's single thread; units run inline on the caller's thread and are short.
 * Expired keys disappear when touched and, in the background, through a sweep on a daemon thread that takes the
 * same lock for at most {@value #SWEEP_BUDGET} keys at a time. {@link #close()} stops the sweep; the data stays
 * readable until the engine is dropped, but new units are refused.
 */
public final class InMemoryKeyspaceEngine implements KeyspaceEngine {

    public static final int DEFAULT_DATABASES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryKeyspaceEngine.class);

    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMillis(100);

    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.STRINGS, Capability.LISTS, Capability.HASHES, Capability.SETS, Capability.SORTED_SETS,
            Capability.EXPIRY, Capability.TRANSACTIONS));
    private static final int SWEEP_BUDGET = 1000;
    private static final int LOCK_SPINS = 256;
    private static final int SWEEP_MAX_SKIPS = 10;

    private final ReentrantLock lock = new ReentrantLock();
    private final Database[] databases;
    private final LongSupplier clock;
    private ScheduledExecutorService sweeper;
    /** Last stamp handed out; guarded by {@link #lock}. */
    private long stamps;
    private volatile boolean closed;
    /** Sweep periods in a row that found the lock busy; only the sweep thread touches it. */
    private int sweepSkips;
    /** Null for a purely in-memory engine. */
    private Persistence persistence;

    /** 16 databases, the system clock, a sweep every 100 ms. */
    public InMemoryKeyspaceEngine() {
        this(DEFAULT_DATABASES, System::currentTimeMillis, DEFAULT_SWEEP_INTERVAL);
    }

    /**
     * @param databases     number of databases, at least 1
     * @param clock         Unix milliseconds; tests pass a manual clock
     * @param sweepInterval period of the background expiry sweep; zero disables it (expiry is then only lazy)
     */
    public InMemoryKeyspaceEngine(int databases, LongSupplier clock, Duration sweepInterval) {
        if (databases < 1) {
            throw new IllegalArgumentException("databases must be at least 1, got " + databases);
        }
        if (sweepInterval.isNegative()) {
            throw new IllegalArgumentException("sweepInterval must not be negative, got " + sweepInterval);
        }
        this.databases = new Database[databases];
        for (int i = 0; i < databases; i++) {
            this.databases[i] = new Database();
        }
        this.clock = clock;
        startSweep(sweepInterval);
    }

    private void startSweep(Duration sweepInterval) {
        if (!sweepInterval.isZero()) {
            this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "trustgate-embedded-expiry");
                t.setDaemon(true);
                return t;
            });
            long period = sweepInterval.toMillis();
            sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A durable engine on {@code dataDir} (created if absent, locked while open): recovers what the directory
     * holds, then logs every write with {@code fsync}. Snapshots start when the log passes 64 MB.
     *
     * @throws IOException when the directory is locked by another engine, unreadable, or damaged
     */
    public static InMemoryKeyspaceEngine open(Path dataDir, FsyncPolicy fsync) throws IOException {
        return open(dataDir, fsync, 64L << 20, System::currentTimeMillis, DEFAULT_SWEEP_INTERVAL);
    }

    static InMemoryKeyspaceEngine open(Path dataDir, FsyncPolicy fsync, long compactAfterBytes, LongSupplier clock,
                                       Duration sweepInterval) throws IOException {
        InMemoryKeyspaceEngine engine = new InMemoryKeyspaceEngine(DEFAULT_DATABASES, clock, Duration.ZERO);
        engine.persistence = Persistence.open(dataDir, fsync, compactAfterBytes, engine.lock, engine.databases,
                () -> ++engine.stamps, clock.getAsLong());
        engine.startSweep(sweepInterval);
        return engine;
    }

    /** Writes a snapshot now and drops the older log (tests; production compacts by log size). */
    void compact() throws IOException {
        persistence.compact();
    }

    /** Runs {@code hook} between the batches of every size-triggered snapshot, outside the lock (tests). */
    void betweenSnapshotBatches(Runnable hook) {
        persistence.betweenBatches = hook;
    }

    /** {@link #compact()} with {@code afterEachBatch} run between snapshot batches (tests). */
    void compact(Runnable afterEachBatch) throws IOException {
        persistence.compact(afterEachBatch);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public int databases() {
        return databases.length;
    }

    /** Units run inline on the caller's thread; only a durable engine's acknowledgement may come later. */
    @Override
    public boolean appliesInline() {
        return true;
    }

    /**
     * Runs {@code work} inline under the engine lock. The stage is complete when this returns, except with a data
     * directory: then it completes once the unit's frame is written (and under {@code always} fsynced).
     */
    @Override
    public <T> CompletionStage<T> atomically(Access access, Function<KeyspaceTransaction, T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("in-memory keyspace engine is closed"));
        }
        acquire();
        Transaction tx = null;
        T result;
        long lsn = 0;
        try {
            UnitJournal journal = persistence == null ? null : persistence.journal();
            if (journal != null) {
                journal.begin();
            }
            tx = new Transaction(clock.getAsLong(), journal);
            try {
                result = work.apply(tx);
            } finally {
                // what the unit changed in memory before failing is logged too: the log mirrors memory
                try {
                    lsn = persistence == null ? 0 : persistence.commit();
                } finally {
                    if (journal != null) {
                        journal.unbindAll();
                    }
                }
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(
                    "embedded backend cannot write its log: " + e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            if (tx != null) {
                tx.open = false;
            }
            lock.unlock();
        }
        if (persistence == null) {
            return CompletableFuture.completedFuture(result);
        }
        try {
            return persistence.completion(lsn, result); // outside the lock: one write(2) covers many units
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(
                    "embedded backend cannot write its log: " + e.getMessage(), e));
        }
    }

    /**
     * Takes the engine lock, spinning briefly first: units hold it for microseconds, and parking a thread (and
     * unparking it on release) costs more than that: the release's unpark was the top self time in a JFR profile of
     * GET/SET with 50 clients.
     */
    private void acquire() {
        if (lock.tryLock()) {
            return;
        }
        for (int i = 0; i < LOCK_SPINS; i++) {
            Thread.onSpinWait();
            if (lock.tryLock()) {
                return;
            }
        }
        lock.lock();
    }

    /**
     * Removes expired keys, a bounded batch per lock hold so that commands never wait long. The sweep does not
     * queue for the lock while units hold it (a queued waiter makes every unit's release wake it, a system call on
     * the event loop): it takes the lock only when free, and waits for it only after
     * {@value #SWEEP_MAX_SKIPS} periods in a row found it busy. Expiry stays exact meanwhile (keys expire when touched).
     */
    void sweep() {
        try {
            boolean more = true;
            while (more && !closed) {
                more = false;
                if (!lock.tryLock()) {
                    if (++sweepSkips < SWEEP_MAX_SKIPS) {
                        return;
                    }
                    lock.lock();
                }
                sweepSkips = 0;
                try {
                    long now = clock.getAsLong();
                    for (Database db : databases) {
                        more |= db.sweep(now, SWEEP_BUDGET) == SWEEP_BUDGET;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (RuntimeException e) {
            // never let an exception cancel the periodic task
            LOG.warn("expiry sweep failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (persistence != null) {
            // first, without the lock: a snapshot in progress takes it once per batch
            persistence.stopCompaction();
            lock.lock(); // no unit is mid-append once we hold it
            try {
                persistence.close();
            } catch (IOException e) {
                LOG.warn("closing the embedded data directory failed", e);
            } finally {
                lock.unlock();
            }
        }
    }

    /** One unit of work: its clock reading and views of the databases; dead once the unit returns. */
    private final class Transaction implements KeyspaceTransaction {

        private final long now;
        /** Where mutations are logged, or null without persistence. */
        private final UnitJournal journal;
        private boolean open = true;
        /** The last key looked up: most commands touch one key twice (read, then store), hashed once. */
        private byte[] lastBytes;
        private Key lastKey;

        Transaction(long now, UnitJournal journal) {
            this.now = now;
            this.journal = journal;
        }

        /** The last view handed out: a command asks for its database several times (read, then store). */
        private View lastView;

        @Override
        public Keyspace db(int index) {
            check();
            View v = lastView;
            if (v == null || v.index != index) {
                v = new View(databases[index], index);
                lastView = v;
            }
            return v;
        }

        @Override
        public long nowMillis() {
            return now;
        }

        /** The key for {@code bytes}; arrays handed to the engine are never modified, so identity suffices. */
        Key key(byte[] bytes) {
            if (bytes != lastBytes) {
                lastKey = new Key(bytes);
                lastBytes = bytes;
            }
            return lastKey;
        }

        void check() {
            if (!open) {
                throw new IllegalStateException("keyspace used outside its unit of work");
            }
        }

        /** A database seen from this unit: adds the clock and the stamps. */
        private final class View implements Keyspace {

            private final Database db;
            private final int index;

            View(Database db, int index) {
                this.db = db;
                this.index = index;
            }

            @Override
            public Entry get(byte[] key) {
                check();
                Entry e = db.get(key(key), now);
                if (e != null && journal != null) {
                    journal.read(index, key, e.value());
                }
                return e;
            }

            @Override
            public boolean exists(byte[] key) {
                check();
                return db.get(key(key), now) != null;
            }

            @Override
            public ValueType type(byte[] key) {
                check();
                Entry e = db.get(key(key), now);
                return e == null ? null : e.value().type();
            }

            @Override
            public void put(byte[] key, KeyspaceValue value, long expireAt) {
                check();
                Entry old = db.put(key(key), value, expireAt, ++stamps);
                if (journal != null) {
                    journal.put(index, key, value, expireAt, old == null ? null : old.value(),
                            old == null ? Entry.NO_EXPIRY : old.expireAt());
                }
            }

            @Override
            public boolean setExpiry(byte[] key, long expireAt) {
                check();
                Key k = key(key);
                Entry e = db.get(k, now);
                if (e == null) {
                    return false;
                }
                db.put(k, e.value(), expireAt, ++stamps);
                if (journal != null) {
                    journal.expire(index, key, expireAt);
                }
                return true;
            }

            @Override
            public boolean delete(byte[] key) {
                check();
                Entry old = db.remove(key(key));
                if (old != null && journal != null) {
                    journal.delete(index, key, old.value());
                }
                return old != null && !Database.isExpired(old, now);
            }

            @Override
            public ScanPage scan(long cursor, int count) {
                check();
                return db.scan(cursor, Math.max(1, count), now);
            }

            @Override
            public byte[] randomKey() {
                check();
                return db.randomKey(now);
            }

            @Override
            public long size() {
                check();
                return db.size();
            }

            @Override
            public void clear() {
                check();
                db.clear();
                if (journal != null) {
                    journal.clear(index);
                }
            }
        }
    }
}
