package io.trustgate.translators.redis.sql;

import org.jdbi.v3.core.Handle;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL 12+: {@code bytea} everywhere, DDL is transactional, an advisory lock guards schema creation. Key
 * names, hash fields and members may be of any length: they are indexed by their SHA-256 ({@link #hashIndex}). Keys
 * are locked with transaction-scoped advisory locks ({@code pg_advisory_xact_lock} on the key hash; databases with
 * the two-int form, shared or exclusive), which live in shared memory and write nothing to the tables.
 */
final class PostgresDialect implements SqlDialect {

    /** Arbitrary constant identifying trustgate's schema-creation advisory lock. */
    private static final long SCHEMA_LOCK = 0x7472757374676174L;

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public List<String> schema(Tables t) {
        String fk = " NOT NULL REFERENCES " + t.keys() + "(id) ON DELETE CASCADE";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + t.keys() + " (id BIGINT PRIMARY KEY, db INT NOT NULL,"
                        + " name BYTEA NOT NULL, type VARCHAR(8) NOT NULL, expire_at_ms BIGINT,"
                        + " stamp BIGINT NOT NULL)",
                hashIndex(t.keys(), "db", "name"),
                "CREATE INDEX IF NOT EXISTS " + t.keys() + "_db_id ON " + t.keys() + " (db, id)",
                "CREATE INDEX IF NOT EXISTS " + t.keys() + "_expiry ON " + t.keys() + " (expire_at_ms)"
                        + " WHERE expire_at_ms IS NOT NULL",
                "CREATE TABLE IF NOT EXISTS " + t.strings() + " (key_id BIGINT PRIMARY KEY REFERENCES " + t.keys()
                        + "(id) ON DELETE CASCADE, value BYTEA NOT NULL)",
                "CREATE TABLE IF NOT EXISTS " + t.hashes() + " (key_id BIGINT" + fk + ", field BYTEA NOT NULL,"
                        + " value BYTEA NOT NULL)",
                hashIndex(t.hashes(), "key_id", "field"),
                "CREATE TABLE IF NOT EXISTS " + t.lists() + " (key_id BIGINT" + fk + ", idx BIGINT NOT NULL,"
                        + " value BYTEA NOT NULL, PRIMARY KEY (key_id, idx))",
                "CREATE TABLE IF NOT EXISTS " + t.sets() + " (key_id BIGINT" + fk + ", member BYTEA NOT NULL)",
                hashIndex(t.sets(), "key_id", "member"),
                "CREATE TABLE IF NOT EXISTS " + t.zsets() + " (key_id BIGINT" + fk + ", member BYTEA NOT NULL,"
                        + " score DOUBLE PRECISION, score_bits BIGINT NOT NULL)",
                hashIndex(t.zsets(), "key_id", "member"),
                SqlDialect.readableView(t, PostgresDialect::text, "CAST(NULL AS TEXT)", "TEXT"));
    }

    /**
     * The unique index of a table's names: {@code (lead, sha256(column))}. A B-tree entry holds at most about 2700
     * bytes, so the names themselves are not indexed; the 32-byte hash is, and every lookup compares the hash,
     * then the bytes ({@link #bytesMatch}). Two names with one SHA-256 cannot both be stored (none is known).
     */
    private static String hashIndex(String table, String lead, String column) {
        return "CREATE UNIQUE INDEX IF NOT EXISTS " + table + "_" + lead + "_" + column + "_hash ON " + table
                + " (" + lead + ", sha256(" + column + "))";
    }

    /** By the unique index on the name's SHA-256, then the bytes themselves. */
    @Override
    public String bytesMatch(String column, String value) {
        return "sha256(" + column + ") = sha256(" + value + ") AND " + column + " = " + value;
    }

    @Override
    public int bytesEqualBinds() {
        return 2;
    }

    /** The expression index on {@code sha256(column)} after {@code key_id} orders a collection's rows for paging. */
    @Override
    public String childHash(String column) {
        return "sha256(" + column + ")";
    }

    @Override
    public String uniqueBytes(String column) {
        return "sha256(" + column + ")";
    }

    @Override
    public Array namesArray(Connection c, List<byte[]> names) throws SQLException {
        return c.createArrayOf("bytea", names.toArray(new byte[0][]));
    }

    /**
     * Tables of versions before the hash indexes have {@code UNIQUE (db, name)} on keys and
     * {@code PRIMARY KEY (key_id, field|member)} on hashes, sets and zsets, which indexed the names themselves:
     * build the hash index beside each (the data stays in place) and drop the old constraint.
     */
    @Override
    public void upgrade(Handle h, Tables t) {
        String[][] tables = {{t.keys(), "db", "name", "u"}, {t.hashes(), "key_id", "field", "p"},
                {t.sets(), "key_id", "member", "p"}, {t.zsets(), "key_id", "member", "p"}};
        for (String[] x : tables) {
            String constraint = h.createQuery("SELECT conname FROM pg_constraint"
                            + " WHERE conrelid = to_regclass(:t) AND contype = CAST(:type AS \"char\")")
                    .bind("t", x[0]).bind("type", x[3]).mapTo(String.class).findOne().orElse(null);
            if (constraint != null) {
                h.execute(hashIndex(x[0], x[1], x[2]));
                h.execute("ALTER TABLE " + x[0] + " DROP CONSTRAINT " + constraint);
            }
        }
    }

    /** Bytes as text: UTF-8/ASCII shown as is, other bytes as octal escapes (never fails, unlike convert_from). */
    private static String text(String column) {
        return "encode(" + column + ", 'escape')";
    }

    /** {@code double precision} holds every score, infinities included, in Redis's order. */
    @Override
    public String sortedSetOrder(boolean reverse) {
        return reverse ? "score DESC, member DESC" : "score, member";
    }

    @Override
    public String random() {
        return "random()";
    }

    @Override
    public void lockSchema(Handle h) {
        h.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
    }

    @Override
    public void createStampSequence(Handle h, Tables t, long floor) {
        h.execute("CREATE SEQUENCE IF NOT EXISTS " + t.stamps() + " INCREMENT BY " + StampSource.BLOCK
                + " MINVALUE 1 START WITH " + (floor + 1));
    }

    @Override
    public long nextStampBlock(Handle h, Tables t) {
        return h.createQuery("SELECT nextval('" + t.stamps() + "')").mapTo(Long.class).one();
    }

    @Override
    public Map<String, String> driverProperties() {
        // server-side prepared statements from the first use (the default waits for 5), cached per connection
        return Map.of("prepareThreshold", "1", "preparedStatementCacheQueries", "256");
    }

    @Override
    public boolean lockKey(Handle h, Tables t, int db, long keyHash, boolean database, boolean wait) {
        var q = h.createQuery(lockKeySql(database, wait));
        Object[] args = lockKeyArgs(t, db, keyHash, database);
        for (int i = 0; i < args.length; i++) {
            q.bind(i, args[i]);
        }
        return q.map((rs, ctx) -> wait || rs.getBoolean(1)).one();
    }

    @Override
    public String lockKeySql(boolean database, boolean wait) {
        if (wait) {
            return database ? "SELECT pg_advisory_xact_lock_shared(?, ?), pg_advisory_xact_lock(?)"
                    : "SELECT pg_advisory_xact_lock(?)";
        }
        return database ? "SELECT pg_try_advisory_xact_lock_shared(?, ?) AND pg_try_advisory_xact_lock(?)"
                : "SELECT pg_try_advisory_xact_lock(?)";
    }

    @Override
    public Object[] lockKeyArgs(Tables t, int db, long keyHash, boolean database) {
        return database ? new Object[] {space(t), db, keyHash} : new Object[] {keyHash};
    }

    @Override
    public boolean locksWithoutWaiting() {
        return true;
    }

    @Override
    public boolean lockDatabase(Handle h, Tables t, int db, boolean wait) {
        return h.createQuery(wait ? "SELECT pg_advisory_xact_lock(:space, :db)"
                        : "SELECT pg_try_advisory_xact_lock(:space, :db)")
                .bind("space", space(t)).bind("db", db).map((rs, ctx) -> wait || rs.getBoolean(1)).one();
    }

    /** The advisory-lock space of this prefix's database locks. */
    private static int space(Tables t) {
        return t.keys().hashCode();
    }

    @Override
    public void beginWrite(Handle h) {
        h.begin(); // pgjdbc sends BEGIN with the first statement: no round trip of its own
    }

    @Override
    public void beginSnapshot(Handle h) {
        h.begin();
        h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }

    @Override
    public void commit(Handle h) {
        h.commit();
    }

    @Override
    public void rollback(Handle h) {
        h.rollback();
    }

    @Override
    public boolean writableCte() {
        return true;
    }

    @Override
    public String insertIgnoring(String table, String columns, String values) {
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT DO NOTHING";
    }

    /** {@code float8send} gives the double's 8 bytes, big-endian; read as a 64-bit two's complement integer. */
    @Override
    public String doubleBits(String score) {
        return "CAST(CAST('x' || encode(float8send(" + score + "), 'hex') AS BIT(64)) AS BIGINT)";
    }

    @Override
    public Object readableScore(double score) {
        return score;
    }
}
