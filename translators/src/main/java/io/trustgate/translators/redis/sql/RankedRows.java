package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.SortedSetValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and pops by rank or at random without loading the whole collection: ZRANGE by rank, ZPOPMIN/ZPOPMAX (and
 * BZPOPMIN/BZPOPMAX, ZMPOP, ZREMRANGEBYRANK through them), SPOP, and the random reads SRANDMEMBER, HRANDFIELD and
 * ZRANDMEMBER (the command layer turns a sample of distinct picks into picks with repeats). The database orders a key's members by
 * (score, member) ({@link SqlDialect#sortedSetOrder}) or picks them at random ({@link SqlDialect#random}) and
 * returns only the rows asked for; pops then delete exactly those rows. Where the database would compare some
 * member only by a prefix (MariaDB's {@code max_sort_length}), the set is ordered in memory instead, so ranks stay
 * exact. Callers have checked the key's kind.
 */
final class RankedRows {

    private final SqlKeyspace ks;
    private final SqlTransaction tx;
    private final Tables t;

    RankedRows(SqlKeyspace ks) {
        this.ks = ks;
        this.tx = ks.tx;
        this.t = tx.tables;
    }

    /** Members at ranks {@code from..to} (inclusive), ascending or, with {@code reverse}, descending. */
    List<SortedSetValue.Member> sortedSetRange(byte[] key, long from, long to, boolean reverse) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT || to < from) {
            return new ArrayList<>();
        }
        return members(key, r, reverse, to - from + 1, from);
    }

    /**
     * Whether the database would order some member of the sorted set {@code r} only by a prefix (MariaDB's
     * {@code max_sort_length}), so that an ORDER BY over its members could be wrong.
     */
    boolean ordersByPrefix(KeyRow r) {
        String partial = tx.dialect.sortPrefixExceeded("member");
        return partial != null && tx.query("SELECT COUNT(*) FROM " + t.zsets() + " WHERE key_id = :id AND " + partial)
                .bind("id", r.id).mapTo(Long.class).one() > 0;
    }

    private List<SortedSetValue.Member> members(byte[] key, KeyRow r, boolean reverse, long limit, long offset) {
        if (ordersByPrefix(r)) {
            SortedSetValue z = (SortedSetValue) ks.get(key).value();
            return z.range(offset, offset + limit - 1, reverse);
        }
        return tx.query("SELECT member, score_bits FROM " + t.zsets() + " WHERE key_id = :id ORDER BY "
                        + tx.dialect.sortedSetOrder(reverse) + " LIMIT " + limit + " OFFSET " + offset)
                .bind("id", r.id)
                .map((rs, ctx) -> new SortedSetValue.Member(rs.getBytes(1), Double.longBitsToDouble(rs.getLong(2))))
                .list();
    }

    /** Removes the {@code count} lowest (or, with {@code max}, highest) members; returns them in that order. */
    List<SortedSetValue.Member> sortedSetPop(byte[] key, boolean max, long count) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT || count <= 0) {
            return new ArrayList<>();
        }
        List<SortedSetValue.Member> popped = members(key, r, max, count, 0);
        List<byte[]> names = new ArrayList<>(popped.size());
        for (SortedSetValue.Member m : popped) {
            names.add(m.member());
        }
        deleteMembers(key, r, t.zsets(), names);
        return popped;
    }

    /** Removes up to {@code count} members picked at random; returns them. */
    List<byte[]> setPop(byte[] key, long count) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT || count <= 0) {
            return new ArrayList<>();
        }
        List<byte[]> popped = tx.query("SELECT member FROM " + t.sets() + " WHERE key_id = :id ORDER BY "
                        + tx.dialect.random() + " LIMIT " + count)
                .bind("id", r.id).mapTo(byte[].class).list();
        deleteMembers(key, r, t.sets(), popped);
        return popped;
    }

    /** Up to {@code count} distinct members picked at random (SRANDMEMBER), without loading the set. */
    List<byte[]> setRandomMembers(byte[] key, long count) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT || count <= 0) {
            return new ArrayList<>();
        }
        return tx.query("SELECT member FROM " + t.sets() + " WHERE key_id = :id ORDER BY " + tx.dialect.random()
                + " LIMIT :n").bind("id", r.id).bind("n", count).mapTo(byte[].class).list();
    }

    /** Up to {@code count} distinct fields picked at random, each followed by its value (HRANDFIELD). */
    List<byte[]> hashRandomFields(byte[] key, long count) {
        KeyRow r = ks.row(key);
        List<byte[]> out = new ArrayList<>();
        if (r == KeyRow.ABSENT || count <= 0) {
            return out;
        }
        tx.query("SELECT field, OCTET_LENGTH(value), value FROM " + t.hashes() + " WHERE key_id = :id ORDER BY "
                        + tx.dialect.random() + " LIMIT :n").bind("id", r.id).bind("n", count)
                .map((rs, ctx) -> {
                    out.add(rs.getBytes(1));
                    out.add(ValueRows.readValue(rs, 2, 3));
                    return Boolean.TRUE;
                }).list();
        return out;
    }

    /** Up to {@code count} distinct members with their scores picked at random (ZRANDMEMBER). */
    List<SortedSetValue.Member> sortedSetRandomMembers(byte[] key, long count) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT || count <= 0) {
            return new ArrayList<>();
        }
        return tx.query("SELECT member, score_bits FROM " + t.zsets() + " WHERE key_id = :id ORDER BY "
                        + tx.dialect.random() + " LIMIT :n").bind("id", r.id).bind("n", count)
                .map((rs, ctx) -> new SortedSetValue.Member(rs.getBytes(1), Double.longBitsToDouble(rs.getLong(2))))
                .list();
    }

    /** Deletes the rows of {@code members}, which exist, and the key when none is left. */
    void deleteMembers(byte[] key, KeyRow r, String table, List<byte[]> members) {
        if (members.isEmpty()) {
            return;
        }
        long left = tx.query("SELECT COUNT(*) FROM " + table + " WHERE key_id = :id").bind("id", r.id)
                .mapTo(Long.class).one();
        if (left == members.size()) {
            ks.deleteRow(r.id);
            ks.forget(key);
            return;
        }
        var batch = tx.batch("DELETE FROM " + table + " WHERE key_id = ? AND " + tx.dialect.bytesEqual("member"));
        for (byte[] m : members) {
            batch.bind(0, r.id);
            int i = 1;
            for (int n = 0; n < tx.dialect.bytesEqualBinds(); n++) {
                batch.bind(i++, m);
            }
            batch.add();
        }
        batch.execute();
        ks.touch(r);
    }
}
