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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Redis keyspaces stored in PostgreSQL or MariaDB tables (see {@code docs/redis-on-sql.md} for the schema).
 *
 * <p>Each unit of work runs on this engine's bounded executor (never the caller's thread) inside one database
 * transaction. WRITE units first lock the single row of {@code <prefix>lock} with {@code SELECT ... FOR UPDATE}
 * at READ COMMITTED, so writers are serialized across every gateway sharing the database and each statement sees
 * everything committed before; the row also holds the stamp counter. READ units take no lock and run at
 * REPEATABLE READ, so every read of one unit sees one committed snapshot. Expired keys read as absent, WRITE units
 * delete those they meet, and a background sweep deletes them in batches of {@value #SWEEP_BATCH}.
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
    private static final int SWEEP_BATCH = 500;
    private static final int QUEUE_PER_THREAD = 1024;

    private final SqlDialect dialect;
    private final Tables tables;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final LongSupplier clock;
    private final ThreadPoolExecutor executor;
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
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize + 1);
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
            for (String ddl : dialect.schema(tables)) {
                h.execute(ddl);
            }
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
        try {
            return CompletableFuture.supplyAsync(() -> run(access == Access.WRITE, work), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException(dialect.name()
                    + " keyspace engine is overloaded (" + executor.getQueue().size() + " units queued)", e));
        }
    }

    /** Runs {@code work} in one database transaction on the current thread; commits, or rolls back if it threw. */
    <T> T run(boolean write, Function<KeyspaceTransaction, T> work) {
        TransactionIsolationLevel level = write ? TransactionIsolationLevel.READ_COMMITTED
                : TransactionIsolationLevel.REPEATABLE_READ;
        return jdbi.inTransaction(level, h -> {
            SqlTransaction tx = begin(h, write);
            T result;
            try {
                result = work.apply(tx);
            } finally {
                tx.open = false;
            }
            tx.finish();
            return result;
        });
    }

    private SqlTransaction begin(Handle h, boolean write) {
        long stampBase = 0;
        if (write) {
            stampBase = h.createQuery("SELECT stamp FROM " + tables.lock() + " WHERE id = 1 FOR UPDATE")
                    .mapTo(Long.class).one();
        }
        return new SqlTransaction(h, tables, dialect, DATABASES, write, stampBase, clock.getAsLong());
    }

    /** Deletes expired keys, {@value #SWEEP_BATCH} per write transaction, until none is left. */
    int sweep() {
        int total = 0;
        try {
            int deleted;
            do {
                deleted = run(true, tx -> sweepBatch((SqlTransaction) tx));
                total += deleted;
            } while (deleted == SWEEP_BATCH && !closed);
        } catch (RuntimeException e) {
            // never let an exception cancel the periodic task
            LOG.warn("{} expiry sweep failed", dialect.name(), e);
        }
        return total;
    }

    private int sweepBatch(SqlTransaction tx) {
        List<Long> ids = tx.handle.createQuery("SELECT id FROM " + tables.keys()
                        + " WHERE expire_at_ms IS NOT NULL AND expire_at_ms < :now ORDER BY expire_at_ms LIMIT "
                        + SWEEP_BATCH)
                .bind("now", tx.nowMillis()).mapTo(Long.class).list();
        if (!ids.isEmpty()) {
            tx.handle.createUpdate("DELETE FROM " + tables.keys() + " WHERE id IN (<ids>)").bindList("ids", ids)
                    .execute();
        }
        return ids.size();
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
