package io.trustgate.translators.redis.sql;

import org.jdbi.v3.core.Handle;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What differs between PostgreSQL and MariaDB: column types, the DDL, how a concurrent first start is kept from
 * racing, how a score that the database cannot hold is shown, how keys are locked, how transactions begin and end
 * with the fewest round trips, and driver settings. Every statement that reads or writes Redis data is written
 * once, in portable SQL, in {@link SqlKeyspace}, {@link ValueRows}, {@link CollectionRows} and
 * {@link SqlKeyspaceEngine}.
 */
interface SqlDialect {

    /** Short name for logs and thread names. */
    String name();

    /** Statements that create the schema if it does not exist; idempotent, run in order in one transaction. */
    List<String> schema(Tables t);

    /** Called first in the schema transaction: serializes concurrent schema creation across gateways. */
    void lockSchema(Handle h);

    /** Creates the stamp sequence if missing, starting above {@code floor} (the highest stamp in use). */
    void createStampSequence(Handle h, Tables t, long floor);

    /** The first stamp of a new block of {@link StampSource#BLOCK} stamps. */
    long nextStampBlock(Handle h, Tables t);

    /** JDBC driver properties: server-side prepared statements and their cache. */
    Map<String, String> driverProperties();

    /**
     * Locks one key (by its {@link #lockId}, passed as {@code keyHash}) until the transaction ends, and with {@code database} also takes the shared
     * lock of database {@code db}. With {@code wait} false a dialect may answer false instead of waiting for a
     * lock that is taken (PostgreSQL, whose deadlock detector waits {@code deadlock_timeout} first); a dialect
     * whose database detects deadlocks at once may always wait. Deadlocks are retried by the engine.
     */
    boolean lockKey(Handle h, Tables t, int db, long keyHash, boolean database, boolean wait);

    /** What a key's 64-bit hash locks: the hash itself, or the stripe it falls into where locks are striped. */
    default long lockId(long keyHash) {
        return keyHash;
    }

    /**
     * The statement that {@link #lockKey} runs, with positional parameters {@link #lockKeyArgs}, if it can be sent
     * together with the statement after it in one round trip (and, with {@code wait} false, answers one boolean
     * column); null when the driver cannot (then {@link #lockKey} runs on its own).
     */
    default String lockKeySql(boolean database, boolean wait) {
        return null;
    }

    default Object[] lockKeyArgs(Tables t, int db, long keyHash, boolean database) {
        throw new UnsupportedOperationException();
    }

    /**
     * Whether {@link #lockKey} with {@code wait} false really answers at once instead of waiting: then units may
     * share a transaction ({@link WriteGroups}), since a group never waits while it holds locks. MariaDB always
     * waits and leaves deadlocks to InnoDB, whose victims would be whole groups: there each unit commits alone.
     */
    default boolean locksWithoutWaiting() {
        return false;
    }

    /** Takes database {@code db}'s lock exclusively until the transaction ends; {@code wait} as for keys. */
    boolean lockDatabase(Handle h, Tables t, int db, boolean wait);

    /** Starts a READ COMMITTED read-write transaction (the pool's default level). */
    void beginWrite(Handle h);

    /** Starts a REPEATABLE READ read-only transaction: one snapshot for every statement. */
    void beginSnapshot(Handle h);

    void commit(Handle h);

    void rollback(Handle h);

    /** Whether one statement may change two tables (PostgreSQL's data-modifying {@code WITH}): saves round trips. */
    default boolean writableCte() {
        return false;
    }

    /** {@code INSERT ... } that skips a row whose primary key exists; the update count says which were new. */
    String insertIgnoring(String table, String columns, String values);

    /**
     * The ORDER BY list that sorts a key's {@code zsets} rows by (score, member) as Redis does, or the reverse;
     * exact even where {@code score} cannot hold an infinity ({@code score_bits} then decides).
     */
    String sortedSetOrder(boolean reverse);

    /**
     * A condition on a {@code zsets} row: its score is at least {@code bound} (with {@code lower}; at most without),
     * strictly when {@code exclusive}. The condition compares with the named parameter {@code :param}, to be bound
     * to {@code bound}, if it names it; it is exact for infinite scores and bounds (never NaN).
     */
    default String scoreBound(boolean lower, double bound, boolean exclusive, String param) {
        return "score " + (lower ? ">" : "<") + (exclusive ? "" : "=") + " :" + param;
    }

    /**
     * A condition true for a bytes column whose value ORDER BY would compare only in part (MariaDB sorts a BLOB by
     * its first {@code max_sort_length} bytes), or null when ORDER BY always compares whole values.
     */
    default String sortPrefixExceeded(String column) {
        return null;
    }

    /**
     * The column that indexes {@code column} (a hash field or member) by a hash of it, in the child table's
     * primary key after {@code key_id} (MariaDB) or an expression index (PostgreSQL), or null when there is none; HSCAN/SSCAN/ZSCAN page in its order
     * ({@link ScanRows}).
     */
    default String childHash(String column) {
        return null;
    }

