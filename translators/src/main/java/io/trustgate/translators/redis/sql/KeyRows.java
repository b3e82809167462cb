package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.StringValue;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key rows one unit of work reads in one database ({@link SqlKeyspace}): each key's row is read once and
 * cached ({@link KeyRow}); in a WRITE unit the key is locked first ({@link SqlTransaction#lockKey}). A string's
 * value, or the one field or member a single-field read (HGET, SISMEMBER, ZSCORE) asks for, comes in the same
 * statement as the row. New keys' rows and new stamps are written here, held back where the dialect allows.
 */
final class KeyRows {

    /** A field or member read together with the key row: its table, match, and two columns {@code read} reads. */
    private record Probe(String table, String columns, String match, ProbeReader read) {
    }

    @FunctionalInterface
    private interface ProbeReader {
        Object read(ResultSet rs, int firstColumn) throws SQLException;
    }

    private static final String VALUE_COLUMNS = "OCTET_LENGTH(x.value), x.value";
    private static final ProbeReader VALUE = (rs, c) -> ValueRows.readValue(rs, c, c + 1);
    private static final ProbeReader PRESENT = (rs, c) -> {
        rs.getLong(c);
        return rs.wasNull() ? null : Boolean.TRUE;
    };
    private static final ProbeReader SCORE = (rs, c) -> {
        long bits = rs.getLong(c);
        return rs.wasNull() ? null : Double.longBitsToDouble(bits);
    };

    private final SqlTransaction tx;
    private final int db;
    private final Map<ByteBuffer, KeyRow> cache = new HashMap<>();
    private final Probe stringProbe;

    KeyRows(SqlTransaction tx, int db) {
        this.tx = tx;
        this.db = db;
        this.stringProbe = new Probe(tx.tables.strings(), VALUE_COLUMNS, "", VALUE);
    }

    /** The live row of {@code key}, or {@link KeyRow#ABSENT}; in a WRITE unit the key is locked first. */
    KeyRow row(byte[] key) {
        return (KeyRow) probe(key, stringProbe, null);
    }

    /**
     * Looks {@code key} up and, in the same statement when the row is not cached yet, reads one field or member
     * of its collection; returns what {@code p} read (null when absent or when the key holds another type).
     */
    private Object probe(byte[] key, Probe p, byte[] arg) {
        tx.check();
        ByteBuffer k = ByteBuffer.wrap(key);
        KeyRow cached = cache.get(k);
        if (cached != null) {
            if (p == stringProbe) {
                return cached;
            }
            if (cached == KeyRow.ABSENT || !p.table().equals(tx.tables.child(cached.type))) {
                return null;
            }
            Object[] args = new Object[1 + tx.dialect.bytesEqualBinds()];
            args[0] = cached.id;
            java.util.Arrays.fill(args, 1, args.length, arg);
            // with the writes held back so far, in one round trip (a unit after another on the key in a group)
            List<Object> found = tx.select("SELECT " + p.columns() + " FROM " + p.table() + " x"
                    + " WHERE x.key_id = ?" + p.match(), args, rs -> p.read().read(rs, 1));
            cached.know(arg, !found.isEmpty());
            return found.isEmpty() ? null : found.get(0);
        }
        Object[] probed = {null};
        KeyRow found;
        Prefetch.Row prefetched = tx.prefetched(db, key, p == stringProbe);
        if (prefetched != null) {
            found = prefetched.row();
            probed[0] = prefetched.value();
        } else {
            // a write unit that holds writes back also reads a list's bounds, so a push needs no statement of its own
            boolean bounds = p == stringProbe && tx.defers();
            String sql = "SELECT k.id, k.type, k.expire_at_ms, k.stamp, " + p.columns()
                    + (bounds ? ", b.lo, b.hi" : "") + " FROM " + tx.tables.keys()
                    + " k LEFT JOIN " + p.table() + " x ON x.key_id = k.id" + p.match()
                    + (bounds ? " LEFT JOIN LATERAL (SELECT MIN(l.idx) AS lo, MAX(l.idx) AS hi FROM "
                            + tx.tables.lists() + " l WHERE l.key_id = k.id AND k.type = 'list') b ON TRUE" : "")
                    + " WHERE k.db = ? AND " + tx.dialect.bytesEqual("k.name");
            Object[] args = SqlDialect.probeArgs(tx.dialect, arg, db, key);
            found = tx.lockAndSelectOne(db, key, sql, args, rs -> {
                KeyRow row = readRow(rs, 1);
                probed[0] = p.read().read(rs, 5);
                if (bounds) {
                    long lo = rs.getLong(7);
                    if (!rs.wasNull()) {
                        row.head = lo;
                        row.tail = rs.getLong(8);
                    }
                }
                return row;
            });
        }
        if (found != null && p == stringProbe && probed[0] != null) {
            found.value = new StringValue((byte[]) probed[0]);
        }
        KeyRow r = found == null ? KeyRow.ABSENT : found;
        if (r != KeyRow.ABSENT && r.expireAt != Entry.NO_EXPIRY && tx.nowMillis() > r.expireAt) {
            if (tx.write) {
                deleteRow(r.id);
            }
            r = KeyRow.ABSENT;
            probed[0] = null;
        }
        cache.put(k, r);
        if (p != stringProbe && r != KeyRow.ABSENT && p.table().equals(tx.tables.child(r.type))) {
            r.know(arg, probed[0] != null);
        }
        return p == stringProbe ? r : probed[0];
    }

    /** HGET's read: the field's value, or null. */
    byte[] hashField(byte[] key, byte[] field) {
        return (byte[]) probe(key, new Probe(tx.tables.hashes(), VALUE_COLUMNS,
                " AND " + tx.dialect.bytesEqual("x.field"), VALUE), field);
    }

    /** SISMEMBER's read. */
    boolean setMember(byte[] key, byte[] member) {
        return probe(key, new Probe(tx.tables.sets(), "x.key_id, x.key_id",
                " AND " + tx.dialect.bytesEqual("x.member"), PRESENT), member) != null;
    }

    /** ZSCORE's read: the member's score, or null. */
    Double sortedSetScore(byte[] key, byte[] member) {
        return (Double) probe(key, new Probe(tx.tables.zsets(), "x.score_bits, x.score_bits",
                " AND " + tx.dialect.bytesEqual("x.member"), SCORE), member);
    }

    /** The key row in columns {@code first..first+3} (id, type, expire_at_ms, stamp) of the current row. */
    static KeyRow readRow(ResultSet rs, int first) throws SQLException {
        long expire = rs.getLong(first + 2);
        if (rs.wasNull()) {
            expire = Entry.NO_EXPIRY;
        }
        return new KeyRow(rs.getLong(first), rs.getString(first + 1), expire, rs.getLong(first + 3));
    }

    /**
     * The statement that reads the rows and string values of up to {@code n} keys of one database at once, as
     * {@link #row} reads one: parameters db, then {@code n} names; columns name, the key row, then
     * {@code OCTET_LENGTH(value), value} ({@link Prefetch}).
     */
    static String rowsStatement(Tables t, SqlDialect dialect, int n) {
        return "SELECT k.name, k.id, k.type, k.expire_at_ms, k.stamp, " + VALUE_COLUMNS + " FROM " + t.keys()
                + " k LEFT JOIN " + t.strings() + " x ON x.key_id = k.id WHERE k.db = ? AND "
                + dialect.bytesIn("k.name", n);
    }

    /**
     * As {@link #rowsStatement}, for dialects that bind the names as one array ({@link SqlDialect#namesArray}):
     * parameters the array, then db. Each name is looked up on its own, by equality on every column of the
     * unique index, in a lateral subquery that LIMIT keeps from being merged into a join: the plan is a loop of
     * index lookups whatever the table's statistics say, and one statement text serves any number of names.
     * (An IN list planned while the tables were empty kept a scan of the whole database once they had grown.)
     */
    static String rowsByArrayStatement(Tables t, SqlDialect dialect) {
        return "SELECT n.name, k.id, k.type, k.expire_at_ms, k.stamp, k.len, k.value"
                + " FROM unnest(CAST(? AS BYTEA[])) AS n(name) CROSS JOIN LATERAL (SELECT k.id, k.type,"
                + " k.expire_at_ms, k.stamp, OCTET_LENGTH(x.value) AS len, x.value FROM " + t.keys() + " k LEFT JOIN "
                + t.strings() + " x ON x.key_id = k.id WHERE k.db = ? AND " + dialect.bytesMatch("k.name", "n.name")
                + " LIMIT 1) k";
    }

    /**
     * Takes over the rows {@code earlier} (this database in the unit before, in the same write group) knows,
     * except those with an expiry, which are read again at this unit's clock ({@link SqlTransaction#inherit}).
     */
    void adopt(KeyRows earlier) {
        earlier.cache.forEach((k, r) -> {
            if (r == KeyRow.ABSENT || r.expireAt == Entry.NO_EXPIRY) {
                cache.put(k, r);
            }
        });
    }

    /** Caches {@code r} as the row of {@code key} for the rest of the unit. */
    void cache(byte[] key, KeyRow r) {
        cache.put(ByteBuffer.wrap(key), r);
    }

    /** Forgets every row (FLUSHDB emptied the database). */
    void clear() {
        cache.clear();
    }

    void forget(byte[] key) {
        cache.put(ByteBuffer.wrap(key), KeyRow.ABSENT);
    }

    void deleteRow(long id) {
        tx.update("DELETE FROM " + tx.tables.keys() + " WHERE id = :id").bind("id", id).execute();
    }

    /**
     * Creates the row of a new key of {@code type} without expiry and without values; caches it. The insert is
     * held back where the dialect allows ({@link SqlTransaction#updateDeferred}), as is {@link #touch}'s.
     */
    KeyRow create(byte[] key, String type) {
        long stamp = tx.nextStamp();
        tx.updateDeferred("INSERT INTO " + tx.tables.keys() + " (id, db, name, type, expire_at_ms, stamp)"
                + " VALUES (?, ?, ?, ?, NULL, ?)", stamp, db, key, type, stamp);
        KeyRow r = new KeyRow(stamp, type, Entry.NO_EXPIRY, stamp);
        r.stamped = true;
        cache.put(ByteBuffer.wrap(key), r);
        return r;
    }

    /**
     * Gives a key changed in place a new stamp, once per unit; drops its cached whole value and what the unit
     * knew of which fields or members exist ({@link KeyRow#known}).
     */
    void touch(KeyRow r) {
        r.value = null;
        r.forgetKnown();
        if (r.stamped) {
            return;
        }
        long stamp = tx.nextStamp();
        tx.updateDeferred("UPDATE " + tx.tables.keys() + " SET stamp = ? WHERE id = ?", stamp, r.id);
        r.stamp = stamp;
        r.stamped = true;
    }
}
