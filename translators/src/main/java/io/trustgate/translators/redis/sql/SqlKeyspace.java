package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ScanPage;
import io.trustgate.redis.spi.StringValue;
import io.trustgate.redis.spi.ValueType;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One database seen from one unit of work. Every key read is cached for the rest of the unit (a list read, changed
 * in place by a command and stored back, is the same object), and every write goes to the database at once, so
 * the unit's own queries (SCAN, DBSIZE) see it. An expired key reads as absent; a WRITE unit also deletes it.
 */
final class SqlKeyspace implements Keyspace {

    /** A key row; {@code value} is null until loaded. */
    private static final class Row {
        final long id;
        String type;
        long expireAt;
        long stamp;
        KeyspaceValue value;

        Row(long id, String type, long expireAt, long stamp, KeyspaceValue value) {
            this.id = id;
            this.type = type;
            this.expireAt = expireAt;
            this.stamp = stamp;
            this.value = value;
        }
    }

    private static final Row ABSENT = new Row(0, null, 0, 0, null);

    private final SqlTransaction tx;
    private final int db;
    private final Map<ByteBuffer, Row> cache = new HashMap<>();
    private final String live;

    SqlKeyspace(SqlTransaction tx, int db) {
        this.tx = tx;
        this.db = db;
        this.live = " AND (expire_at_ms IS NULL OR expire_at_ms >= " + tx.nowMillis() + ")";
    }

    /** The live row of {@code key} (string value included), or {@link #ABSENT}. */
    private Row row(byte[] key) {
        tx.check();
        ByteBuffer k = ByteBuffer.wrap(key);
        Row r = cache.get(k);
        if (r != null) {
            return r;
        }
        r = tx.handle.createQuery("SELECT k.id, k.type, k.expire_at_ms, k.stamp, s.value FROM "
                        + tx.tables.keys() + " k LEFT JOIN " + tx.tables.strings()
                        + " s ON s.key_id = k.id WHERE k.db = :db AND k.name = :name")
                .bind("db", db).bind("name", key)
                .map((rs, ctx) -> {
                    long expire = rs.getLong(3);
                    if (rs.wasNull()) {
                        expire = Entry.NO_EXPIRY;
                    }
                    byte[] s = rs.getBytes(5);
                    return new Row(rs.getLong(1), rs.getString(2), expire, rs.getLong(4),
                            s == null ? null : new StringValue(s));
                })
                .findOne().orElse(ABSENT);
        if (r != ABSENT && r.expireAt != Entry.NO_EXPIRY && tx.nowMillis() > r.expireAt) {
            if (tx.write) {
                deleteRow(r.id);
            }
            r = ABSENT;
        }
        cache.put(k, r);
        return r;
    }

    private void deleteRow(long id) {
        tx.handle.createUpdate("DELETE FROM " + tx.tables.keys() + " WHERE id = :id").bind("id", id).execute();
    }

    @Override
    public Entry get(byte[] key) {
        Row r = row(key);
        if (r == ABSENT) {
            return null;
        }
        if (r.value == null) {
            r.value = tx.rows.load(r.id, r.type);
        }
        return new Entry(r.value, r.expireAt, r.stamp);
    }

    @Override
    public boolean exists(byte[] key) {
        return row(key) != ABSENT;
    }

