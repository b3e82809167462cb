package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.StringValue;

/**
 * SET and every other whole-value write ({@link SqlKeyspace#put}): the key row and the value's rows. A new string
 * key is one statement where the dialect has writable CTEs (the key row and the value together), deferred to the
 * unit's batch when the value is small; so is overwriting a string with a string. Any other change of kind replaces
 * the key's rows ({@link ValueRows}); field, element and member writes go through {@link CollectionRows} instead.
 */
final class ValuePuts {

    private final SqlKeyspace ks;
    private final SqlTransaction tx;

    ValuePuts(SqlKeyspace ks) {
        this.ks = ks;
        this.tx = ks.tx;
    }

    /** Stores {@code value} whole under {@code key} with {@code expireAt}, as {@link SqlKeyspace#put}. */
    void put(byte[] key, KeyspaceValue value, long expireAt) {
        KeyRow r = ks.row(key);
        long stamp = tx.nextStamp();
        String type = value.type().redisName();
        Long expire = expireAt == Entry.NO_EXPIRY ? null : expireAt;
        KeyRow next;
        boolean oneStatement = value instanceof StringValue && tx.dialect.writableCte();
        boolean small = value instanceof StringValue sv && sv.bytes().length < ValueRows.STREAM_THRESHOLD;
        if (r == KeyRow.ABSENT && oneStatement && small) {
            next = new KeyRow(stamp, type, expireAt, stamp);
            tx.updateDeferred("WITH k AS (INSERT INTO " + tx.tables.keys() + " (id, db, name, type, expire_at_ms,"
                    + " stamp) VALUES (?, ?, ?, ?, ?, ?) RETURNING id) INSERT INTO " + tx.tables.strings()
                    + " (key_id, value) SELECT id, ? FROM k", stamp, ks.db, key, type, expire, stamp,
                    ((StringValue) value).bytes());
        } else if (r == KeyRow.ABSENT && oneStatement) {
            next = new KeyRow(stamp, type, expireAt, stamp);
            var u = tx.update("WITH k AS (INSERT INTO " + tx.tables.keys() + " (id, db, name, type, expire_at_ms,"
                            + " stamp) VALUES (:id, :db, :name, :type, :expire, :stamp) RETURNING id)"
                            + " INSERT INTO " + tx.tables.strings() + " (key_id, value) SELECT id, :v FROM k")
                    .bind("id", stamp).bind("db", ks.db).bind("name", key).bind("type", type)
                    .bind("expire", expire).bind("stamp", stamp);
            ValueRows.bindValue(u, "v", ((StringValue) value).bytes());
            u.execute();
        } else if (r == KeyRow.ABSENT) {
            next = new KeyRow(stamp, type, expireAt, stamp);
            tx.update("INSERT INTO " + tx.tables.keys() + " (id, db, name, type, expire_at_ms, stamp)"
                            + " VALUES (:id, :db, :name, :type, :expire, :stamp)")
                    .bind("id", stamp).bind("db", ks.db).bind("name", key).bind("type", type)
                    .bind("expire", expire).bind("stamp", stamp).execute();
            tx.rows.insert(stamp, value);
        } else {
            next = new KeyRow(r.id, type, expireAt, stamp);
            if (oneStatement && small && r.type.equals(type)) {
                tx.updateDeferred("WITH s AS (UPDATE " + tx.tables.strings() + " SET value = ? WHERE key_id = ?)"
                        + " UPDATE " + tx.tables.keys() + " SET expire_at_ms = ?, stamp = ? WHERE id = ?",
                        ((StringValue) value).bytes(), r.id, expire, stamp, r.id);
                next.value = value;
                next.stamped = true;
                ks.cache(key, next);
                return;
            } else if (oneStatement && r.type.equals(type)) {
                var u = tx.update("WITH s AS (UPDATE " + tx.tables.strings() + " SET value = :v WHERE key_id = :id)"
                                + " UPDATE " + tx.tables.keys() + " SET expire_at_ms = :expire, stamp = :stamp"
                                + " WHERE id = :id")
                        .bind("expire", expire).bind("stamp", stamp).bind("id", r.id);
                ValueRows.bindValue(u, "v", ((StringValue) value).bytes());
                u.execute();
                next.value = value;
                next.stamped = true;
                ks.cache(key, next);
                return;
            }
            if (value instanceof StringValue && r.type.equals(type)) {
                tx.rows.updateString(r.id, (StringValue) value);
            } else {
                // a whole value replaces the old rows; field and element writes go through CollectionRows
                tx.rows.delete(r.id, r.type);
                tx.rows.insert(r.id, value);
            }
            tx.update("UPDATE " + tx.tables.keys() + " SET type = :type, expire_at_ms = :expire,"
                            + " stamp = :stamp WHERE id = :id")
                    .bind("type", type).bind("expire", expire).bind("stamp", stamp).bind("id", r.id).execute();
        }
        next.value = value;
        next.stamped = true;
        ks.cache(key, next);
    }
}
