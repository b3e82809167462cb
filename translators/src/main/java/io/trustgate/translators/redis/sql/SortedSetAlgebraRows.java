package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.SetAlgebra;
import io.trustgate.redis.spi.SortedSetAlgebra;
import io.trustgate.redis.spi.SortedSetValue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD with the members chosen by the database, as
 * {@link SetAlgebraRows} chooses a set's, over inputs that are sorted sets ({@code zsets} rows) or plain sets
 * ({@code sets} rows, score 1). Only the result's members travel, each with one score per input that holds it
 * ({@code score_bits}, exact), and the scores are combined here by {@link SortedSetAlgebra}, in Redis's order, so
 * that weights, infinities and NaN come out as Redis computes them (MariaDB cannot hold an infinity). An
 * intersection reads the smallest input's rows and joins each other input to them by the member's hash; a union
 * reads each member from the first input of its table that holds it and left-joins every input; ZINTERCARD
 * counts the intersection's rows. ZDIFFSTORE, whose scores are the first input's unchanged, is one
 * {@code INSERT ... SELECT} ({@link StoredResult}); so are ZUNIONSTORE and ZINTERSTORE where the database can
 * do the arithmetic ({@link ScoreFold}), else they write the computed result in batches. Callers have checked
 * that every key holds a sorted set, a set, or nothing.
 */
final class SortedSetAlgebraRows {

    private static final long ONE_BITS = Double.doubleToLongBits(1.0);

    private final SqlKeyspace ks;
    private final SqlTransaction tx;
    private final Tables t;

    SortedSetAlgebraRows(SqlKeyspace ks) {
        this.ks = ks;
        this.tx = ks.tx;
        this.t = tx.tables;
    }

    SortedSetValue combine(SortedSetAlgebra algebra, List<byte[]> keys, long limit) {
        KeyRow[] rows = new KeyRow[keys.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ks.row(keys.get(i));
        }
        return switch (algebra.op()) {
            case INTER -> inter(algebra, rows, limit);
            case UNION -> union(algebra, rows);
            case DIFF -> diff(rows);
        };
    }

    long store(SortedSetAlgebra algebra, byte[] destination, List<byte[]> keys) {
        if (algebra.op() != SetAlgebra.DIFF) {
            Long stored = ScoreFold.store(ks, algebra, destination, keys, this::select);
            if (stored != null) {
                return stored;
            }
            SortedSetValue result = combine(algebra, keys, 0);
            return StoredResult.replace(ks, destination, "zset", List.of(), result.size() == 0 ? null : id -> {
                tx.rows.insert(id, result);
                return result.size();
            });
        }
        KeyRow first = ks.row(keys.get(0));
        List<Long> others = others(keys);
        if (first == KeyRow.ABSENT || others == null) {
            return StoredResult.replace(ks, destination, "zset", List.of(), null);
        }
        List<Long> inputs = new ArrayList<>(others);
        inputs.add(first.id);
        return StoredResult.replace(ks, destination, "zset", inputs, id -> {
            String score = zset(first) ? "s.score, s.score_bits" : "1, " + ONE_BITS;
            var u = tx.update("INSERT INTO " + t.zsets() + " (key_id, member, score, score_bits) SELECT ?, s.member, "
                    + score + " FROM " + table(first) + " s WHERE s.key_id = ?" + notIn(others));
            u.bind(0, id).bind(1, first.id);
            bindOthers(u, 2, others);
            return u.execute();
        });
    }

    // ----------------------------------------------------------------------------------------- intersection

    /** ZINTERCARD: {@code COUNT(*)} over the intersection's rows, LIMIT inside. */
    long interCard(List<byte[]> keys, long limit) {
        Selection sel = select(SetAlgebra.INTER, keys, false);
        if (sel == null) {
            return 0;
        }
        var q = tx.query("SELECT COUNT(*) FROM (" + sel.sql() + (limit > 0 ? " LIMIT " + limit : "") + ") c");
        SetAlgebraRows.bind(q, 0, sel.binds());
        return q.mapTo(Long.class).one();
    }