    @Override
    public ValueType type(byte[] key) {
        Row r = row(key);
        return r == ABSENT ? null : typeOf(r.type);
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
        Row r = row(key);
        long stamp = tx.nextStamp();
        String type = value.type().redisName();
        Long expire = expireAt == Entry.NO_EXPIRY ? null : expireAt;
        Row next;
        if (r == ABSENT) {
            next = new Row(stamp, type, expireAt, stamp, value);
            tx.handle.createUpdate("INSERT INTO " + tx.tables.keys() + " (id, db, name, type, expire_at_ms, stamp)"
                            + " VALUES (:id, :db, :name, :type, :expire, :stamp)")
                    .bind("id", stamp).bind("db", db).bind("name", key).bind("type", type)
                    .bind("expire", expire).bind("stamp", stamp).execute();
            tx.rows.insert(stamp, value);
        } else {
            next = new Row(r.id, type, expireAt, stamp, value);
            if (value instanceof StringValue && r.type.equals(type)) {
                tx.rows.updateString(r.id, (StringValue) value);
            } else {
                // collections are rewritten whole: the SPI hands back the whole value (see docs/redis-on-sql.md)
                tx.rows.delete(r.id, r.type);
                tx.rows.insert(r.id, value);
            }
            tx.handle.createUpdate("UPDATE " + tx.tables.keys() + " SET type = :type, expire_at_ms = :expire,"
                            + " stamp = :stamp WHERE id = :id")
                    .bind("type", type).bind("expire", expire).bind("stamp", stamp).bind("id", r.id).execute();
        }
        cache.put(ByteBuffer.wrap(key), next);
    }

    @Override
    public boolean setExpiry(byte[] key, long expireAt) {
        Row r = row(key);
        if (r == ABSENT) {
            return false;
        }
        long stamp = tx.nextStamp();
        tx.handle.createUpdate("UPDATE " + tx.tables.keys() + " SET expire_at_ms = :expire, stamp = :stamp"
                        + " WHERE id = :id")
                .bind("expire", expireAt == Entry.NO_EXPIRY ? null : expireAt).bind("stamp", stamp)
                .bind("id", r.id).execute();
        r.expireAt = expireAt;
        r.stamp = stamp;
        return true;
    }

    @Override
    public boolean delete(byte[] key) {
        Row r = row(key);
        if (r == ABSENT) {
            return false;
        }
        tx.nextStamp(); // refuses a delete inside a READ unit
        deleteRow(r.id);
        cache.put(ByteBuffer.wrap(key), ABSENT);
        return true;
    }

    /** Cursors are key ids: a key keeps its id while it exists, so a full iteration sees every stable key. */
    @Override
    public ScanPage scan(long cursor, int count) {
        tx.check();
        int limit = Math.max(1, Math.min(count, 10_000));
        long[] last = {0};
        List<byte[]> keys = tx.handle.createQuery("SELECT id, name FROM " + tx.tables.keys()
                        + " WHERE db = :db AND id > :cursor" + live + " ORDER BY id LIMIT " + limit)
                .bind("db", db).bind("cursor", Math.max(0, cursor))
                .map((rs, ctx) -> {
                    last[0] = rs.getLong(1);
                    return rs.getBytes(2);
                }).list();
        long next = keys.size() < limit ? 0 : last[0];
        return new ScanPage(next, keys);
    }

    @Override
    public byte[] randomKey() {
        tx.check();
        long[] range = tx.handle.createQuery("SELECT MIN(id), MAX(id) FROM " + tx.tables.keys()
                        + " WHERE db = :db").bind("db", db)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        if (range[1] == 0) {
            return null;
        }
        long pick = range[0] + ThreadLocalRandom.current().nextLong(range[1] - range[0] + 1);
        String sql = "SELECT name FROM " + tx.tables.keys() + " WHERE db = :db AND id >= :from" + live
                + " ORDER BY id LIMIT 1";
        return tx.handle.createQuery(sql).bind("db", db).bind("from", pick).mapTo(byte[].class).findOne()
                .orElseGet(() -> tx.handle.createQuery(sql).bind("db", db).bind("from", 0L).mapTo(byte[].class)
                        .findOne().orElse(null));
    }

    @Override
    public long size() {
        tx.check();
        return tx.handle.createQuery("SELECT COUNT(*) FROM " + tx.tables.keys() + " WHERE db = :db")
                .bind("db", db).mapTo(Long.class).one();
    }

    @Override
    public void clear() {
        tx.check();
        tx.nextStamp();
        tx.handle.createUpdate("DELETE FROM " + tx.tables.keys() + " WHERE db = :db").bind("db", db).execute();
        cache.clear();
    }
}
