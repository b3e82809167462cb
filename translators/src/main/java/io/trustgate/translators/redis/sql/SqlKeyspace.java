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
import io.trustgate.redis.spi.ValueType;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One database seen from one unit of work. A key's row is read once per unit and cached ({@link KeyRow}); in a
 * WRITE unit the key is locked first ({@link SqlTransaction#lockKey}). Every write goes to the database at once,
 * so the unit's own queries (SCAN, DBSIZE) see it. An expired key reads as absent; a WRITE unit also deletes it.
 *
 * <p>The rows themselves are read, cached and created by {@link KeyRows}: the row lookup reads a string's value in
 * the same statement, and the single-field reads (HGET, SISMEMBER, ZSCORE) read their field in it too, so each of
 * them is one statement. Whole-value writes are in
 * {@link ValuePuts}, the field, element and member writes in {@link CollectionRows}, and the reads and edits that
 * work on part of a collection in {@link RankedRows}, {@link RangeRows}, {@link ListEdits} and {@link ScanRows}.
 */
final class SqlKeyspace implements Keyspace {

    final SqlTransaction tx;
    final int db;
    final KeyRows rows;
    private final CollectionRows collections;

    SqlKeyspace(SqlTransaction tx, int db) {
        this.tx = tx;
        this.db = db;
        this.rows = new KeyRows(tx, db);
        this.collections = new CollectionRows(this);
    }

    /** The live row of {@code key}, or {@link KeyRow#ABSENT}; in a WRITE unit the key is locked first. */
    KeyRow row(byte[] key) {
        return rows.row(key);
    }

    /** Takes over the rows {@code earlier} knows ({@link KeyRows#adopt}). */
    void adopt(SqlKeyspace earlier) {
        rows.adopt(earlier.rows);
    }

    /** Caches {@code r} as the row of {@code key} for the rest of the unit. */
    void cache(byte[] key, KeyRow r) {
        rows.cache(key, r);
    }

    void forget(byte[] key) {
        rows.forget(key);
    }

    void deleteRow(long id) {
        rows.deleteRow(id);
    }

    /** Creates the row of a new key of {@code type} ({@link KeyRows#create}). */
    KeyRow create(byte[] key, String type) {
        return rows.create(key, type);
    }

    /** Gives a key changed in place a new stamp, once per unit ({@link KeyRows#touch}). */
    void touch(KeyRow r) {
        rows.touch(r);
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
        rows.clear();
    }

    // ------------------------------------------------------------------ field, element and member operations

    @Override
    public byte[] hashGet(byte[] key, byte[] field) {
        return rows.hashField(key, field);
    }

    @Override
    public boolean setContains(byte[] key, byte[] member) {
        return rows.setMember(key, member);
    }

    @Override
    public Double sortedSetScore(byte[] key, byte[] member) {
        return rows.sortedSetScore(key, member);
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