    private SortedSetValue inter(SortedSetAlgebra algebra, KeyRow[] rows, long limit) {
        SortedSetValue out = new SortedSetValue();
        Selection sel = select(algebra.op(), rows, false);
        if (sel == null) {
            return out;
        }
        var q = tx.query(sel.sql() + (limit > 0 ? " LIMIT " + limit : ""));
        SetAlgebraRows.bind(q, 0, sel.binds());
        int[] order = sel.inputs();
        q.map((rs, ctx) -> {
            double acc = algebra.weighted(order[0], score(rs, 2, rows[order[0]]));
            for (int k = 1; k < order.length; k++) {
                acc = algebra.combine(acc, algebra.weighted(order[k], score(rs, 2 + k, rows[order[k]])));
            }
            return out.put(rs.getBytes(1), acc);
        }).forEach(x -> { });
        return out;
    }

    /**
     * The statement that selects an intersection's or a union's members ({@code member}) and their inputs' scores
     * ({@code c0}, {@code c1}, ... in visiting order; {@link #inputs} says whose), with its positional binds; null
     * when the result is empty. The score columns hold each input's {@code score_bits} (a set's key id), or with
     * {@code scores} its score as a double (1 for a set); NULL where the input lacks the member.
     */
    record Selection(String sql, List<Object> binds, int[] inputs, List<Long> ids) {
    }

    Selection select(SetAlgebra op, List<byte[]> keys, boolean scores) {
        KeyRow[] rows = new KeyRow[keys.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ks.row(keys.get(i));
        }
        return select(op, rows, scores);
    }

