package io.trustgate.redis.spi;

import io.trustgate.redis.spi.SortedSetAlgebra.Aggregate;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SortedSetAlgebraTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SortedSetValue zset(Object... memberScore) {
        SortedSetValue z = new SortedSetValue();
        for (int i = 0; i < memberScore.length; i += 2) {
            z.put(b((String) memberScore[i]), (Double) memberScore[i + 1]);
        }
        return z;
    }

    private static SortedSetAlgebra algebra(SetAlgebra op, Aggregate aggregate, double... weights) {
        return new SortedSetAlgebra(op, weights, aggregate);
    }

    @Test
    void visitsInputsByIncreasingSizeKeepingTiesInArgumentOrder() {
        assertThat(SortedSetAlgebra.visitOrder(new long[] {3, 1, 2, 1, 0})).containsExactly(4, 1, 3, 2, 0);
    }

    @Test
    void nanProductsAndSumsAreZeroAndMinMaxKeepTheEarlierOnTies() {
        SortedSetAlgebra sum = algebra(SetAlgebra.UNION, Aggregate.SUM, 0, INF);
        assertThat(sum.weighted(0, INF)).isEqualTo(0.0);
        assertThat(sum.weighted(1, -2)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(sum.combine(INF, Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(sum.combine(0.1, 0.2)).isEqualTo(0.1 + 0.2);
        SortedSetAlgebra min = algebra(SetAlgebra.UNION, Aggregate.MIN, 1);
        assertThat(Double.doubleToLongBits(min.combine(0.0, -0.0))).isEqualTo(Double.doubleToLongBits(0.0));
        assertThat(min.combine(3, -1)).isEqualTo(-1.0);
        assertThat(algebra(SetAlgebra.UNION, Aggregate.MAX, 1).combine(3, -1)).isEqualTo(3.0);
    }

    /** -inf + inf first (the two smaller inputs), then + 5: 5, where argument order would give 0. */
    @Test
    void unionSumsInVisitingOrder() {
        List<KeyspaceValue> inputs = Arrays.asList(zset("a", 5.0, "q", 1.0, "r", 2.0), zset("a", INF, "p", 1.0),
                zset("a", Double.NEGATIVE_INFINITY), null);
        SortedSetValue out = algebra(SetAlgebra.UNION, Aggregate.SUM, 1, 1, 1, 1).apply(inputs, 0);
        assertThat(out.score(b("a"))).isEqualTo(5.0);
        assertThat(out.size()).isEqualTo(4);
    }

    @Test
    void plainSetsScoreOneAndMissingInputsAreEmpty() {
        SetValue s = new SetValue();
        s.add(b("x"));
        s.add(b("y"));
        List<KeyspaceValue> inputs = Arrays.asList(zset("x", 2.0, "z", 3.0), s);
        assertThat(algebra(SetAlgebra.INTER, Aggregate.SUM, 2, 10).apply(inputs, 0).score(b("x"))).isEqualTo(14.0);
        SortedSetValue diff = algebra(SetAlgebra.DIFF, Aggregate.SUM, 1, 1).apply(inputs, 0);
        assertThat(diff.size()).isEqualTo(1);
        assertThat(diff.score(b("z"))).isEqualTo(3.0);
        List<KeyspaceValue> withMissing = new ArrayList<>(inputs);
        withMissing.add(null);
        assertThat(algebra(SetAlgebra.INTER, Aggregate.SUM, 1, 1, 1).apply(withMissing, 0).size()).isZero();
        assertThat(algebra(SetAlgebra.INTER, Aggregate.SUM, 1, 1).apply(inputs, 1).size()).isEqualTo(1);
    }

    @Test
    void weightsAreCopied() {
        double[] w = {2};
        SortedSetAlgebra a = algebra(SetAlgebra.UNION, Aggregate.SUM, w);
        w[0] = 3;
        assertThat(a.weight(0)).isEqualTo(2.0);
    }
}
