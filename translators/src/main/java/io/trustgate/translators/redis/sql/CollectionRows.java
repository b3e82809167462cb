package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.SortedSetValue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field, element and member writes of one {@link SqlKeyspace}: HSET writes the fields it sets, LPUSH/RPUSH insert
 * and LPOP/RPOP delete only the elements at the ends, SADD/SREM and ZADD/ZREM touch only their members' rows, and
 * the key row gets a new stamp once per unit.
 *
 * <p>List positions ({@code idx}) are contiguous from head to tail but need not start at 0: a push at the head
 * takes the positions below the head, so nothing is renumbered; the length is {@code tail - head + 1}, read from
 * the primary key's index with MIN/MAX. A whole-list write (LSET, LINSERT...) renumbers from 0.
 *
 * <p>On PostgreSQL ({@link SqlTransaction#defers}) HSET, SADD and ZADD write all their rows in one statement
 * ({@link #upsert}), held back to the unit's next statement or COMMIT when the unit knows which rows exist, else
 * sent as {@code ON CONFLICT ... RETURNING (xmax = 0)} (true for a new row); a push whose positions are known
 * (the write unit's key read reads a list's bounds) is held back too, and so is the key's new stamp.
 *
 * <p>Callers have checked that the key holds the right kind or is absent (see {@link io.trustgate.redis.spi.Keyspace}).
 */
final class CollectionRows {

    /** Most rows one held-back or upserting statement writes ({@link #upsert}); more go the row-by-row way. */
    private static final int MAX_ROWS = 1000;

    private final SqlKeyspace ks;
    private final SqlTransaction tx;
    private final Tables t;

    CollectionRows(SqlKeyspace ks) {
        this.ks = ks;
        this.tx = ks.tx;
        this.t = tx.tables;
    }

    /** The row of {@code key}, created without expiry when absent. */
    private KeyRow rowOrCreate(byte[] key, String type) {
        KeyRow r = ks.row(key);
        return r == KeyRow.ABSENT ? ks.create(key, type) : r;
    }

    // ---------------------------------------------------------------------------------------------- hashes

    long hashPut(byte[] key, List<byte[]> fieldsAndValues) {
        Map<ByteBuffer, byte[]> last = new LinkedHashMap<>(); // HSET h a 1 a 2 sets a to 2
        for (int i = 0; i + 1 < fieldsAndValues.size(); i += 2) {
            last.put(ByteBuffer.wrap(fieldsAndValues.get(i)), fieldsAndValues.get(i + 1));
        }
        boolean fresh = ks.row(key) == KeyRow.ABSENT;
        KeyRow r = rowOrCreate(key, "hash");
        long created = 0;
        if (tx.defers() && small(last.values())) {
            List<Object[]> rows = new ArrayList<>(last.size());
            last.forEach((f, v) -> rows.add(new Object[] {r.id, f.array(), v}));
            return upsert(r, fresh, t.hashes() + " (key_id, field, value)", " ON CONFLICT (key_id, "
                    + tx.dialect.uniqueBytes("field") + ") DO UPDATE SET value = EXCLUDED.value", rows, true);
        }
        if (!fresh && tx.dialect.writableCte()) {
            for (Map.Entry<ByteBuffer, byte[]> e : last.entrySet()) {
                var q = stampedQuery(r, "INSERT INTO " + t.hashes() + " (key_id, field, value) VALUES (:id, :f, :v)"
                        + " ON CONFLICT (key_id, " + tx.dialect.uniqueBytes("field") + ")"
                        + " DO UPDATE SET value = EXCLUDED.value RETURNING (xmax = 0)")
                        .bind("f", e.getKey().array());
                ValueRows.bindValue(q, "v", e.getValue());
                if (q.mapTo(Boolean.class).one()) {
                    created++;
                }
            }
            return created;
        }
        for (Map.Entry<ByteBuffer, byte[]> e : last.entrySet()) {
            byte[] field = e.getKey().array();
            int changed = 0;
            if (!fresh) {
                var u = tx.update("UPDATE " + t.hashes() + " SET value = :v WHERE key_id = :id AND "
                        + tx.dialect.bytesEqual("field", "f"))
                        .bind("id", r.id).bind("f", field);
                ValueRows.bindValue(u, "v", e.getValue());
                changed = u.execute();
            }
            if (changed == 0) {
                var u = tx.update("INSERT INTO " + t.hashes() + " (key_id, field, value) VALUES (:id, :f, :v)")
                        .bind("id", r.id).bind("f", field);
                ValueRows.bindValue(u, "v", e.getValue());
                u.execute();
                created++;
            }
        }
        ks.touch(r);
        return created;
    }

    /**
     * Where writes are held back ({@link SqlTransaction#defers}): writes {@code rows} (distinct names in column 1,
     * small values) into {@code tableAndColumns} of {@code r}, all in one statement, and gives the key its new
     * stamp when {@code touchAlways} or a row is new. When this unit knows which rows exist (the key was created
     * in it, {@code fresh}, or it read each name, {@link KeyRow#known}) the statement is held back, with
     * {@code onConflict} ({@code ON CONFLICT ...}), and goes with the unit's next statement or COMMIT; else it
     * is sent with the writes held back so far and {@code RETURNING (xmax = 0)} tells new rows from updated
     * ones. Returns how many rows are new.
     */
    private long upsert(KeyRow r, boolean fresh, String tableAndColumns, String onConflict, List<Object[]> rows,
                        boolean touchAlways) {
        String values = "(?" + ", ?".repeat(rows.get(0).length - 1) + ")";
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(tableAndColumns).append(" VALUES ")
                .append(values);
        for (int i = 1; i < rows.size(); i++) {
            sql.append(", ").append(values);
        }
        Object[] args = rows.stream().flatMap(java.util.Arrays::stream).toArray();
        long created = fresh ? rows.size() : 0;
        for (int i = 0; !fresh && created >= 0 && i < rows.size(); i++) {
            Boolean present = r.known((byte[]) rows.get(i)[1]);
            created = present == null ? -1 : present ? created : created + 1;
        }
        if (created >= 0) {
            tx.updateDeferred(fresh ? sql.toString() : sql + onConflict, args);
        } else {
            created = tx.select(sql + onConflict + " RETURNING (xmax = 0)", args, rs -> rs.getBoolean(1))
                    .stream().filter(Boolean::booleanValue).count();
        }
        if (touchAlways || created > 0) {
            ks.touch(r);
        }
        for (Object[] row : rows) {
            r.know((byte[]) row[1], true);
        }
        return created;
    }

    /** Inserts list elements (small values) at the positions in column 1 of {@code rows}, held back. */
    private void insertHeldBack(List<Object[]> rows) {
        String values = "(?, ?, ?)";
        String sql = "INSERT INTO " + t.lists() + " (key_id, idx, value) VALUES " + values
                + (", " + values).repeat(rows.size() - 1);
        tx.updateDeferred(sql, rows.stream().flatMap(java.util.Arrays::stream).toArray());
    }

    /** Whether every value is under {@link ValueRows#STREAM_THRESHOLD} and they are few enough for one statement. */
    private static boolean small(java.util.Collection<byte[]> values) {
        if (values.size() > MAX_ROWS) {
            return false;
        }
        for (byte[] v : values) {
            if (v.length >= ValueRows.STREAM_THRESHOLD) {
                return false;
            }
        }
        return true;
    }

    /**
     * A PostgreSQL statement that also gives the key its new stamp (once per unit) in a data-modifying WITH;
     * binds {@code :id} (the key id) and, when stamping, {@code :stamp}.
     */
    private org.jdbi.v3.core.statement.Query stampedQuery(KeyRow r, String sql) {
        return stampedQuery(r, sql, null, null);
    }

    /** As above; {@code withPrefix} marks a statement that starts with its own WITH, {@code value} binds :v. */
    private org.jdbi.v3.core.statement.Query stampedQuery(KeyRow r, String sql, String withPrefix, byte[] value) {
        boolean stamp = !r.stamped;
        String stampCte = "t AS (UPDATE " + t.keys() + " SET stamp = :stamp WHERE id = :id)";
        String full = !stamp ? sql : withPrefix != null ? sql.replaceFirst("WITH ", "WITH " + stampCte + ", ")
                : "WITH " + stampCte + " " + sql;
        var q = tx.writeQuery(full).bind("id", r.id);
        if (value != null) {
            ValueRows.bindValue(q, "v", value);
        }
        r.value = null;
        r.forgetKnown();
        if (stamp) {
            long s = tx.nextStamp();
            q.bind("stamp", s);
            r.stamp = s;
            r.stamped = true;
        }
        return q;
    }

    // ------------------------------------------------------------------------------ hashes, sets, sorted sets

    /** Deletes the rows of {@code names} (hash fields or members, in {@code column}); deletes an emptied key. */
    long remove(byte[] key, String table, String column, List<byte[]> names) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT) {
            return 0;
        }
        long removed = 0;
        for (byte[] name : distinct(names)) {
            removed += tx.update("DELETE FROM " + table + " WHERE key_id = :id AND "
                            + tx.dialect.bytesEqual(column, "n"))
                    .bind("id", r.id).bind("n", name).execute();
        }
        if (removed > 0) {
            deleteIfEmpty(key, r, table);
        }
        return removed;
    }

    /** After rows of {@code key} were deleted: deletes the key when none is left, else gives it a new stamp. */
    void deleteIfEmpty(byte[] key, KeyRow r, String table) {
        boolean any = tx.query("SELECT 1 FROM " + table + " WHERE key_id = :id LIMIT 1").bind("id", r.id)
                .mapTo(Integer.class).findOne().isPresent();
        if (any) {
            ks.touch(r);
        } else {
            ks.deleteRow(r.id);
            ks.forget(key);
        }
    }

    long size(byte[] key, String table) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT) {
            return 0;
        }
        return tx.query("SELECT COUNT(*) FROM " + table + " WHERE key_id = :id").bind("id", r.id)
                .mapTo(Long.class).one();
    }

    private static List<byte[]> distinct(List<byte[]> names) {
        Map<ByteBuffer, byte[]> seen = new LinkedHashMap<>();
        for (byte[] n : names) {
            seen.putIfAbsent(ByteBuffer.wrap(n), n);
        }
        return new ArrayList<>(seen.values());
    }

    // ------------------------------------------------------------------------------------------------ sets

    long setAdd(byte[] key, List<byte[]> members) {
        boolean fresh = ks.row(key) == KeyRow.ABSENT;
        KeyRow r = rowOrCreate(key, "set");
        List<byte[]> distinct = distinct(members);
        if (tx.defers() && small(distinct)) {
            List<Object[]> rows = new ArrayList<>(distinct.size());
            distinct.forEach(m -> rows.add(new Object[] {r.id, m}));
            // as Redis: an SADD of members all present leaves the key as it was (no new stamp)
            return upsert(r, fresh, t.sets() + " (key_id, member)", " ON CONFLICT DO NOTHING", rows, false);
        }
        long added = 0;
        for (byte[] m : distinct) {
            added += tx.update(tx.dialect.insertIgnoring(t.sets(), "key_id, member", ":id, :m"))
                    .bind("id", r.id).bind("m", m).execute();
        }
        if (added > 0) {
            ks.touch(r);
        }
        return added;
    }

    // ----------------------------------------------------------------------------------------- sorted sets

    long sortedSetPut(byte[] key, List<SortedSetValue.Member> members) {
        Map<ByteBuffer, SortedSetValue.Member> last = new LinkedHashMap<>();
        for (SortedSetValue.Member m : members) {
            last.put(ByteBuffer.wrap(m.member()), m);
        }
        boolean fresh = ks.row(key) == KeyRow.ABSENT;
        KeyRow r = rowOrCreate(key, "zset");
        long added = 0;
        if (tx.defers() && last.size() <= MAX_ROWS) {
            List<Object[]> rows = new ArrayList<>(last.size());
            for (SortedSetValue.Member m : last.values()) {
                rows.add(new Object[] {r.id, m.member(), tx.dialect.readableScore(m.score()),
                        Double.doubleToLongBits(m.score())});
            }
            return upsert(r, fresh, t.zsets() + " (key_id, member, score, score_bits)", " ON CONFLICT (key_id, "
                    + tx.dialect.uniqueBytes("member") + ") DO UPDATE SET score = EXCLUDED.score,"
                    + " score_bits = EXCLUDED.score_bits", rows, true);
        }
        if (!fresh && tx.dialect.writableCte()) {
            for (SortedSetValue.Member m : last.values()) {
                boolean inserted = stampedQuery(r, "INSERT INTO " + t.zsets() + " (key_id, member, score, score_bits)"
                                + " VALUES (:id, :m, :s, :b)"
                                + " ON CONFLICT (key_id, " + tx.dialect.uniqueBytes("member") + ") DO UPDATE"
                                + " SET score = EXCLUDED.score, score_bits = EXCLUDED.score_bits RETURNING (xmax = 0)")
                        .bind("m", m.member()).bindByType("s", tx.dialect.readableScore(m.score()), Double.class)
                        .bind("b", Double.doubleToLongBits(m.score())).mapTo(Boolean.class).one();
                if (inserted) {
                    added++;
                }
            }
            return added;
        }
        for (SortedSetValue.Member m : last.values()) {
            Object readable = tx.dialect.readableScore(m.score());
            long bits = Double.doubleToLongBits(m.score());
            int changed = 0;
            if (!fresh) {
                changed = tx.update("UPDATE " + t.zsets() + " SET score = :s, score_bits = :b"
                                + " WHERE key_id = :id AND " + tx.dialect.bytesEqual("member", "m"))
                        .bindByType("s", readable, Double.class).bind("b", bits).bind("id", r.id)
                        .bind("m", m.member()).execute();
            }
            if (changed == 0) {
                tx.update("INSERT INTO " + t.zsets() + " (key_id, member, score, score_bits) VALUES (:id, :m, :s, :b)")
                        .bind("id", r.id).bind("m", m.member()).bindByType("s", readable, Double.class)
                        .bind("b", bits).execute();
                added++;
            }
        }
        ks.touch(r);
        return added;
    }

    // ----------------------------------------------------------------------------------------------- lists

    /** Loads a list's head and tail positions into its row, once per unit. */
    void bounds(KeyRow r) {
        if (r.head != null) {
            return;
        }
        long[] b = tx.query("SELECT MIN(idx), MAX(idx) FROM " + t.lists() + " WHERE key_id = :id")
                .bind("id", r.id).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        r.head = b[0];
        r.tail = b[1];
    }

    long listPush(byte[] key, boolean head, List<byte[]> elements) {
        KeyRow r = ks.row(key);
        long first;
        List<byte[]> rows;
        if (r == KeyRow.ABSENT) {
            r = ks.create(key, "list");
            r.head = 0L;
            r.tail = -1L;
        } else if (r.head == null && elements.size() == 1 && tx.dialect.writableCte()) {
            // one statement: read the bounds, insert next to them, stamp the key
            long[] b = stampedQuery(r, "WITH b AS (SELECT MIN(idx) AS lo, MAX(idx) AS hi FROM " + t.lists()
                            + " WHERE key_id = :id), i AS (INSERT INTO " + t.lists() + " (key_id, idx, value)"
                            + " SELECT :id, " + (head ? "lo - 1" : "hi + 1") + ", :v FROM b) SELECT lo, hi FROM b",
                    "b AS", elements.get(0))
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
            r.head = head ? b[0] - 1 : b[0];
            r.tail = head ? b[1] : b[1] + 1;
            return r.tail - r.head + 1;
        } else {
            bounds(r);
        }
        if (tx.defers() && small(elements)) {
            // the positions are known: the rows go with the unit's next statement or its COMMIT
            List<Object[]> positioned = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                positioned.add(new Object[] {r.id, head ? r.head - 1 - i : r.tail + 1 + i, elements.get(i)});
            }
            insertHeldBack(positioned);
            if (head) {
                r.head -= elements.size();
            } else {
                r.tail += elements.size();
            }
            ks.touch(r);
            return r.tail - r.head + 1;
        }
        if (head) { // each element becomes the new head: the last one pushed has the lowest position
            rows = new ArrayList<>(elements.size());
            for (int i = elements.size() - 1; i >= 0; i--) {
                rows.add(elements.get(i));
            }
            first = r.head - elements.size();
            r.head = first;
        } else {
            rows = elements;
            first = r.tail + 1;
            r.tail = r.tail + elements.size();
        }
        tx.rows.insertList(r.id, first, rows);
        ks.touch(r);
        return r.tail - r.head + 1;
    }

    List<byte[]> listPop(byte[] key, boolean head, long count) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT) {
            return new ArrayList<>();
        }
        bounds(r);
        long length = r.tail - r.head + 1;
        long n = Math.min(count, length);
        long from = head ? r.head : r.tail - n + 1;
        long to = from + n - 1;
        List<byte[]> popped = range(r, from, to, !head);
        if (n == length) {
            ks.deleteRow(r.id);
            ks.forget(key);
            return popped;
        }
        tx.update("DELETE FROM " + t.lists() + " WHERE key_id = :id AND idx BETWEEN :from AND :to")
                .bind("id", r.id).bind("from", from).bind("to", to).execute();
        if (head) {
            r.head = to + 1;
        } else {
            r.tail = from - 1;
        }
        ks.touch(r);
        return popped;
    }

    long listLength(byte[] key) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT) {
            return 0;
        }
        bounds(r);
        return r.tail - r.head + 1;
    }

    List<byte[]> listRange(byte[] key, long from, long to) {
        KeyRow r = ks.row(key);
        bounds(r);
        return range(r, r.head + from, r.head + to, false);
    }

    private List<byte[]> range(KeyRow r, long from, long to, boolean descending) {
        return tx.query("SELECT OCTET_LENGTH(value), value FROM " + t.lists()
                        + " WHERE key_id = :id AND idx BETWEEN :from AND :to ORDER BY idx"
                        + (descending ? " DESC" : ""))
                .bind("id", r.id).bind("from", from).bind("to", to)
                .map((rs, ctx) -> ValueRows.readValue(rs, 1, 2)).list();
    }
}