    private Selection select(SetAlgebra op, KeyRow[] rows, boolean scores) {
        List<Integer> live = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != KeyRow.ABSENT) {
                live.add(i);
                ids.add(rows[i].id);
            } else if (op == SetAlgebra.INTER) {
                return null;
            }
        }
        if (live.isEmpty()) {
            return null;
        }
        int[] order = SortedSetAlgebra.visitOrder(sizes(rows));
        int[] inputs = new int[live.size()];
        int n = 0;
        for (int i : order) {
            if (rows[i] != KeyRow.ABSENT) {
                inputs[n++] = i;
            }
        }
        List<Object> binds = new ArrayList<>();
        String sql = op == SetAlgebra.INTER ? interSql(rows, inputs, scores, binds) : unionSql(rows, inputs, scores, binds);
        return new Selection(sql, binds, inputs, ids);
    }

    /** Reads the first input's rows and joins each other input's row of the same member. */
    private String interSql(KeyRow[] rows, int[] inputs, boolean scores, List<Object> binds) {
        StringBuilder sql = new StringBuilder("SELECT s.member, ").append(column(rows[inputs[0]], "s", scores))
                .append(" AS c0");
        StringBuilder joins = new StringBuilder();
        for (int k = 1; k < inputs.length; k++) {
            sql.append(", ").append(column(rows[inputs[k]], "t" + k, scores)).append(" AS c").append(k);
            joins.append(" JOIN ").append(table(rows[inputs[k]])).append(" t").append(k).append(" ON t").append(k)
                    .append(".key_id = ? AND ").append(SetAlgebraRows.sameMember(tx.dialect, "t" + k, "s"));
            binds.add(rows[inputs[k]].id);
        }
        binds.add(rows[inputs[0]].id);
        return sql.append(" FROM ").append(table(rows[inputs[0]])).append(" s").append(joins)
                .append(" WHERE s.key_id = ?").toString();
    }

    // ------------------------------------------------------------------------------------------------ union

    private SortedSetValue union(SortedSetAlgebra algebra, KeyRow[] rows) {
        SortedSetValue out = new SortedSetValue();
        Selection sel = select(SetAlgebra.UNION, rows, false);
        if (sel == null) {
            return out;
        }
        var q = tx.query(sel.sql());
        SetAlgebraRows.bind(q, 0, sel.binds());
        int[] inputs = sel.inputs();
        q.map((rs, ctx) -> {
            Double acc = null;
            for (int k = 0; k < inputs.length; k++) {
                rs.getLong(2 + k);
                if (!rs.wasNull()) {
                    double w = algebra.weighted(inputs[k], score(rs, 2 + k, rows[inputs[k]]));
                    acc = acc == null ? w : algebra.combine(acc, w);
                }
            }
            return out.put(rs.getBytes(1), acc);
        }).forEach(x -> { });
        return out;
    }

    /**
     * Each member from the first input of its table that holds it (sorted sets before sets), with every input
     * left-joined to it.
     */
    private String unionSql(KeyRow[] rows, int[] inputs, boolean scores, List<Object> binds) {
        List<Long> zids = new ArrayList<>();
        List<Long> sids = new ArrayList<>();
        for (int i : inputs) {
            List<Long> ids = zset(rows[i]) ? zids : sids;
            if (!ids.contains(rows[i].id)) {
                ids.add(rows[i].id);
            }
        }
        String sql = zids.isEmpty() ? "" : unionPart(t.zsets(), zids, List.of(), rows, inputs, scores, binds);
        if (!sids.isEmpty()) {
            sql += (sql.isEmpty() ? "" : " UNION ALL ") + unionPart(t.sets(), sids, zids, rows, inputs, scores, binds);
        }
        return sql;
    }

    /**
     * The members of {@code table}'s inputs {@code ids} found in no input of lower id there nor in {@code before}
     * (the sorted-set inputs, when this part reads plain sets), each with a column per present input in visiting
     * order ({@link #column}).
     */
    private String unionPart(String table, List<Long> ids, List<Long> before, KeyRow[] rows, int[] inputs,
                             boolean scores, List<Object> binds) {
        StringBuilder columns = new StringBuilder("SELECT s.member");
        StringBuilder joins = new StringBuilder();
        for (int k = 0; k < inputs.length; k++) {
            int i = inputs[k];
            String a = "t" + i;
            columns.append(", ").append(column(rows[i], a, scores)).append(" AS c").append(k);
            joins.append(" LEFT JOIN ").append(table(rows[i])).append(' ').append(a).append(" ON ").append(a)
                    .append(".key_id = ? AND ").append(SetAlgebraRows.sameMember(tx.dialect, a, "s"));
            binds.add(rows[i].id);
        }
        String marks = SetAlgebraRows.marks(ids.size());
        String sql = columns + " FROM " + table + " s" + joins + " WHERE s.key_id IN (" + marks + ")";
        binds.addAll(ids);
        if (ids.size() > 1) {
            sql += " AND NOT EXISTS (SELECT 1 FROM " + table + " u WHERE u.key_id IN (" + marks
                    + ") AND u.key_id < s.key_id AND " + SetAlgebraRows.sameMember(tx.dialect, "u", "s") + ")";
            binds.addAll(ids);
        }
        if (!before.isEmpty()) {
            sql += " AND NOT EXISTS (SELECT 1 FROM " + t.zsets() + " u WHERE u.key_id IN ("
                    + SetAlgebraRows.marks(before.size()) + ") AND " + SetAlgebraRows.sameMember(tx.dialect, "u", "s")
                    + ")";
            binds.addAll(before);
        }
        return sql;
    }

    // ------------------------------------------------------------------------------------------- difference

    private SortedSetValue diff(KeyRow[] rows) {
        SortedSetValue out = new SortedSetValue();
        List<Long> others = others(rows);
        if (rows[0] == KeyRow.ABSENT || others == null) {
            return out;
        }
        var q = tx.query("SELECT s.member, " + score(rows[0], "s") + " FROM " + table(rows[0]) + " s"
                + " WHERE s.key_id = ?" + notIn(others));
        q.bind(0, rows[0].id);
        bindOthers(q, 1, others);
        q.map((rs, ctx) -> out.put(rs.getBytes(1), score(rs, 2, rows[0]))).forEach(x -> { });
        return out;
    }

    private List<Long> others(List<byte[]> keys) {
        KeyRow[] rows = new KeyRow[keys.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ks.row(keys.get(i));
        }
        return others(rows);
    }

    /**
     * The ids of the inputs after the first, sorted sets first then sets (null when one of them is the first
     * input, which leaves nothing), for {@link #notIn}; the first list's size is prepended.
     */
    private static List<Long> others(KeyRow[] rows) {
        List<Long> z = new ArrayList<>();
        List<Long> s = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            KeyRow r = rows[i];
            if (r == KeyRow.ABSENT) {
                continue;
            }
            if (r.id == rows[0].id) {
                return null;
            }
            List<Long> ids = zset(r) ? z : s;
            if (!ids.contains(r.id)) {
                ids.add(r.id);
            }
        }
        List<Long> out = new ArrayList<>(z.size() + s.size() + 1);
        out.add((long) z.size());
        out.addAll(z);
        out.addAll(s);
        return out;
    }

    /** {@code AND NOT EXISTS} the member in the sorted sets, then the sets, of {@link #others}. */
    private String notIn(List<Long> others) {
        int z = others.get(0).intValue();
        int s = others.size() - 1 - z;
        String sql = "";
        if (z > 0) {
            sql += " AND NOT EXISTS (SELECT 1 FROM " + t.zsets() + " t WHERE t.key_id IN (" + SetAlgebraRows.marks(z)
                    + ") AND " + SetAlgebraRows.sameMember(tx.dialect, "t", "s") + ")";
        }
        if (s > 0) {
            sql += " AND NOT EXISTS (SELECT 1 FROM " + t.sets() + " t WHERE t.key_id IN (" + SetAlgebraRows.marks(s)
                    + ") AND " + SetAlgebraRows.sameMember(tx.dialect, "t", "s") + ")";
        }
        return sql;
    }

    private static void bindOthers(org.jdbi.v3.core.statement.SqlStatement<?> q, int first, List<Long> others) {
        SetAlgebraRows.bind(q, first, others.subList(1, others.size()));
    }

    // ------------------------------------------------------------------------------------------------ parts

    /** Each input's number of members (0 for a missing key), counted once per distinct key. */
    private long[] sizes(KeyRow[] rows) {
        List<Long> z = new ArrayList<>();
        List<Long> s = new ArrayList<>();
        for (KeyRow r : rows) {
            if (r != KeyRow.ABSENT && !(zset(r) ? z : s).contains(r.id)) {
                (zset(r) ? z : s).add(r.id);
            }
        }
        Map<Long, Long> counts = new HashMap<>();
        if (z.size() + s.size() > 1) {
            if (!z.isEmpty()) {
                SetAlgebraRows.counts(tx, t.zsets(), z, counts);
            }
            if (!s.isEmpty()) {
                SetAlgebraRows.counts(tx, t.sets(), s, counts);
            }
        }
        long[] sizes = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sizes[i] = rows[i] == KeyRow.ABSENT ? 0 : counts.getOrDefault(rows[i].id, 1L);
        }
        return sizes;
    }

    private static boolean zset(KeyRow r) {
        return "zset".equals(r.type);
    }

    private String table(KeyRow r) {
        return zset(r) ? t.zsets() : t.sets();
    }

    /** The column that holds the score bits of input {@code r}'s row aliased {@code alias} (a set's is a placeholder). */
    private static String score(KeyRow r, String alias) {
        return column(r, alias, false);
    }

    /**
     * Input {@code r}'s score in its row aliased {@code alias}, NULL where the row is missing: {@code score_bits}
     * (a set's key id, a placeholder) or, with {@code scores}, the score as a double (1 for a set).
     */
    private static String column(KeyRow r, String alias, boolean scores) {
        if (zset(r)) {
            return alias + (scores ? ".score" : ".score_bits");
        }
        return scores ? "CASE WHEN " + alias + ".key_id IS NULL THEN NULL ELSE " + ScoreFold.ONE + " END"
                : alias + ".key_id";
    }

    private static double score(ResultSet rs, int column, KeyRow r) throws SQLException {
        return zset(r) ? Double.longBitsToDouble(rs.getLong(column)) : 1.0;
    }
}
