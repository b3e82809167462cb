package io.trustgate.translators.redis.sql;

import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MariaDB 10.5+ (InnoDB): {@code LONGBLOB} for names and values, and {@code DOUBLE} scores, which cannot hold
 * infinities (those show as NULL in the readable {@code score} column; {@code score_bits} is exact). An InnoDB index
 * entry holds at most 3072 bytes, so key names, hash fields and members of any length are indexed by their SHA-256
 * ({@code name_hash}, {@code field_hash}, {@code member_hash}) and every lookup compares the hash, then the bytes.
 * {@code CREATE TABLE IF NOT EXISTS} is safe to race under MariaDB's metadata locks, so schema creation needs no
 * extra lock. Keys are locked with InnoDB row locks on {@code <prefix>lock}: rows 0-15 are the databases (shared or
 * exclusive), rows 16 and up are {@value #STRIPES} stripes a key hash falls into. Transactions begin and end with
 * plain statements, since the driver's {@code setAutoCommit} costs a round trip each way.
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
        List<String> ddl = new ArrayList<>(List.of(
                "CREATE TABLE IF NOT EXISTS " + t.lock() + " (id INT PRIMARY KEY, stamp BIGINT NOT NULL" + engine,
                "INSERT IGNORE INTO " + t.lock() + " (id, stamp) SELECT seq, 0 FROM seq_0_to_"
                        + (FIRST_STRIPE + STRIPES - 1),
                "CREATE TABLE IF NOT EXISTS " + t.keys() + " (id BIGINT PRIMARY KEY, db INT NOT NULL,"
                        + " name LONGBLOB NOT NULL, " + KEY_HASH + ", type VARCHAR(8) NOT NULL,"
                        + " expire_at_ms BIGINT NULL, stamp BIGINT NOT NULL,"
                        + " UNIQUE KEY " + t.keys() + "_db_name (db, name_hash),"
                        + " KEY " + t.keys() + "_db_id (db, id), KEY " + t.keys() + "_expiry (expire_at_ms)"
                        + engine,
                "CREATE TABLE IF NOT EXISTS " + t.strings() + " (key_id BIGINT PRIMARY KEY,"
                        + " value LONGBLOB NOT NULL" + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.hashes() + " (key_id BIGINT NOT NULL,"
                        + " field LONGBLOB NOT NULL, " + hashColumn("field") + ", value LONGBLOB NOT NULL,"
                        + " PRIMARY KEY (key_id, field_hash)" + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.lists() + " (key_id BIGINT NOT NULL, idx BIGINT NOT NULL,"
                        + " value LONGBLOB NOT NULL, PRIMARY KEY (key_id, idx)" + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.sets() + " (key_id BIGINT NOT NULL,"
                        + " member LONGBLOB NOT NULL, " + hashColumn("member") + ","
                        + " PRIMARY KEY (key_id, member_hash)" + fk + engine,
                "CREATE TABLE IF NOT EXISTS " + t.zsets() + " (key_id BIGINT NOT NULL,"
                        + " member LONGBLOB NOT NULL, " + hashColumn("member") + ", score DOUBLE NULL,"
                        + " score_bits BIGINT NOT NULL, PRIMARY KEY (key_id, member_hash)" + fk + engine));
        ddl.add(hashTrigger(t.hashes(), "field"));
        ddl.add(hashTrigger(t.sets(), "member"));
        ddl.add(hashTrigger(t.zsets(), "member"));
        ddl.add(SqlDialect.readableView(t, MariaDbDialect::text, "NULL", "CHAR"));
        return ddl;
    }

    /** The key name's SHA-256, kept by MariaDB itself; indexed with db instead of the name. */
    private static final String KEY_HASH = "name_hash BINARY(32) AS (UNHEX(SHA2(name, 256))) PERSISTENT";

    /**
     * A field's or member's SHA-256, in the primary key instead of the bytes themselves. InnoDB allows no generated
     * column in a primary key, so a trigger ({@link #hashTrigger}) fills it.
     */
    private static String hashColumn(String column) {
        return column + "_hash BINARY(32) NOT NULL DEFAULT ''";
    }

    private static String hashTrigger(String table, String column) {
        return "CREATE TRIGGER IF NOT EXISTS " + table + "_" + column + "_hash BEFORE INSERT ON " + table
                + " FOR EACH ROW SET NEW." + column + "_hash = UNHEX(SHA2(NEW." + column + ", 256))";
    }

    /** Looks names up by their hash (the index), then compares the bytes themselves. */
    @Override
    public String bytesMatch(String column, String value) {
        return column + "_hash = UNHEX(SHA2(" + value + ", 256)) AND " + column + " = " + value;
    }

    /** By the indexed hash column; the rows read carry their full names, which the caller matches. */
    @Override
    public String bytesIn(String column, int n) {
        return column + "_hash IN (UNHEX(SHA2(?, 256))" + ", UNHEX(SHA2(?, 256))".repeat(n - 1) + ")";
    }

    @Override
    public String childHash(String column) {
        return column + "_hash";
    }

    @Override
    public int bytesEqualBinds() {
        return 2;
    }

    /**
     * Tables of versions before the hash columns held names as {@code VARBINARY(3000)} and indexed the bytes:
     * change them to {@code LONGBLOB}, add the hash columns (filled from the rows there) and index those instead.
     */
    @Override
    public void upgrade(Handle h, Tables t) {
        String type = h.createQuery("SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = :t AND COLUMN_NAME = 'name'")
                .bind("t", t.keys()).mapTo(String.class).findOne().orElse(null);
        if (type == null || !type.equalsIgnoreCase("varbinary")) {
            return; // no tables yet, or already upgraded
        }
        h.execute("ALTER TABLE " + t.keys() + " MODIFY name LONGBLOB NOT NULL, ADD COLUMN " + KEY_HASH
                + ", DROP INDEX " + t.keys() + "_db_name, ADD UNIQUE KEY " + t.keys() + "_db_name (db, name_hash)");
        String[][] children = {{t.hashes(), "field"}, {t.sets(), "member"}, {t.zsets(), "member"}};
        for (String[] c : children) { // the bytes leave the primary key in the statement that makes them a BLOB
            h.execute("ALTER TABLE " + c[0] + " ADD COLUMN " + hashColumn(c[1]));
            h.execute("UPDATE " + c[0] + " SET " + c[1] + "_hash = UNHEX(SHA2(" + c[1] + ", 256))");
            h.execute("ALTER TABLE " + c[0] + " DROP PRIMARY KEY, ADD PRIMARY KEY (key_id, " + c[1] + "_hash),"
                    + " MODIFY " + c[1] + " LONGBLOB NOT NULL");
        }
    }

    /** Bytes as UTF-8 text; invalid sequences show as '?'. */
    private static String text(String column) {
        return "CONVERT(" + column + " USING utf8mb4)";
    }

    /** Infinities are NULL in {@code score}: they sort first (-inf, negative bits) or last (+inf). */
    @Override
    public String sortedSetOrder(boolean reverse) {
        String d = reverse ? " DESC" : "";
        return "CASE WHEN score IS NOT NULL THEN 1 WHEN score_bits < 0 THEN 0 ELSE 2 END" + d + ", score" + d
                + ", member" + d;
    }

    /**
     * {@code score} is NULL for the infinities, so they are told apart by the sign of {@code score_bits}; an
     * infinite bound needs no parameter.
     */
    @Override
    public String scoreBound(boolean lower, double bound, boolean exclusive, String param) {
        String farInfinity = "score IS NULL AND score_bits " + (lower ? "> 0" : "< 0"); // +inf above a min
        if (Double.isInfinite(bound)) {
            if (lower == bound > 0) { // min +inf or max -inf: only that infinity itself
                return exclusive ? "1 = 0" : "(" + farInfinity + ")";
            }
            // min -inf or max +inf: everything, or everything but that infinity
            return exclusive ? "(score IS NOT NULL OR score_bits " + (lower ? "> 0)" : "< 0)") : "1 = 1";
        }
        return "(score " + (lower ? ">" : "<") + (exclusive ? "" : "=") + " :" + param + " OR (" + farInfinity + "))";
    }

    /** ORDER BY compares only the first {@code max_sort_length} bytes (1024 by default) of a BLOB. */
    @Override
    public String sortPrefixExceeded(String column) {
        return "LENGTH(" + column + ") > @@max_sort_length";
    }

    @Override
    public String random() {
        return "RAND()";
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
