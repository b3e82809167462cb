package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.KeyspaceTransaction;
import org.jdbi.v3.core.Handle;

/**
 * One unit of work: one open database transaction ({@link #handle}), the instant it started, and for WRITE units
 * the stamp counter read from the lock row under {@code SELECT ... FOR UPDATE}. Stamps and new key ids are taken
 * from that counter, so they are unique across every gateway sharing the database; {@link #finish} writes the
 * counter back before commit. Confined to the thread running the unit.
 */
final class SqlTransaction implements KeyspaceTransaction {

    final Handle handle;
    final Tables tables;
    final ValueRows rows;
    final boolean write;
    private final long now;
    private final SqlKeyspace[] dbs;
    private final long firstStamp;
    private long stamp;
    boolean open = true;

    SqlTransaction(Handle handle, Tables tables, SqlDialect dialect, int databases, boolean write, long stampBase,
                   long now) {
        this.handle = handle;
        this.tables = tables;
        this.rows = new ValueRows(handle, tables, dialect);
        this.write = write;
        this.now = now;
        this.dbs = new SqlKeyspace[databases];
        this.firstStamp = stampBase;
        this.stamp = stampBase;
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

    /** A stamp (also used as the id of a new key) never handed out before by any gateway on this database. */
    long nextStamp() {
        if (!write) {
            throw new IllegalStateException("write inside a READ unit of work");
        }
        return ++stamp;
    }

    void check() {
        if (!open) {
            throw new IllegalStateException("keyspace transaction used after its unit of work returned");
        }
    }

    /** Persists the stamp counter if this unit used it; called before commit. */
    void finish() {
        open = false;
        if (stamp != firstStamp) {
            handle.createUpdate("UPDATE " + tables.lock() + " SET stamp = :s WHERE id = 1").bind("s", stamp)
                    .execute();
        }
    }
}
