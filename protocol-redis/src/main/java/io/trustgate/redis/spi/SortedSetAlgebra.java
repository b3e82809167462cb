package io.trustgate.redis.spi;

import io.trustgate.redis.spi.SortedSetValue.Member;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * ZUNION, ZINTER, ZDIFF (their STORE forms, and ZINTERCARD for the intersection) as Redis 7.0's
 * {@code zunionInterDiffGenericCommand} computes them: a plain set counts as a sorted set whose scores are all 1,
 * each input's score is multiplied by its weight (a NaN product, infinity times 0, is 0), and the scores of one
 * member combine by SUM (a NaN sum, infinity plus minus infinity, is 0), MIN or MAX, pairwise in the order the
 * inputs are visited: a union and an intersection visit them in order of increasing size, ties in argument order
 * (Redis sorts them with {@code qsort}, which leaves the order of ties to the C library; ZUNION of {@code +inf},
 * {@code -inf} and 5 in sets of different sizes gives 0 on Redis 7.0, not the 5 of argument order). A difference keeps the first input's scores. Weights are one per input and never NaN.
 */
public record SortedSetAlgebra(SetAlgebra op, double[] weights, Aggregate aggregate) {

    /** How the scores of one member combine. */
    public enum Aggregate { SUM, MIN, MAX }

    public SortedSetAlgebra {
        weights = weights.clone();
    }

    /** The weight of input {@code input}. */
    public double weight(int input) {
        return weights[input];
    }

    /** {@code score} of input {@code input} weighted, 0 where the product is NaN. */
    public double weighted(int input, double score) {
        double v = weights[input] * score;
        return Double.isNaN(v) ? 0 : v;
    }

    /** The score so far {@code acc} combined with the next weighted score {@code value}. */
    public double combine(double acc, double value) {
        return switch (aggregate) {
            case SUM -> {
                double sum = acc + value;
                yield Double.isNaN(sum) ? 0 : sum;
            }
            case MIN -> value < acc ? value : acc;
            case MAX -> value > acc ? value : acc;
        };
    }

    /** The order in which an intersection visits inputs of these sizes: increasing size, ties in input order. */
    public static int[] visitOrder(long[] sizes) {
        Integer[] order = new Integer[sizes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> sizes[i])); // stable
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * This operation over whole values, one per input in argument order: a {@link SortedSetValue}, a
     * {@link SetValue}, or null for a missing key; with {@code limit > 0} an intersection stops after that many
     * members (ZINTERCARD's LIMIT). The inputs are not changed.
     */
    public SortedSetValue apply(List<KeyspaceValue> inputs, long limit) {
        SortedSetValue out = new SortedSetValue();
        long[] sizes = new long[inputs.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = size(inputs.get(i));
        }
        int[] order = visitOrder(sizes);
        switch (op) {
            case UNION -> {
                for (int i : order) {
                    for (Member m : members(inputs.get(i))) {
                        double score = weighted(i, m.score());
                        Double existing = out.score(m.member());
                        out.put(m.member(), existing == null ? score : combine(existing, score));
                    }
                }
            }
            case INTER -> {
                for (Member m : members(inputs.get(order[0]))) {
                    double score = weighted(order[0], m.score());
                    boolean everywhere = true;
                    for (int k = 1; k < order.length && everywhere; k++) {
                        Double other = score(inputs.get(order[k]), m.member());
                        everywhere = other != null;
                        if (everywhere) {
                            score = combine(score, weighted(order[k], other));
                        }
                    }
                    if (everywhere) {
                        out.put(m.member(), score);
                        if (limit > 0 && out.size() >= limit) {
                            break;
                        }
                    }
                }
            }
            case DIFF -> {
                for (Member m : members(inputs.get(0))) {
                    boolean elsewhere = false;
                    for (int i = 1; i < inputs.size() && !elsewhere; i++) {
                        elsewhere = score(inputs.get(i), m.member()) != null;
                    }
                    if (!elsewhere) {
                        out.put(m.member(), m.score());
                    }
                }
            }
            default -> throw new AssertionError(op);
        }
        return out;
    }

    private static List<Member> members(KeyspaceValue v) {
        if (v instanceof SortedSetValue z) {
            return new ArrayList<>(z.members());
        }
        List<Member> out = new ArrayList<>();
        if (v instanceof SetValue s) {
            for (byte[] m : s.members()) {
                out.add(new Member(m, 1.0));
            }
        }
        return out;
    }

    private static long size(KeyspaceValue v) {
        return v instanceof SortedSetValue z ? z.size() : v instanceof SetValue s ? s.size() : 0;
    }

    private static Double score(KeyspaceValue v, byte[] member) {
        if (v instanceof SortedSetValue z) {
            return z.score(member);
        }
        return v instanceof SetValue s && s.contains(member) ? 1.0 : null;
    }
}