    /** A random number per row, for ORDER BY. */
    String random();

    /**
     * A condition that a bytes column (a key name, hash field or member) equals the SQL expression {@code value}
     * (a parameter marker or another column), which may be repeated in it: every comparison of names goes through
     * here, so that a dialect can look them up by an index of their hashes. The default compares the bytes.
     */
    default String bytesMatch(String column, String value) {
        return column + " = " + value;
    }

    /**
     * A condition that a bytes column equals the bytes bound to the next {@link #bytesEqualBinds} positional
     * parameters (bind the same bytes to each).
     */
    default String bytesEqual(String column) {
        return bytesMatch(column, "?");
    }

    /** How many times {@link #bytesMatch} repeats its value (and so how often a name is bound). */
    default int bytesEqualBinds() {
        return 1;
    }

    /**
     * A condition that {@code column} is one of {@code n} positional byte-string parameters (one bind each). It
     * may also match rows whose column is none of them (a hash collision); callers compare what they read.
     */
    default String bytesIn(String column, int n) {
        return column + " IN (?" + ", ?".repeat(n - 1) + ")";
    }

    /** As {@link #bytesEqual(String)}, for the named parameter {@code :param} (which may then occur twice). */
    default String bytesEqual(String column, String param) {
        return bytesMatch(column, ":" + param);
    }

    /** What a unique index on a bytes column indexes ({@code ON CONFLICT} targets name it the same way). */
    default String uniqueBytes(String column) {
        return column;
    }

    /**
     * Many names bound as one array parameter, for {@link SqlKeyspace#rowsStatement}: then that statement looks
     * each name up on its own ({@code unnest} and a lateral lookup by the unique index), one plan for any number
     * of names; null (the default) binds each name as its own parameter of an IN list.
     */
    default Array namesArray(Connection c, List<byte[]> names) throws SQLException {
        return null;
    }

    /**
     * The positional arguments of a key lookup {@code ... [x.<name> matches arg] ... k.db = db AND k.name matches
     * key}: {@code arg} (when not null) and {@code key} each as often as {@link #bytesEqualBinds} says.
     */
    static Object[] probeArgs(SqlDialect d, byte[] arg, int db, byte[] key) {
        int n = d.bytesEqualBinds();
        Object[] args = new Object[(arg == null ? 0 : n) + 1 + n];
        int i = 0;
        for (int j = 0; arg != null && j < n; j++) {
            args[i++] = arg;
        }
        args[i++] = db;
        for (int j = 0; j < n; j++) {
            args[i++] = key;
        }
        return args;
    }

    /** Brings tables created by an older version to this version's schema; runs before {@link #schema}. */
    default void upgrade(Handle h, Tables t) {
    }

    /**
     * A BIGINT expression of the IEEE bits of the DOUBLE PRECISION expression {@code score} (as Java's
     * {@code doubleToLongBits}), or null where the database cannot compute it or its doubles are not IEEE doubles
     * holding infinities; then sorted-set scores are never computed in SQL ({@link ScoreFold}).
     */
    default String doubleBits(String score) {
        return null;
    }

    /** The readable copy of a score for the {@code score} column (the exact score is in {@code score_bits}). */
    Object readableScore(double score);

    /**
     * The {@code readable} view: one row per string, hash field, list element, set member and sorted-set member,
     * with key, field and value shown as text. {@code text} turns a bytes column into text in this dialect,
     * {@code noField} is this dialect's typed NULL text and {@code textType} its text type for CASTs.
     */
    static String readableView(Tables t, UnaryOperator<String> text, String noField, String textType) {
        return "CREATE OR REPLACE VIEW " + t.readable() + " AS"
                + viewRow(t, text, noField, text.apply("s.value"), t.strings() + " s")
                + " UNION ALL" + viewRow(t, text, text.apply("h.field"), text.apply("h.value"), t.hashes() + " h")
                + " UNION ALL" + viewRow(t, text, "CAST(l.idx AS " + textType + ")", text.apply("l.value"),
                        t.lists() + " l")
                + " UNION ALL" + viewRow(t, text, noField, text.apply("m.member"), t.sets() + " m")
                + " UNION ALL" + viewRow(t, text, text.apply("z.member"), "CAST(z.score AS " + textType + ")",
                        t.zsets() + " z");
    }

    private static String viewRow(Tables t, UnaryOperator<String> text, String field, String value, String from) {
        String alias = from.substring(from.lastIndexOf(' ') + 1);
        return " SELECT k.db, " + text.apply("k.name") + " AS key_text, k.type, k.expire_at_ms, " + field
                + " AS field_text, " + value + " AS value_text FROM " + t.keys() + " k JOIN " + from
                + " ON " + alias + ".key_id = k.id";
    }
}
