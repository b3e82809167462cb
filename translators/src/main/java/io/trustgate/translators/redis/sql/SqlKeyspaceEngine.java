package io.trustgate.translators.redis.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.KeyspaceEngine;
import io.trustgate.redis.spi.KeyspaceTransaction;
import io.trustgate.redis.spi.PubSubTransport;
import io.trustgate.translators.redis.sql.pubsub.SqlPubSub;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Redis keyspaces stored in PostgreSQL or MariaDB tables (see {@code docs/redis-on-sql.md} for the schema).
 *
 * <p>Each unit of work runs on this engine's bounded executor (never the caller's thread, never an event loop),
 * one pooled connection per worker thread. A READ unit first runs in autocommit and, if it needs more than one
 * statement, again in one REPEATABLE READ read-only transaction ({@link SqlTransaction.Mode}). A WRITE unit is one
 * READ COMMITTED transaction that locks each key before reading it and holds the locks to commit, so writers to
 * different keys run in parallel and writers to one key are serialized, across every gateway sharing the database
 * (see {@code docs/redis-on-sql.md} for why this is serializable). A unit that the database picks as a deadlock
 * victim is rolled back and run again, up to {@value #ATTEMPTS} times. Expired keys read as absent, WRITE units
 * delete those they meet, and a background sweep deletes them in batches of {@value #SWEEP_BATCH}, each key under
 * its lock. READ units waiting together share their first statement ({@link ReadBatcher}); on PostgreSQL WRITE
 * units waiting together share one transaction and its COMMIT ({@link WriteGroups}).
 */
public final class SqlKeyspaceEngine implements KeyspaceEngine {

    /** The supported databases. */
    public enum Kind {
        POSTGRES(new PostgresDialect()),
        MARIADB(new MariaDbDialect());

        private final SqlDialect dialect;

        Kind(SqlDialect dialect) {
            this.dialect = dialect;
        }
    }

    public static final int DATABASES = 16;
    public static final String DEFAULT_TABLE_PREFIX = "redis_";
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SqlKeyspaceEngine.class);
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.STRINGS, Capability.LISTS, Capability.HASHES, Capability.SETS, Capability.SORTED_SETS,
            Capability.EXPIRY, Capability.TRANSACTIONS, Capability.PUBSUB_FANOUT));
    private static final int SWEEP_BATCH = 200;
    private static final int ATTEMPTS = 20;
    private static final int QUEUE_PER_THREAD = 1024;

    private final SqlDialect dialect;
    private final Tables tables;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final LongSupplier clock;
    private final StampSource stamps;
    private final ThreadPoolExecutor executor;
    private final ReadBatcher reads;
    /**
     * Group commit, with {@code poolSize} minus the read tasks' count of tasks, so that reads always find a thread;
     * null where it is off: MariaDB ({@link SqlDialect#locksWithoutWaiting}), or
     * {@code -Dtrustgate.sql.writeGroups=false}.
     */
    private final WriteGroups writes;
    private final ScheduledExecutorService sweeper;
    private volatile boolean closed;
    private final Kind kind;
    /** Opens a pub/sub transport on this engine's database and prefix (sql/pubsub), one per route target. */
    private final java.util.function.Supplier<PubSubTransport> transports;

    /** The system clock and a sweep every second. */
    public static SqlKeyspaceEngine open(Kind kind, String jdbcUrl, String username, String password, int poolSize,
                                         String tablePrefix) {
        return new SqlKeyspaceEngine(kind, jdbcUrl, username, password, poolSize, tablePrefix,
                System::currentTimeMillis, DEFAULT_SWEEP_INTERVAL);
    }

    /**
     * Connects, creates the schema if missing and starts the sweep. Fails if the database cannot be reached.
     *
     * @param poolSize      threads and connections for units of work (one more connection serves the sweep)
     * @param tablePrefix   prefix of every table and view, {@code [a-z][a-z0-9_]*}, e.g. {@code redis_}
     * @param clock         Unix milliseconds; tests pass a manual clock
     * @param sweepInterval period of the background expiry sweep; zero disables it
     */
    public SqlKeyspaceEngine(Kind kind, String jdbcUrl, String username, String password, int poolSize,
                             String tablePrefix, LongSupplier clock, Duration sweepInterval) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        this.dialect = kind.dialect;
        this.kind = kind;
        this.transports = kind == Kind.POSTGRES
                ? () -> SqlPubSub.postgres(jdbcUrl, username, password, tablePrefix)
                : () -> SqlPubSub.mariadb(jdbcUrl, username, password, tablePrefix, SqlPubSub.MARIADB_POLL_INTERVAL);
        this.tables = Tables.withPrefix(tablePrefix);
        this.clock = clock;
        this.stamps = new StampSource(dialect, tables);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        // one connection per worker thread, held for the whole unit, plus one for the sweep: a worker never waits
        config.setMaximumPoolSize(poolSize + 1);
        config.setMinimumIdle(poolSize + 1);
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        dialect.driverProperties().forEach(config::addDataSourceProperty);
        config.setPoolName("trustgate-" + dialect.name());
        this.pool = new HikariDataSource(config);
        try {
            this.jdbi = Jdbi.create(pool);
            createSchema();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(poolSize, poolSize, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(poolSize * QUEUE_PER_THREAD), r -> {
                    Thread t = new Thread(r, "trustgate-" + dialect.name() + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.reads = !Boolean.parseBoolean(System.getProperty("trustgate.sql.readBatching", "true")) ? null
                : new ReadBatcher(new ReadBatcher.Runner() {
            @Override
            public <T> T runRead(boolean snapshot, Function<KeyspaceTransaction, T> work) {
                return run(false, snapshot, work);
            }

            @Override
            public SqlTransaction singleRead(Handle h) {
                return transaction(h, SqlTransaction.Mode.SINGLE_READ);
            }

            @Override
            public Handle open() {
                return jdbi.open();
            }

            @Override
            public Tables tables() {
                return tables;
            }

            @Override
            public SqlDialect dialect() {
                return dialect;
            }

            @Override
            public String name() {
                return dialect.name();
            }
        }, executor, readDrainers(poolSize), poolSize * QUEUE_PER_THREAD);
        this.writes = !dialect.locksWithoutWaiting()
                || !Boolean.parseBoolean(System.getProperty("trustgate.sql.writeGroups", "true")) ? null
                : new WriteGroups(new WriteGroups.Runner() {
                    @Override
                    public <T> T runWrite(Function<KeyspaceTransaction, T> work) {
                        return run(true, work);
                    }

                    @Override
                    public SqlTransaction write(Handle h) {
                        return transaction(h, SqlTransaction.Mode.WRITE);
                    }

                    @Override
                    public Handle open() {
                        return jdbi.open();
                    }

                    @Override
                    public SqlDialect dialect() {
                        return dialect;
                    }
                }, executor, Math.max(1, poolSize - readDrainers(poolSize)), poolSize * QUEUE_PER_THREAD);
        if (sweepInterval.isZero()) {
            this.sweeper = null;
        } else {
            this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "trustgate-" + dialect.name() + "-expiry");
                t.setDaemon(true);
                return t;
            });
            long period = sweepInterval.toMillis();
            sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * An engine that only declares what a {@code kind} engine can do and connects to nothing: for the capability
     * matrix and the {@code capabilities} CLI. Every unit of work fails.
     */
    public static KeyspaceEngine unconnected(Kind kind) {
        return new KeyspaceEngine() {
            @Override
            public Set<Capability> capabilities() {
                return CAPABILITIES;
            }

            @Override
            public int databases() {
                return DATABASES;
            }

            @Override
            public String pubSubFanOut() {
                return fanOut(kind);
            }

            @Override
            public <T> CompletionStage<T> atomically(Access access, Function<KeyspaceTransaction, T> work) {
                return CompletableFuture.failedFuture(new IllegalStateException(kind.dialect.name()
                        + " keyspace engine is not connected"));
            }

            @Override
            public void close() {
            }
        };
    }

    private void createSchema() {
        jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            dialect.lockSchema(h);
            dialect.upgrade(h, tables);
            for (String ddl : dialect.schema(tables)) {
                h.execute(ddl);
            }
            long floor = h.createQuery("SELECT COALESCE(MAX(stamp), 0) FROM " + tables.keys()).mapTo(Long.class).one();
            dialect.createStampSequence(h, tables, floor);
        });
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public int databases() {
        return DATABASES;
    }

    /** PostgreSQL LISTEN/NOTIFY or a polled MariaDB table, on this engine's database and table prefix. */
    @Override
    public PubSubTransport pubSub() {
        return transports.get();
    }

    @Override
    public String pubSubFanOut() {
        return fanOut(kind);
    }

    private static String fanOut(Kind kind) {
        return kind == Kind.POSTGRES ? SqlPubSub.POSTGRES_FAN_OUT : SqlPubSub.MARIADB_FAN_OUT;
    }

    @Override
    public <T> CompletionStage<T> atomically(Access access, Function<KeyspaceTransaction, T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(dialect.name()
                    + " keyspace engine is closed"));
        }
        if (access == Access.READ && reads != null) {
            return reads.submit(work);
        }
        if (access == Access.WRITE && writes != null) {
            return writes.submit(work);
        }
        try {
            return CompletableFuture.supplyAsync(() -> run(access == Access.WRITE, work), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException(dialect.name()
                    + " keyspace engine is overloaded (" + executor.getQueue().size() + " units queued)", e));
        }
    }

    /**
     * Runs {@code work} on the current thread: a READ unit in autocommit, or if it needs more than one statement
     * in a snapshot transaction; a WRITE unit in a locking transaction. Commits, or rolls back if it threw; runs
     * it again when the database aborted it as a deadlock victim.
     */
    <T> T run(boolean write, Function<KeyspaceTransaction, T> work) {
        return run(write, false, work);
    }

    /** As {@link #run(boolean, Function)}; {@code snapshot} runs a READ unit in a snapshot transaction at once. */
    private <T> T run(boolean write, boolean snapshot, Function<KeyspaceTransaction, T> work) {
        List<long[]> learned = new ArrayList<>(); // locks earlier attempts took: taken first, in order, on retry
        for (int attempt = 1; ; attempt++) {
            try (Handle h = jdbi.open()) {
                if (write) {
                    return inTransaction(h, SqlTransaction.Mode.WRITE, work, learned);
                }
                if (snapshot) {
                    return inTransaction(h, SqlTransaction.Mode.SNAPSHOT_READ, work, learned);
                }
                SqlTransaction tx = transaction(h, SqlTransaction.Mode.SINGLE_READ);
                try {
                    T result = work.apply(tx);
                    if (!tx.snapshotNeeded) {
                        return result;
                    }
                } catch (SqlTransaction.NeedsSnapshot e) {
                    // rerun below in one snapshot
                } catch (RuntimeException e) {
                    if (!tx.snapshotNeeded) {
                        throw e;
                    }
                } finally {
                    tx.open = false;
                }
                return inTransaction(h, SqlTransaction.Mode.SNAPSHOT_READ, work, learned);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                LOG.debug("{} unit aborted by the database ({}), attempt {}", dialect.name(), e, attempt);
                backOff(attempt);
            }
        }
    }

    private <T> T inTransaction(Handle h, SqlTransaction.Mode mode, Function<KeyspaceTransaction, T> work,
                                List<long[]> learned) {
        if (mode == SqlTransaction.Mode.WRITE) {
            dialect.beginWrite(h);
        } else {
            dialect.beginSnapshot(h);
        }
        SqlTransaction tx = transaction(h, mode);
        try {
            tx.prelock(learned);
            T result = work.apply(tx);
            tx.open = false;
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            tx.open = false;
            learned.addAll(tx.acquired);
            try {
                dialect.rollback(h);
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** How many READ units so far had their first read done in a statement shared with others. */
    long coalescedReads() {
        return reads == null ? 0 : reads.coalesced();
    }

    /** How many WRITE units so far were committed in a group with others (0 when groups are off). */
    long groupedWrites() {
        return writes == null ? 0 : writes.grouped();
    }

    /**
     * How many tasks coalesce READ units ({@link ReadBatcher}): few, so that units queue behind a running batch
     * statement and join the next one, but two so that one batch is read while the other runs its units.
     */
    private static int readDrainers(int poolSize) {
        String set = System.getProperty("trustgate.sql.readDrainers");
        int wanted = set != null ? Integer.parseInt(set) : 2;
        return Math.max(1, Math.min(poolSize, wanted));
    }

    private SqlTransaction transaction(Handle h, SqlTransaction.Mode mode) {
        return new SqlTransaction(h, tables, dialect, stamps, DATABASES, mode, clock.getAsLong());
    }

    /** A busy lock, a deadlock victim (40P01) or a serialization failure (40001, MariaDB's deadlock too). */
    private static boolean retryable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SqlTransaction.LockBusy) {
                return true;
            }
        }
        return SqlStates.any(e, state -> state.equals("40P01") || state.equals("40001"));
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 10) * 5));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes expired keys, up to {@value #SWEEP_BATCH} per write transaction, until none is left. */
    int sweep() {
        int total = 0;
        try {
            int[] batch;
            do {
                batch = run(true, tx -> sweepBatch((SqlTransaction) tx));
                total += batch[1];
            } while (batch[0] == SWEEP_BATCH && !closed);
        } catch (RuntimeException e) {
            // never let an exception cancel the periodic task
            LOG.warn("{} expiry sweep failed", dialect.name(), e);
        }
        return total;
    }

    /**
     * Deletes up to {@value #SWEEP_BATCH} expired keys, each under its key lock and only if it is still expired
     * then (a writer may have changed it meanwhile); returns how many were found and how many deleted.
     */
    private int[] sweepBatch(SqlTransaction tx) {
        List<Object[]> expired = tx.query("SELECT id, db, name FROM " + tables.keys()
                        + " WHERE expire_at_ms IS NOT NULL AND expire_at_ms < :now ORDER BY expire_at_ms LIMIT "
                        + SWEEP_BATCH)
                .bind("now", tx.nowMillis())
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getInt(2), rs.getBytes(3)}).list();
        int deleted = 0;
        for (Object[] k : expired) {
            tx.lockKey((Integer) k[1], (byte[]) k[2]);
            deleted += tx.update("DELETE FROM " + tables.keys() + " WHERE id = :id AND expire_at_ms < :now")
                    .bind("id", (Long) k[0]).bind("now", tx.nowMillis()).execute();
        }
        return new int[] {expired.size(), deleted};
    }

    /** Stops the sweep, lets queued units finish (up to 10 s), then closes the pool. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} keyspace engine closed with units still running", dialect.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
    }
}
