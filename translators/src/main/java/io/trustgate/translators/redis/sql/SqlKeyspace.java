package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.ElementPage;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ScanPage;
import io.trustgate.redis.spi.SetAlgebra;
import io.trustgate.redis.spi.SortedSetAlgebra;
import io.trustgate.redis.spi.SortedSetRange;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.StringValue;
import io.trustgate.redis.spi.ValueType;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One database seen from one unit of work. A key's row is read once per unit and cached ({@link KeyRow}); in a
 * WRITE unit the key is locked first ({@link SqlTransaction#lockKey}). Every write goes to the database at once,
 * so the unit's own queries (SCAN, DBSIZE) see it. An expired key reads as absent; a WRITE unit also deletes it.
 *
 * <p>The row lookup reads a string's value in the same statement, and the single-field reads (HGET, SISMEMBER,
 * ZSCORE) read their field in it too, so each of them is one statement. Whole-value writes are in
 * {@link ValuePuts}, the field, element and member writes in {@link CollectionRows}, and the reads and edits that
 * work on part of a collection in {@link RankedRows}, {@link RangeRows}, {@link ListEdits} and {@link ScanRows}.
 */
final class SqlKeyspace implements Keyspace {

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

    final SqlTransaction tx;
    final int db;
    private final Map<ByteBuffer, KeyRow> cache = new HashMap<>();
    private final CollectionRows collections;
    private final Probe stringProbe;

    SqlKeyspace(SqlTransaction tx, int db) {
        this.tx = tx;
        this.db = db;
        this.collections = new CollectionRows(this);
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
    void adopt(SqlKeyspace earlier) {
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

    @Override
    public Entry get(byte[] key) {
        KeyRow r = row(key);
        if (r == KeyRow.ABSENT) {
            return null;
        }
        if (r.value == null) {
            r.value = tx.rows.load(r.id, r.type);
        }
        return new Entry(r.value, r.expireAt, r.stamp);
    }

    @Override
    public boolean exists(byte[] key) {
        return row(key) != KeyRow.ABSENT;
    }

    @Override
    public ValueType type(byte[] key) {
        KeyRow r = row(key);
        return r == KeyRow.ABSENT ? null : typeOf(r.type);
    }

    @Override
    public Long expiry(byte[] key) {
        KeyRow r = row(key);
        return r == KeyRow.ABSENT ? null : r.expireAt;
    }

    @Override
    public long stamp(byte[] key) {
        KeyRow r = row(key);
        return r == KeyRow.ABSENT ? Entry.ABSENT_STAMP : r.stamp;
    }

    private static ValueType typeOf(String stored) {
        for (ValueType t : ValueType.values()) {
            if (t.redisName().equals(stored)) {
                return t;
            }
        }
        throw new IllegalStateException("unknown stored type '" + stored + "'");
    }

    @Override
    public void put(byte[] key, KeyspaceValue value, long expireAt) {
        new ValuePuts(this).put(key, value, expireAt);
    }

    @Override
    public boolean setExpiry(byte[] key, long expireAt) {
        KeyRow r = row(key);
        if (r == KeyRow.ABSENT) {
            return false;
        }
        long stamp = tx.nextStamp();
        tx.update("UPDATE " + tx.tables.keys() + " SET expire_at_ms = :expire, stamp = :stamp WHERE id = :id")
                .bind("expire", expireAt == Entry.NO_EXPIRY ? null : expireAt).bind("stamp", stamp)
                .bind("id", r.id).execute();
        r.expireAt = expireAt;
        r.stamp = stamp;
        r.stamped = true;
        return true;
    }

    @Override
    public boolean delete(byte[] key) {
        KeyRow r = row(key);
        if (r == KeyRow.ABSENT) {
            return false;
        }
        tx.nextStamp(); // refuses a delete inside a READ unit
        deleteRow(r.id);
        forget(key);
        return true;
    }

    /** Cursors are key ids: a key keeps its id while it exists, so a full iteration sees every stable key. */
    @Override
    public ScanPage scan(long cursor, int count) {
        return scan(cursor, count, (String) null);
    }

    /** With TYPE: the kind is one more condition of the page's statement, so a page holds up to count such keys. */
    @Override
    public ScanPage scan(long cursor, int count, ValueType type) {
        return scan(cursor, count, type.redisName());
    }

    private ScanPage scan(long cursor, int count, String type) {
        tx.lockDatabase(db);
        int limit = Math.max(1, Math.min(count, 10_000));
        long[] last = {0};
        var q = tx.query("SELECT id, name FROM " + tx.tables.keys()
                        + " WHERE db = :db AND id > :cursor AND (expire_at_ms IS NULL OR expire_at_ms >= :now)"
                        + (type == null ? "" : " AND type = :type") + " ORDER BY id LIMIT " + limit)
                .bind("db", db).bind("cursor", Math.max(0, cursor)).bind("now", tx.nowMillis());
        if (type != null) {
            q.bind("type", type);
        }
        List<byte[]> keys = q.map((rs, ctx) -> {
            last[0] = rs.getLong(1);
            return rs.getBytes(2);
        }).list();
        long next = keys.size() < limit ? 0 : last[0];
        return new ScanPage(next, keys);
    }

    @Override
    public byte[] randomKey() {
        tx.lockDatabase(db);
        long[] range = tx.query("SELECT MIN(id), MAX(id) FROM " + tx.tables.keys() + " WHERE db = :db")
                .bind("db", db).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        if (range[1] == 0) {
            return null;
        }
        long pick = range[0] + ThreadLocalRandom.current().nextLong(range[1] - range[0] + 1);
        String sql = "SELECT name FROM " + tx.tables.keys() + " WHERE db = :db AND id >= :from"
                + " AND (expire_at_ms IS NULL OR expire_at_ms >= :now) ORDER BY id LIMIT 1";
        byte[] found = tx.query(sql).bind("db", db).bind("from", pick).bind("now", tx.nowMillis())
                .mapTo(byte[].class).findOne().orElse(null);
        return found != null ? found : tx.query(sql).bind("db", db).bind("from", 0L).bind("now", tx.nowMillis())
                .mapTo(byte[].class).findOne().orElse(null);
    }

    @Override
    public long size() {
        tx.lockDatabase(db);
        return tx.query("SELECT COUNT(*) FROM " + tx.tables.keys() + " WHERE db = :db")
                .bind("db", db).mapTo(Long.class).one();
    }

    @Override
    public void clear() {
        tx.check();
        tx.lockDatabase(db);
        tx.nextStamp();
        tx.update("DELETE FROM " + tx.tables.keys() + " WHERE db = :db").bind("db", db).execute();
        cache.clear();
    }

    // ------------------------------------------------------------------ field, element and member operations

    @Override
    public byte[] hashGet(byte[] key, byte[] field) {
        return (byte[]) probe(key, new Probe(tx.tables.hashes(), VALUE_COLUMNS, " AND " + tx.dialect.bytesEqual("x.field"), VALUE), field);
    }

    @Override
    public boolean setContains(byte[] key, byte[] member) {
        return probe(key, new Probe(tx.tables.sets(), "x.key_id, x.key_id", " AND " + tx.dialect.bytesEqual("x.member"), PRESENT), member) != null;
    }

    @Override
    public Double sortedSetScore(byte[] key, byte[] member) {
        return (Double) probe(key, new Probe(tx.tables.zsets(), "x.score_bits, x.score_bits", " AND " + tx.dialect.bytesEqual("x.member"), SCORE),
                member);
    }

    @Override
    public long hashPut(byte[] key, List<byte[]> fieldsAndValues) {
        return collections.hashPut(key, fieldsAndValues);
    }

    @Override
    public long hashRemove(byte[] key, List<byte[]> fields) {
        return collections.remove(key, tx.tables.hashes(), "field", fields);
    }

    @Override
    public long hashSize(byte[] key) {
        return collections.size(key, tx.tables.hashes());
    }

    @Override
    public long listPush(byte[] key, boolean head, List<byte[]> elements) {
        return collections.listPush(key, head, elements);
    }

    @Override
    public List<byte[]> listPop(byte[] key, boolean head, long count) {
        return collections.listPop(key, head, count);
    }

    @Override
    public long listLength(byte[] key) {
        return collections.listLength(key);
    }

    @Override
    public List<byte[]> listRange(byte[] key, long from, long to) {
        return collections.listRange(key, from, to);
    }

    @Override
    public long setAdd(byte[] key, List<byte[]> members) {
        return collections.setAdd(key, members);
    }

    @Override
    public long setRemove(byte[] key, List<byte[]> members) {
        return collections.remove(key, tx.tables.sets(), "member", members);
    }

    @Override
    public long setSize(byte[] key) {
        return collections.size(key, tx.tables.sets());
    }

    @Override
    public long sortedSetPut(byte[] key, List<SortedSetValue.Member> members) {
        return collections.sortedSetPut(key, members);
    }

    @Override
    public long sortedSetRemove(byte[] key, List<byte[]> members) {
        return collections.remove(key, tx.tables.zsets(), "member", members);
    }

    @Override
    public long sortedSetSize(byte[] key) {
        return collections.size(key, tx.tables.zsets());
    }

    // ------------------------------------------------ edits in the middle and pops by rank (ListEdits, RankedRows)

    private ListEdits edits() {
        return new ListEdits(this, collections);
    }

    private RankedRows ranked() {
        return new RankedRows(this);
    }

    private RangeRows ranges() {
        return new RangeRows(this, collections, ranked());
    }

    @Override
    public void listSet(byte[] key, long index, byte[] element) {
        edits().set(key, index, element);
    }

    @Override
    public long listInsert(byte[] key, byte[] pivot, byte[] element, boolean after) {
        return edits().insert(key, pivot, element, after);
    }

    @Override
    public long listRemove(byte[] key, long count, byte[] element) {
        return edits().remove(key, count, element);
    }

    @Override
    public void listTrim(byte[] key, long from, long to) {
        edits().trim(key, from, to);
    }

    @Override
    public List<byte[]> setPop(byte[] key, long count) {
        return ranked().setPop(key, count);
    }

    @Override
    public List<SortedSetValue.Member> sortedSetRange(byte[] key, long from, long to, boolean reverse) {
        return ranked().sortedSetRange(key, from, to, reverse);
    }

    @Override
    public List<SortedSetValue.Member> sortedSetPop(byte[] key, boolean max, long count) {
        return ranked().sortedSetPop(key, max, count);
    }

    // ------------------------------------------------------------- sorted sets by score or by member (RangeRows)

    @Override
    public List<SortedSetValue.Member> sortedSetRangeBy(byte[] key, SortedSetRange range, boolean reverse,
                                                        long offset, long limit) {
        return ranges().rangeBy(key, range, reverse, offset, limit);
    }

    @Override
    public long sortedSetCount(byte[] key, SortedSetRange range) {
        return ranges().count(key, range);
    }

    @Override
    public long sortedSetRemoveRange(byte[] key, SortedSetRange range) {
        return ranges().remove(key, range);
    }

    @Override
    public Long sortedSetRank(byte[] key, byte[] member, boolean reverse) {
        return ranges().rank(key, member, reverse);
    }

    // ---------------------------------------------------------------- HSCAN, SSCAN, ZSCAN in pages (ScanRows)

    @Override
    public ElementPage<byte[]> hashScan(byte[] key, long cursor, int count) {
        return tx.dialect.childHash("field") == null ? Keyspace.super.hashScan(key, cursor, count)
                : new ScanRows(this).hashPage(key, cursor, count);
    }

    @Override
    public ElementPage<byte[]> setScan(byte[] key, long cursor, int count) {
        return tx.dialect.childHash("member") == null ? Keyspace.super.setScan(key, cursor, count)
                : new ScanRows(this).setPage(key, cursor, count);
    }

    @Override
    public ElementPage<SortedSetValue.Member> sortedSetScan(byte[] key, long cursor, int count) {
        return tx.dialect.childHash("member") == null ? Keyspace.super.sortedSetScan(key, cursor, count)
                : new ScanRows(this).sortedSetPage(key, cursor, count);
    }

    // ------------------------------------------------------------ SINTER, SUNION, SDIFF, SINTERCARD (SetAlgebraRows)

    @Override
    public List<byte[]> setCombine(SetAlgebra op, List<byte[]> keys) {
        return new SetAlgebraRows(this).combine(op, keys);
    }

    @Override
    public long setInterCard(List<byte[]> keys, long limit) {
        return new SetAlgebraRows(this).interCard(keys, limit);
    }

    @Override
    public long setCombineStore(SetAlgebra op, byte[] destination, List<byte[]> keys) {
        return new SetAlgebraRows(this).store(op, destination, keys);
    }

    // ------------------------------------------- ZUNION, ZINTER, ZDIFF, their STORE forms (SortedSetAlgebraRows)

    @Override
    public SortedSetValue sortedSetCombine(SortedSetAlgebra algebra, List<byte[]> keys, long limit) {
        return new SortedSetAlgebraRows(this).combine(algebra, keys, limit);
    }

    @Override
    public long sortedSetInterCard(List<byte[]> keys, long limit) {
        return new SortedSetAlgebraRows(this).interCard(keys, limit);
    }

    @Override
    public long sortedSetCombineStore(SortedSetAlgebra algebra, byte[] destination, List<byte[]> keys) {
        return new SortedSetAlgebraRows(this).store(algebra, destination, keys);
    }

    // ------------------------------------------------------------------------------ random reads (RankedRows)

    @Override
    public List<byte[]> setRandomMembers(byte[] key, long count) {
        return ranked().setRandomMembers(key, count);
    }

    @Override
    public List<byte[]> hashRandomFields(byte[] key, long count) {
        return ranked().hashRandomFields(key, count);
    }

    @Override
    public List<SortedSetValue.Member> sortedSetRandomMembers(byte[] key, long count) {
        return ranked().sortedSetRandomMembers(key, count);
    }
}
