package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.SetAlgebra;
import io.trustgate.redis.spi.SortedSetAlgebra;

import java.util.List;

/**
 * ZUNIONSTORE and ZINTERSTORE as one {@code INSERT ... SELECT} where the database's doubles are IEEE doubles and
 * it can store a double's bits ({@link SqlDialect#doubleBits}; PostgreSQL): the scores are combined in SQL as
 * {@link SortedSetAlgebra} combines them, one level of subquery per input in visiting order ({@code OFFSET 0}
 * keeps the planner from merging the levels, which would repeat each level's expression in the next), a NaN
 * product or sum becoming 0. PostgreSQL raises an error where Redis gets an infinity or 0 from finite operands
 * (overflow, underflow: SQLSTATE 22003); the statement then runs inside a savepoint, is rolled back, and the
 * caller computes the result itself. Results are the same doubles either way.
 */
final class ScoreFold {

    /** 1 as a database double: a plain set's score. */
    static final String ONE = "CAST(1 AS DOUBLE PRECISION)";

    private static final String NAN = "CAST('NaN' AS DOUBLE PRECISION)";
    private static final String OUT_OF_RANGE = "22003";
    private static final String SAVEPOINT = "score_fold";

    /** The selection of an intersection's or union's rows ({@link SortedSetAlgebraRows#select}). */
    @FunctionalInterface
    interface Selector {
        SortedSetAlgebraRows.Selection select(SetAlgebra op, List<byte[]> keys, boolean scores);
    }

    private ScoreFold() {
    }

    /**
     * Stores the result under {@code destination} as {@link StoredResult#replace} does and returns its size; null
     * when the dialect cannot, or the database's arithmetic failed where Redis's does not (nothing changed then).
     */
    static Long store(SqlKeyspace ks, SortedSetAlgebra algebra, byte[] destination, List<byte[]> keys,
                      Selector selector) {
        SqlTransaction tx = ks.tx;
        if (tx.dialect.doubleBits("a") == null) {
            return null;
        }
        SortedSetAlgebraRows.Selection sel = selector.select(algebra.op(), keys, true);
        if (sel == null) {
            return StoredResult.replace(ks, destination, "zset", List.of(), null);
        }
        String sql = "INSERT INTO " + tx.tables.zsets() + " (key_id, member, score, score_bits) SELECT ?, member, a, "
                + tx.dialect.doubleBits("a") + " FROM (" + fold(algebra, sel.inputs(), sel.sql()) + ") f";
        ks.row(destination); // locked, and deleted if expired, before the savepoint: the cache stays true
        tx.savepoint(SAVEPOINT);
        try {
            long size = StoredResult.replace(ks, destination, "zset", sel.ids(), id -> {
                var u = tx.update(sql);
                u.bind(0, id);
                SetAlgebraRows.bind(u, 1, sel.binds());
                return u.execute();
            });
            tx.handle.releaseSavepoint(SAVEPOINT);
            return size;
        } catch (RuntimeException e) {
            if (!outOfRange(e)) {
                throw e;
            }
            tx.handle.rollbackToSavepoint(SAVEPOINT); // the key rows cached stay true: nothing was cached since
            return null;
        }
    }

    /**
     * {@code SELECT member, a}: the weighted scores of {@code rows} (columns {@code member}, {@code c0..}, one per
     * input in visiting order, NULL where absent) combined in that order.
     */
    static String fold(SortedSetAlgebra algebra, int[] inputs, String rows) {
        String from = "(" + rows + ") r";
        for (int k = 0; k < inputs.length; k++) {
            String c = "c" + k;
            String w = weighted(algebra.weight(inputs[k]), c);
            String acc = k == 0 ? w : "CASE WHEN " + c + " IS NULL THEN a WHEN a IS NULL THEN " + w + " ELSE "
                    + combine(algebra.aggregate(), "a", w) + " END";
            StringBuilder rest = new StringBuilder();
            for (int j = k + 1; j < inputs.length; j++) {
                rest.append(", c").append(j);
            }
            from = "(SELECT member, " + acc + " AS a" + rest + " FROM " + from + " OFFSET 0) r" + k;
        }
        return "SELECT member, a FROM " + from;
    }

    private static String weighted(double weight, String score) {
        String product = score + " * CAST('" + weight + "' AS DOUBLE PRECISION)";
        return "CASE WHEN " + product + " = " + NAN + " THEN 0 ELSE " + product + " END";
    }

    private static String combine(SortedSetAlgebra.Aggregate aggregate, String acc, String value) {
        return switch (aggregate) {
            case SUM -> "CASE WHEN " + acc + " + " + value + " = " + NAN + " THEN 0 ELSE " + acc + " + " + value + " END";
            case MIN -> "CASE WHEN " + value + " < " + acc + " THEN " + value + " ELSE " + acc + " END";
            case MAX -> "CASE WHEN " + value + " > " + acc + " THEN " + value + " ELSE " + acc + " END";
        };
    }

    private static boolean outOfRange(Throwable e) {
        return SqlStates.any(e, OUT_OF_RANGE::equals);
    }
}
