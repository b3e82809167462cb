package io.trustgate.translators.redis.sql;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;

/**
 * MariaDB 10.5+ (InnoDB): {@code VARBINARY(3000)} for indexed bytes (an InnoDB index entry holds at most 3072
 * bytes), {@code LONGBLOB} for values, and {@code DOUBLE} scores, which cannot hold infinities (those show as
 * NULL in the readable {@code score} column; {@code score_bits} is exact). {@code CREATE TABLE IF NOT EXISTS}
 * is safe to race under MariaDB's metadata locks, so schema creation needs no extra lock. Keys are locked with
 * InnoDB row locks on {@code <prefix>lock}: rows 0-15 are the databases (shared or exclusive), rows 16 and up are
 * {@value #STRIPES} stripes a key hash falls into. Transactions begin and end with plain statements, since the
 * driver's {@code setAutoCommit} costs a round trip each way.
 */
final class MariaDbDialect implements SqlDialect {

    static final int STRIPES = 4096;
    private static final int FIRST_STRIPE = 16;

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public List<String> schema(Tables t) {
        String fk = ", FOREIGN KEY (key_id) REFERENCES " + t.keys() + " (id) ON DELETE CASCADE";
        String engine = ") ENGINE=InnoDB";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + t.lock() + " (id INT PRIMARY KEY, stamp BIGINT NOT NULL" + engine,
                "INSERT IGNORE INTO " + t.lock() + " (id, stamp) SELECT seq, 0 FROM seq_0_to_"
                        + (FIRST_STRIPE + STRIPES - 1),
                "CREATE TABLE IF NOT EXISTS " + t.keys() + " (id BIGINT PRIMARY KEY, db INT NOT NULL,"
                        + " name VARBINARY(3000) NOT NULL, type VARCHAR(8) NOT NULL, expire_at_ms BIGINT NULL,"
                        + " stamp BIGINT NOT NULL, UNIQUE KEY " + t.keys() + "_db_name (db, name),"
                        + " KEY " + t.keys() + "_db_id (db, id), KEY " + t.keys() + "_expiry (expire_at_ms)"
                        + engine,
                "CREATE TABLE IF NOT EXISTS " + t.strings() + " (key_id BIGINT PRIMARY KEY,"
                        + " value LONGBLOB NOT NULL" + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.hashes() + " (key_id BIGINT NOT NULL,"
                        + " field VARBINARY(3000) NOT NULL, value LONGBLOB NOT NULL, PRIMARY KEY (key_id, field)"
                        + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.lists() + " (key_id BIGINT NOT NULL, idx BIGINT NOT NULL,"
                        + " value LONGBLOB NOT NULL, PRIMARY KEY (key_id, idx)" + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.sets() + " (key_id BIGINT NOT NULL,"
                        + " member VARBINARY(3000) NOT NULL, PRIMARY KEY (key_id, member)" + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.zsets() + " (key_id BIGINT NOT NULL,"
                        + " member VARBINARY(3000) NOT NULL, score DOUBLE NULL, score_bits BIGINT NOT NULL,"
                        + " PRIMARY KEY (key_id, member)" + fk + engine,
                SqlDialect.readableView(t, MariaDbDialect::text, "NULL", "CHAR"));
    }

    /** Bytes as UTF-8 text; invalid sequences show as '?'. */
    private static String text(String column) {
        return "CONVERT(" + column + " USING utf8mb4)";
    }

    @Override
    public void lockSchema(Handle h) {
        // MariaDB serializes CREATE TABLE IF NOT EXISTS through metadata locks; INSERT IGNORE is idempotent.
    }

    @Override
    public void createStampSequence(Handle h, Tables t, long floor) {
        h.execute("CREATE SEQUENCE IF NOT EXISTS " + t.stamps() + " START WITH " + (floor + 1) + " MINVALUE 1"
                + " INCREMENT BY " + StampSource.BLOCK);
    }

    @Override
    public long nextStampBlock(Handle h, Tables t) {
        return h.createQuery("SELECT NEXTVAL(" + t.stamps() + ")").mapTo(Long.class).one();
    }

    @Override
    public Map<String, String> driverProperties() {
        return Map.of("useServerPrepStmts", "true", "cachePrepStmts", "true", "prepStmtCacheSize", "256");
    }

    @Override
    public boolean lockKey(Handle h, Tables t, int db, long keyHash, boolean database, boolean wait) {
        // InnoDB detects deadlocks at once (error 1213, SQLSTATE 40001, retried by the engine): always wait
        if (database) {
            h.createQuery("SELECT id FROM " + t.lock() + " WHERE id = :id LOCK IN SHARE MODE").bind("id", db)
                    .mapTo(Integer.class).one();
        }
        h.createQuery("SELECT id FROM " + t.lock() + " WHERE id = :id FOR UPDATE")
                .bind("id", FIRST_STRIPE + (int) keyHash).mapTo(Integer.class).one();
        return true;
    }

    /** Stripes are the lock identity, so that a rerun takes them in stripe order and never deadlocks. */
    @Override
    public long lockId(long keyHash) {
        return Math.floorMod(keyHash, (long) STRIPES);
    }

    @Override
    public boolean lockDatabase(Handle h, Tables t, int db, boolean wait) {
        h.createQuery("SELECT id FROM " + t.lock() + " WHERE id = :id FOR UPDATE").bind("id", db)
                .mapTo(Integer.class).one();
        return true;
    }

    @Override
    public void beginWrite(Handle h) {
        h.execute("START TRANSACTION");
    }

    @Override
    public void beginSnapshot(Handle h) {
        h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"); // the next transaction only
        h.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    }

    @Override
    public void commit(Handle h) {
        h.execute("COMMIT");
    }

    @Override
    public void rollback(Handle h) {
        h.execute("ROLLBACK");
    }

    @Override
    public String insertIgnoring(String table, String columns, String values) {
        return "INSERT IGNORE INTO " + table + " (" + columns + ") VALUES (" + values + ")";
    }

    @Override
    public Object readableScore(double score) {
        return Double.isInfinite(score) ? null : score;
    }
}
