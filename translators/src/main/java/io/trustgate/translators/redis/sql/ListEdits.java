package io.trustgate.translators.redis.sql;

import java.util.List;

/**
 * List edits in the middle, row by row: LSET updates one row, LTRIM deletes the rows outside the range, LINSERT
 * and LREM find their elements in the database ({@code value = ?}) and move only the rows on the shorter side of
 * the change (LINSERT) or between the removed elements and the tail (LREM), so that positions stay contiguous
 * ({@link CollectionRows}). A move goes through positions no row holds (beyond the tail or below the head), so
 * no statement ever meets a primary-key conflict on either database. Callers have checked the key's kind.
 */
final class ListEdits {

    private final SqlKeyspace ks;
    private final SqlTransaction tx;
    private final Tables t;
    private final CollectionRows rows;

    ListEdits(SqlKeyspace ks, CollectionRows rows) {
        this.ks = ks;
        this.tx = ks.tx;
        this.t = tx.tables;
        this.rows = rows;
    }

    /** LSET: element {@code index} (from the head, in range) becomes {@code element}. */
    void set(byte[] key, long index, byte[] element) {
        KeyRow r = ks.row(key);
        rows.bounds(r);
        var u = tx.update("UPDATE " + t.lists() + " SET value = :v WHERE key_id = :id AND idx = :idx")
                .bind("id", r.id).bind("idx", r.head + index);
        ValueRows.bindValue(u, "v", element);
        u.execute();
        ks.touch(r);
    }

    /** LTRIM with a non-empty result: keeps elements {@code from..to} (from the head). */
    void trim(byte[] key, long from, long to) {
        KeyRow r = ks.row(key);
        rows.bounds(r);
        long lo = r.head + from;
        long hi = r.head + to;
        if (lo == r.head && hi == r.tail) {
            return;
        }
        tx.update("DELETE FROM " + t.lists() + " WHERE key_id = :id AND (idx < :lo OR idx > :hi)")
                .bind("id", r.id).bind("lo", lo).bind("hi", hi).execute();
        r.head = lo;
        r.tail = hi;
        ks.touch(r);
    }

    /** LINSERT: the new length, or -1 when no element equals {@code pivot}. */
    long insert(byte[] key, byte[] pivot, byte[] element, boolean after) {
        KeyRow r = ks.row(key);
        rows.bounds(r);
        List<Long> found = positions(r, pivot, false, 1);
        if (found.isEmpty()) {
            return -1;
        }
        long p = found.get(0);
        // the new element goes between positions gapLow and gapLow + 1: open the gap on the shorter side
        long gapLow = after ? p : p - 1;
        long at;
        if (gapLow - r.head + 1 <= r.tail - gapLow) {
            move(r, r.head, gapLow, -1);
            r.head = r.head - 1;
            at = gapLow;
        } else {
            move(r, gapLow + 1, r.tail, 1);
            r.tail = r.tail + 1;
            at = gapLow + 1;
        }
        var u = tx.update("INSERT INTO " + t.lists() + " (key_id, idx, value) VALUES (:id, :idx, :v)")
                .bind("id", r.id).bind("idx", at);
        ValueRows.bindValue(u, "v", element);
        u.execute();
        ks.touch(r);
        return r.tail - r.head + 1;
    }

    /** LREM: removes the first {@code count} (the last {@code -count}, or all for 0) elements equal to {@code element}. */
    long remove(byte[] key, long count, byte[] element) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT) {
            return 0;
        }
        rows.bounds(r);
        List<Long> found = positions(r, element, count < 0, count == 0 ? 0 : Math.abs(count));
        if (found.isEmpty()) {
            return 0;
        }
        long length = r.tail - r.head + 1;
        if (found.size() == length) {
            ks.deleteRow(r.id);
            ks.forget(key);
            return found.size();
        }
        List<Long> ascending = new java.util.ArrayList<>(found);
        java.util.Collections.sort(ascending);
        var batch = tx.batch("DELETE FROM " + t.lists() + " WHERE key_id = ? AND idx = ?");
        for (long p : ascending) {
            batch.bind(0, r.id).bind(1, p).add();
        }
        batch.execute();
        // close the gaps: the rows between the k-th and the (k+1)-th removed position move down by k
        for (int k = 1; k <= ascending.size(); k++) {
            long from = ascending.get(k - 1) + 1;
            long to = k < ascending.size() ? ascending.get(k) - 1 : r.tail;
            if (from <= to) {
                move(r, from, to, -k);
            }
        }
        r.tail = r.tail - ascending.size();
        ks.touch(r);
        return ascending.size();
    }

    /** Positions of elements equal to {@code value}, from the head (or the tail), at most {@code limit} (0: all). */
    private List<Long> positions(KeyRow r, byte[] value, boolean fromTail, long limit) {
        var q = tx.query("SELECT idx FROM " + t.lists() + " WHERE key_id = :id AND value = :v ORDER BY idx"
                + (fromTail ? " DESC" : "") + (limit > 0 ? " LIMIT " + limit : ""))
                .bind("id", r.id);
        ValueRows.bindValue(q, "v", value);
        return q.mapTo(Long.class).list();
    }

    /**
     * Moves the rows at positions {@code from..to} by {@code delta}, onto positions that are free except for the
     * moved rows themselves: first past every row (above the tail for a move down, below the head for a move up),
     * then to their place, so that no statement moves a row onto a position another row still holds.
     */
    private void move(KeyRow r, long from, long to, long delta) {
        if (from > to) {
            return;
        }
        long park = delta < 0 ? r.tail + 1 - from + Math.abs(delta) : r.head - 1 - to - delta;
        // parked positions: from + park .. to + park, all above the tail (delta < 0) or below the head (delta > 0)
        tx.update("UPDATE " + t.lists() + " SET idx = idx + :park WHERE key_id = :id AND idx BETWEEN :from AND :to")
                .bind("park", park).bind("id", r.id).bind("from", from).bind("to", to).execute();
        tx.update("UPDATE " + t.lists() + " SET idx = idx - :back WHERE key_id = :id AND idx BETWEEN :pfrom AND :pto")
                .bind("back", park - delta).bind("id", r.id).bind("pfrom", from + park).bind("pto", to + park)
                .execute();
    }
}
