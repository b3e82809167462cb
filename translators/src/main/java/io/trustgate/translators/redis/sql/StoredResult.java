package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.Entry;

import java.util.Collection;
import java.util.function.LongToIntFunction;

/**
 * The destination of SINTERSTORE, SUNIONSTORE, SDIFFSTORE and ZDIFFSTORE, filled by the database itself
 * ({@code INSERT ... SELECT}) in the unit's transaction: the destination (locked by {@link SqlKeyspace#row})
 * is replaced by a new key row of the result's kind, without expiry and with a new stamp, or deleted when the
 * result is empty. When the destination is also an input, the new row is first created aside (under database
 * {@code -1 - db}, where nothing looks), filled while the old one is still readable, and moved under the
 * destination's name once the old row is gone; another transaction never sees the row aside.
 */
final class StoredResult {

    private StoredResult() {
    }

    /**
     * Replaces {@code destination} by a new {@code type} key that {@code fill} fills: given the new key's id, it
     * inserts the result's rows and returns how many. {@code inputs} are the key ids {@code fill} reads; with
     * {@code fill} null the result is known to be empty. Returns the result's size.
     */
    static long replace(SqlKeyspace ks, byte[] destination, String type, Collection<Long> inputs,
                        LongToIntFunction fill) {
        SqlTransaction tx = ks.tx;
        KeyRow old = ks.row(destination);
        if (fill == null) {
            ks.delete(destination);
            return 0;
        }
        long id = tx.nextStamp();
        boolean aside = old != KeyRow.ABSENT && inputs.contains(old.id);
        if (old != KeyRow.ABSENT && !aside) {
            ks.deleteRow(old.id);
        }
        tx.update("INSERT INTO " + tx.tables.keys() + " (id, db, name, type, expire_at_ms, stamp)"
                        + " VALUES (:id, :db, :name, :type, NULL, :id)")
                .bind("id", id).bind("db", aside ? -1 - ks.db : ks.db).bind("name", destination)
                .bind("type", type).execute();
        int size = fill.applyAsInt(id);
        if (aside) {
            ks.deleteRow(old.id);
        }
        if (size == 0) {
            ks.deleteRow(id);
            ks.forget(destination);
            return 0;
        }
        if (aside) {
            tx.update("UPDATE " + tx.tables.keys() + " SET db = :db WHERE id = :id").bind("db", ks.db)
                    .bind("id", id).execute();
        }
        KeyRow r = new KeyRow(id, type, Entry.NO_EXPIRY, id);
        r.stamped = true;
        ks.cache(destination, r);
        return size;
    }
}
