package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.KeyspaceTransaction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One unit of work on one pooled connection ({@link #handle}), in one of three modes:
 * <ul>
 *   <li>{@link Mode#SINGLE_READ}: a READ unit's first attempt, in autocommit. Its one statement is atomic by
 *       itself; a second statement throws {@link NeedsSnapshot} and the engine reruns the unit as
 *       {@link Mode#SNAPSHOT_READ}. So a GET is one round trip, and an MGET still reads one snapshot.</li>
 *   <li>{@link Mode#SNAPSHOT_READ}: a READ unit in one REPEATABLE READ read-only transaction.</li>
 *   <li>{@link Mode#WRITE}: a READ COMMITTED transaction that locks every key before it reads it
 *       ({@link #lockKey}), holding the locks to commit (strict two-phase locking), and takes stamps and new key
 *       ids from the engine's {@link StampSource}.</li>
 * </ul>
 * Every statement goes through {@link #query}, {@link #update} or {@link #batch}, which enforce the mode.
 * Confined to the thread running the unit.
 */
final class SqlTransaction implements KeyspaceTransaction {

    enum Mode { SINGLE_READ, SNAPSHOT_READ, WRITE }

    /** Thrown by a {@link Mode#SINGLE_READ} unit that needs a second statement; the engine reruns the unit. */
    static final class NeedsSnapshot extends RuntimeException {
        static final NeedsSnapshot INSTANCE = new NeedsSnapshot();

        private NeedsSnapshot() {
            super("a single-statement read needs a snapshot", null, false, false);
        }
    }

    /**
     * A unit that already holds a lock found the next one taken: it is rolled back and run again, taking all its
     * locks in one global order first ({@link #prelock}). Holding locks while waiting is what makes deadlocks.
     */
    static final class LockBusy extends RuntimeException {
        LockBusy() {
            super("a lock is taken by another unit; retrying in lock order", null, false, false);
        }
    }

    final Handle handle;
    final Tables tables;
    final SqlDialect dialect;
    final ValueRows rows;
    final Mode mode;
    final boolean write;
    private final StampSource stamps;
    private final long now;
    private final SqlKeyspace[] dbs;
    private final boolean[] dbShared;
    private final boolean[] dbExclusive;
    private final Set<Long> lockedKeys = new HashSet<>();
    /** Every lock taken, in order: {db, key hash} for a key, {db, 0, 1} for a whole database. */
    final List<long[]> acquired = new ArrayList<>();
    private int statements;
    private boolean prelocking;
    boolean snapshotNeeded;
    boolean open = true;
    /** A planning run ({@link ReadBatcher}): records the unit's first key-row read instead of running it. */
    boolean planning;
    /** In a write group ({@link WriteGroups}): an earlier unit on this connection holds locks, so never wait. */
    boolean lockedBefore;
    /** What a planning run found the unit reads first: its database and key; null if not a key-row read. */
    int plannedDb;
    byte[] plannedKey;
    /** A key row read for this unit ahead of it, together with other units' ({@link ReadBatcher}), or null. */
    private Prefetch.Row prefetch;
    private int prefetchDb;
    private byte[] prefetchKey;
    /**
     * Writes not sent yet ({@link #updateDeferred}), in order, joined by {@code "; "}: they go with this unit's
     * next statement or its COMMIT. {@link #deferredCount} statements, {@link #deferredArgs} their parameters.
     */
    private final StringBuilder deferredSql = new StringBuilder();
    private final List<Object> deferredArgs = new ArrayList<>();
    private int deferredCount;

    SqlTransaction(Handle handle, Tables tables, SqlDialect dialect, StampSource stamps, int databases, Mode mode,
                   long now) {
        this.handle = handle;
        this.tables = tables;
        this.dialect = dialect;
        this.rows = new ValueRows(this);
        this.mode = mode;
        this.write = mode == Mode.WRITE;
        this.stamps = stamps;
        this.now = now;
        this.dbs = new SqlKeyspace[databases];
        this.dbShared = new boolean[databases];
        this.dbExclusive = new boolean[databases];
    }

    @Override
    public Keyspace db(int index) {
        check();
        if (index < 0 || index >= dbs.length) {
            throw new IllegalArgumentException("db " + index + " out of range 0.." + (dbs.length - 1));
        }
        if (dbs[index] == null) {
            dbs[index] = new SqlKeyspace(this, index);
        }
        return dbs[index];
    }

    @Override
    public long nowMillis() {
        return now;
    }

    /** Hands this SINGLE_READ unit its first key-row read, of {@code key} in {@code db}, done ahead of it. */
    void prefetch(int db, byte[] key, Prefetch.Row row) {
        prefetchDb = db;
        prefetchKey = key;
        prefetch = row;
    }

    /**
     * Called before a key-row read ({@code rowRead}: key row plus string value) or a key-plus-field read: in a
     * planning run, records the read (if it is a key-row read) and ends the run; in a unit whose first read was
     * done ahead of it, answers that read if this is it; else null (the caller runs its statement).
     */
    Prefetch.Row prefetched(int db, byte[] key, boolean rowRead) {
        if (planning) {
            if (rowRead && statements == 0) {
                plannedDb = db;
                plannedKey = key;
            }
            snapshotNeeded = true;
            throw NeedsSnapshot.INSTANCE;
        }
        if (prefetch == null || !rowRead || statements > 0 || db != prefetchDb
                || !java.util.Arrays.equals(key, prefetchKey)) {
            return null;
        }
        statements++; // it counts as this unit's one statement
        return prefetch;
    }

    Query query(String sql) {
        beforeStatement();
        return handle.createQuery(sql);
    }

    /** A statement that writes and returns rows ({@code ... RETURNING}). */
    Query writeQuery(String sql) {
        requireWrite();
        beforeStatement();
        return handle.createQuery(sql);
    }

    Update update(String sql) {
        requireWrite();
        beforeStatement();
        return handle.createUpdate(sql);
    }

    PreparedBatch batch(String sql) {
        requireWrite();
        beforeStatement();
        return handle.prepareBatch(sql);
    }

    /**
     * Runs a write whose update count nobody reads (positional parameters {@code args} as for
     * {@link #lockAndSelectOne}). Where the dialect sends statements together ({@link #defers()}) it is held back
     * and sent in the same round trip as this unit's next statement (after the statements before it, so the order
     * of the unit's statements is kept) or as its COMMIT ({@link #commit}); a failure of it then surfaces there
     * and fails the unit as it would have here. Several held-back writes go together, in order.
     */
    void updateDeferred(String sql, Object... args) {
        requireWrite();
        if (!defers()) {
            beforeStatement();
            runRaw(sql, args);
            return;
        }
        check();
        if (deferredCount > 0) {
            deferredSql.append("; ");
        }
        deferredSql.append(sql);
        java.util.Collections.addAll(deferredArgs, args);
        deferredCount++;
    }

    /** Whether this unit holds writes back ({@link #updateDeferred}): where the dialect sends statements together. */
    boolean defers() {
        return write && dialect.lockKeySql(false, true) != null;
    }

    /**
     * Carries on where {@code earlier}, the unit before this one in a write group on the same connection and
     * transaction, stopped: takes over the writes it held back and what it knows of the keys it read and wrote
     * (their rows, which it kept in step with its writes, and their locks, which the transaction holds), so this
     * unit reads and locks again only what is new to the group. Rows with an expiry are read again, since this
     * unit's clock may have passed it.
     */
    void inherit(SqlTransaction earlier) {
        deferredSql.append(earlier.deferredSql);
        deferredArgs.addAll(earlier.deferredArgs);
        deferredCount = earlier.deferredCount;
        earlier.clearDeferred();
        lockedKeys.addAll(earlier.lockedKeys);
        for (int i = 0; i < dbs.length; i++) {
            dbShared[i] = earlier.dbShared[i];
            dbExclusive[i] = earlier.dbExclusive[i];
            if (earlier.dbs[i] != null) {
                dbs[i] = new SqlKeyspace(this, i);
                dbs[i].adopt(earlier.dbs[i]);
            }
        }
    }

    private void clearDeferred() {
        deferredSql.setLength(0);
        deferredArgs.clear();
        deferredCount = 0;
    }

    /**
     * Opens savepoint {@code name} as a statement of this unit: the writes held back so far are sent first, so a
     * rollback to it undoes only what follows it, never a write the unit made before.
     */
    void savepoint(String name) {
        beforeStatement();
        handle.savepoint(name);
    }

    /** Sends the writes held back, if any, on their own. */
    void flushDeferred() {
        if (deferredCount > 0) {
            String sql = deferredSql.toString();
            Object[] args = deferredArgs.toArray();
            clearDeferred();
            runRaw(sql, args);
        }
    }

    /** Commits this WRITE unit, with the writes held back, if any, in the same round trip as the COMMIT. */
    void commit() {
        if (deferredCount > 0) {
            String sql = deferredSql.toString();
            Object[] args = deferredArgs.toArray();
            clearDeferred();
            // the driver sees the transaction end and sends no COMMIT of its own below
            runRaw(sql + "; COMMIT", args);
        }
        dialect.commit(handle);
    }

    private void runRaw(String sql, Object[] args) {
        try (PreparedStatement ps = handle.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                bindArg(ps, i + 1, args[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(dialect.name() + ": " + e.getMessage() + " [" + sql + "]", e);
        }
    }

    private void beforeStatement() {
        check();
        flushDeferred();
        if (planning) {
            snapshotNeeded = true;
            throw NeedsSnapshot.INSTANCE;
        }
        if (mode == Mode.SINGLE_READ && statements++ > 0) {
            snapshotNeeded = true;
            throw NeedsSnapshot.INSTANCE;
        }
    }

    /**
     * WRITE units only: locks {@code key} of {@code db} until commit (no-op if this unit holds it already), and
     * the first time in a database also takes that database's shared lock, which {@link #lockDatabase} excludes.
     * Locks are by a 64-bit hash of prefix, db and key: a collision only makes two keys share a lock.
     */
    void lockKey(int db, byte[] key) {
        if (!write || dbExclusive[db]) {
            return;
        }
        lockHash(db, keyHash(db, key));
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Locks {@code key} as {@link #lockKey} does, then runs {@code select} (positional parameters {@code args}:
     * Integer, Long, Double, String or byte[]) and reads its first row, or returns null when there is none. Where the dialect
     * allows ({@link SqlDialect#lockKeySql}) the lock and the select go to the database together in one round trip;
     * the select still runs after the lock is granted, in a snapshot of its own (READ COMMITTED).
     */
    <T> T lockAndSelectOne(int db, byte[] key, String select, Object[] args, RowReader<T> reader) {
        long hash = 0;
        boolean database = false;
        boolean wait = true;
        String lockSql = null;
        if (write && !dbExclusive[db]) {
            hash = keyHash(db, key);
            if (!lockedKeys.contains(hash)) {
                database = !dbShared[db];
                wait = mayWait();
                lockSql = dialect.lockKeySql(database, wait);
                if (lockSql == null) {
                    lockHash(db, hash);
                }
            }
        }
        List<T> rows = send(lockSql, lockSql == null ? null : dialect.lockKeyArgs(tables, db, hash, database),
                wait, select, args, reader, 1);
        if (lockSql != null) {
            lockedKeys.add(hash);
            dbShared[db] = true;
            acquired.add(new long[] {db, hash});
            if (rows == null) {
                throw new LockBusy();
            }
        }
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Runs {@code sql} (a select, or a write that returns rows: positional parameters {@code args} as for
     * {@link #lockAndSelectOne}) and reads all its rows; the writes held back so far go in the same round trip,
     * ahead of it.
     */
    <T> List<T> select(String sql, Object[] args, RowReader<T> reader) {
        return send(null, null, true, sql, args, reader, Integer.MAX_VALUE);
    }

    /**
     * One round trip: the held-back writes, then {@code lockSql} (when not null), then {@code select}; reads up
     * to {@code max} rows of the select. Null when the lock was asked for without waiting and not granted (the
     * select's rows are not read then).
     */
    private <T> List<T> send(String lockSql, Object[] lockArgs, boolean wait, String select, Object[] args,
                             RowReader<T> reader, int max) {
        String deferred = deferredCount == 0 ? null : deferredSql.toString();
        Object[] deferredBinds = deferredArgs.toArray();
        int deferredStatements = deferredCount;
        clearDeferred(); // sent below, ahead of the lock and the select
        beforeStatement();
        String sql = lockSql == null ? select : lockSql + "; " + select;
        if (deferred != null) {
            sql = deferred + "; " + sql;
        }
        try (PreparedStatement ps = handle.getConnection().prepareStatement(sql)) {
            int i = 1;
            for (Object a : deferredBinds) {
                bindArg(ps, i++, a);
            }
            if (lockSql != null) {
                for (Object a : lockArgs) {
                    bindArg(ps, i++, a);
                }
            }
            for (Object a : args) {
                bindArg(ps, i++, a);
            }
            ps.execute();
            for (int d = 0; d < deferredStatements; d++) {
                ps.getMoreResults(); // past the deferred writes' update counts
            }
            if (lockSql != null) {
                boolean granted = true;
                try (ResultSet lock = ps.getResultSet()) {
                    if (!wait && lock.next()) {
                        granted = lock.getBoolean(1);
                    }
                }
                if (!granted) {
                    return null;
                }
                ps.getMoreResults();
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.getResultSet()) {
                while (rows.size() < max && rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(dialect.name() + ": " + e.getMessage() + " [" + sql + "]", e);
        }
    }

    /** Binds Integer, Long, Double, String or byte[]; null binds a BIGINT NULL. */
    private static void bindArg(PreparedStatement ps, int i, Object a) throws SQLException {
        if (a == null) {
            ps.setNull(i, java.sql.Types.BIGINT);
        } else if (a instanceof String) {
            ps.setString(i, (String) a);
        } else if (a instanceof Integer) {
            ps.setInt(i, (Integer) a);
        } else if (a instanceof Long) {
            ps.setLong(i, (Long) a);
        } else if (a instanceof Double) {
            ps.setDouble(i, (Double) a);
        } else {
            ps.setBytes(i, (byte[]) a);
        }
    }

    private void lockHash(int db, long hash) {
        if (lockedKeys.add(hash)) {
            beforeStatement();
            if (!dialect.lockKey(handle, tables, db, hash, !dbShared[db], mayWait())) {
                acquired.add(new long[] {db, hash}); // so that the rerun takes it in order
                throw new LockBusy();
            }
            dbShared[db] = true;
            acquired.add(new long[] {db, hash});
        }
    }

    /**
     * Takes, before the unit runs, the locks an earlier attempt of it took, in one global order (databases, then
     * key hashes): a unit rerun after a deadlock then waits instead of deadlocking again.
     */
    void prelock(List<long[]> locks) {
        List<long[]> sorted = new ArrayList<>(locks);
        sorted.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : a.length != b.length ? Integer.compare(b.length, a.length) : Long.compare(a[1], b[1]));
        prelocking = true;
        for (long[] l : sorted) {
            if (l.length == 3) {
                lockDatabase((int) l[0]);
            } else {
                lockHash((int) l[0], l[1]);
            }
        }
        prelocking = false;
    }

    /** A unit may wait for a lock while it holds none, or while it takes its locks in order; else it must not. */
    private boolean mayWait() {
        return (prelocking || acquired.isEmpty()) && !lockedBefore;
    }

    /** WRITE units only: locks the whole database (FLUSHDB, SCAN, DBSIZE, RANDOMKEY inside a write unit). */
    void lockDatabase(int db) {
        if (!write || dbExclusive[db]) {
            return;
        }
        beforeStatement();
        if (!dialect.lockDatabase(handle, tables, db, mayWait())) {
            acquired.add(new long[] {db, 0, 1});
            throw new LockBusy();
        }
        dbExclusive[db] = true;
        acquired.add(new long[] {db, 0, 1});
    }

    private long keyHash(int db, byte[] key) {
        long h = 0xcbf29ce484222325L ^ tables.keys().hashCode();
        h = (h ^ db) * 0x100000001b3L;
        for (byte b : key) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33; // murmur3 fmix64: spreads FNV's weak low bits
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return dialect.lockId(h ^ (h >>> 33));
    }

    /** A stamp (also used as the id of a new key) never handed out before by any gateway on this database. */
    long nextStamp() {
        requireWrite();
        return stamps.next(handle);
    }

    private void requireWrite() {
        if (!write) {
            throw new IllegalStateException("write inside a READ unit of work");
        }
    }

    void check() {
        if (!open) {
            throw new IllegalStateException("keyspace transaction used after its unit of work returned");
        }
    }
}
