package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.SortedSetRange;
import io.trustgate.redis.spi.SortedSetValue;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorted-set ranges by score and by member, counted, read or removed in the database: ZRANGEBYSCORE, ZCOUNT and
 * ZREMRANGEBYSCORE are one statement each whose {@code WHERE} bounds the score ({@link SqlDialect#scoreBound});
 * ZRANK/ZREVRANK count the rows before (or after) the member. A lex range is walked as Redis walks it
 * ({@link SortedSetRange#collect}): the rows are numbered in (score, member) order with {@code ROW_NUMBER()}, and
 * the range is the rows from the first one past its start up to, not including, the first one after that past its
 * end, provided the set's last row is above the min and its first row below the max. For a set whose members
 * share one score (how lex ranges are used) that is every member within the bounds; for mixed scores it is the
 * same answer Redis gives. Members compare as unsigned bytes on both databases ({@code bytea}, {@code LONGBLOB}).
 * Only the rows asked for come back. Where MariaDB would order some member only by a prefix, the set is walked in
 * memory instead ({@link RankedRows#ordersByPrefix}). Callers have checked the key's kind.
 */
final class RangeRows {

    private final SqlKeyspace ks;
    private final SqlTransaction tx;
    private final Tables t;
    private final CollectionRows collections;
    private final RankedRows ranked;

    RangeRows(SqlKeyspace ks, CollectionRows collections, RankedRows ranked) {
        this.ks = ks;
        this.tx = ks.tx;
        this.t = tx.tables;
        this.collections = collections;
        this.ranked = ranked;
    }

    List<SortedSetValue.Member> rangeBy(byte[] key, SortedSetRange range, boolean reverse, long offset, long limit) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT || offset < 0 || limit == 0) {
            return new ArrayList<>();
        }
        if (ranked.ordersByPrefix(r)) {
            return SortedSetRange.collect((SortedSetValue) ks.get(key).value(), range, reverse, offset, limit);
        }
        String order = tx.dialect.sortedSetOrder(reverse);
        String sql = range instanceof SortedSetRange.ByScore s
                ? "SELECT member, score_bits FROM " + t.zsets() + " WHERE key_id = :id AND " + scoreWhere(s)
                        + " ORDER BY " + order
                : "SELECT member, score_bits " + lexWalk((SortedSetRange.ByLex) range, reverse) + " ORDER BY rn";
        var q = bind(tx.query(sql + " LIMIT :limit OFFSET :offset"), r, range, sql)
                .bind("limit", limit < 0 ? Long.MAX_VALUE : limit).bind("offset", offset);
        return q.map((rs, ctx) -> new SortedSetValue.Member(rs.getBytes(1), Double.longBitsToDouble(rs.getLong(2))))
                .list();
    }

    long count(byte[] key, SortedSetRange range) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT) {
            return 0;
        }
        if (range instanceof SortedSetRange.ByLex lex) {
            if (ranked.ordersByPrefix(r)) {
                return SortedSetRange.collect((SortedSetValue) ks.get(key).value(), range, false, 0, -1).size();
            }
            String sql = "SELECT COUNT(*) " + lexWalk(lex, false);
            return bind(tx.query(sql), r, range, sql).mapTo(Long.class).one();
        }
        String sql = "SELECT COUNT(*) FROM " + t.zsets() + " WHERE key_id = :id AND "
                + scoreWhere((SortedSetRange.ByScore) range);
        return bind(tx.query(sql), r, range, sql).mapTo(Long.class).one();
    }

    long remove(byte[] key, SortedSetRange range) {
        KeyRow r = ks.row(key);
        if (r == KeyRow.ABSENT) {
            return 0;
        }
        if (range instanceof SortedSetRange.ByLex) {
            List<byte[]> doomed = new ArrayList<>();
            for (SortedSetValue.Member m : rangeBy(key, range, false, 0, -1)) {
                doomed.add(m.member());
            }
            ranked.deleteMembers(key, r, t.zsets(), doomed);
            return doomed.size();
        }
        String sql = "DELETE FROM " + t.zsets() + " WHERE key_id = :id AND "
                + scoreWhere((SortedSetRange.ByScore) range);
        int removed = bind(tx.update(sql), r, range, sql).execute();
        if (removed > 0) {
            collections.deleteIfEmpty(key, r, t.zsets());
        }
        return removed;
    }

    /** How many members sort before {@code member} (after it, with {@code reverse}); null when it is absent. */
    Long rank(byte[] key, byte[] member, boolean reverse) {
        Double score = ks.sortedSetScore(key, member);
        if (score == null) {
            return null;
        }
        KeyRow r = ks.row(key);
        // strictly below the score (above, in reverse), or the same score and a lower (higher) member
        String sql = "SELECT COUNT(*) FROM " + t.zsets() + " WHERE key_id = :id AND ("
                + tx.dialect.scoreBound(reverse, score, true, "s") + " OR (" + tx.dialect.scoreBound(true, score, false, "s")
                + " AND " + tx.dialect.scoreBound(false, score, false, "s") + " AND member " + (reverse ? ">" : "<")
                + " :m))";
        var q = tx.query(sql).bind("id", r.id).bind("m", member);
        if (sql.contains(":s")) {
            q.bind("s", score);
        }
        return q.mapTo(Long.class).one();
    }

    private String scoreWhere(SortedSetRange.ByScore s) {
        return tx.dialect.scoreBound(true, s.min(), s.minExclusive(), "lo") + " AND "
                + tx.dialect.scoreBound(false, s.max(), s.maxExclusive(), "hi");
    }

    /**
     * {@code FROM ... WHERE ...} selecting the rows of Redis's walk over {@code range} ({@code :id} the key),
     * with columns {@code member}, {@code score_bits} and {@code rn}, the position in the walk's order.
     */
    private String lexWalk(SortedSetRange.ByLex range, boolean reverse) {
        String aboveMin = range.min() == null ? (range.minInf() ? "1 = 1" : "1 = 0")
                : "member " + (range.minExclusive() ? ">" : ">=") + " :min";
        String belowMax = range.max() == null ? (range.maxInf() ? "1 = 1" : "1 = 0")
                : "member " + (range.maxExclusive() ? "<" : "<=") + " :max";
        String start = reverse ? belowMax : aboveMin;
        String end = reverse ? aboveMin : belowMax;
        String numbered = "SELECT member, score_bits, ROW_NUMBER() OVER (ORDER BY " + tx.dialect.sortedSetOrder(reverse)
                + ") AS rn, COUNT(*) OVER () AS n, CASE WHEN " + start + " THEN 1 ELSE 0 END AS st, CASE WHEN "
                + end + " THEN 0 ELSE 1 END AS past FROM " + t.zsets() + " WHERE key_id = :id";
        // s: the first row past the start; p1, sl: the guard (first row past the end, last row past the start)
        String marked = "SELECT member, score_bits, rn, past, MIN(CASE WHEN st = 1 THEN rn END) OVER () AS s,"
                + " MAX(CASE WHEN rn = 1 THEN past END) OVER () AS p1, MAX(CASE WHEN rn = n THEN st END) OVER () AS sl"
                + " FROM (" + numbered + ") r";
        // e: the first row from s on that is past the end
        String ended = "SELECT member, score_bits, rn, s, p1, sl,"
                + " MIN(CASE WHEN past = 1 AND rn >= s THEN rn END) OVER () AS e FROM (" + marked + ") m";
        return "FROM (" + ended + ") w WHERE p1 = 0 AND sl = 1 AND rn >= s AND (e IS NULL OR rn < e)";
    }

    private <S extends SqlStatement<S>> S bind(S q, KeyRow r, SortedSetRange range, String sql) {
        q.bind("id", r.id);
        if (range instanceof SortedSetRange.ByScore s) {
            if (sql.contains(":lo")) {
                q.bind("lo", s.min());
            }
            if (sql.contains(":hi")) {
                q.bind("hi", s.max());
            }
        } else if (range instanceof SortedSetRange.ByLex l) {
            if (l.min() != null) {
                q.bind("min", l.min());
            }
            if (l.max() != null) {
                q.bind("max", l.max());
            }
        }
        return q;
    }
}
