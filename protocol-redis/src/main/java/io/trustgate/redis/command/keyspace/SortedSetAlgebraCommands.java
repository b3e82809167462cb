package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.SortedSetValue.Member;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE, ZUNION, ZINTER, ZDIFF and ZINTERCARD, as Redis 7.0's
 * {@code zunionInterDiffGenericCommand}: plain sets count as sorted sets with score 1, WEIGHTS multiply (a NaN
 * product is 0), AGGREGATE SUM/MIN/MAX combine (a NaN sum is 0). Union aggregates in key order, intersection in
 * order of increasing size, as Redis does. A stored empty result deletes the destination.
 */
final class SortedSetAlgebraCommands {

    private enum Op { UNION, INTER, DIFF }

    private enum Aggregate { SUM, MIN, MAX }

    /** One input: its members with their scores (empty for a missing key) and its weight. */
    private record Source(List<Member> members, SortedSetValue zset, SetValue set, double weight) {

        int size() {
            return members.size();
        }

        Double score(byte[] member) {
            if (zset != null) {
                return zset.score(member);
            }
            return set != null && set.contains(member) ? 1.0 : null;
        }
    }

    private SortedSetAlgebraCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("zunionstore", c -> run(c, Op.UNION, true, false), Capability.SORTED_SETS)
                .add("zinterstore", c -> run(c, Op.INTER, true, false), Capability.SORTED_SETS)
                .add("zdiffstore", c -> run(c, Op.DIFF, true, false), Capability.SORTED_SETS)
                .add("zunion", c -> run(c, Op.UNION, false, false), Capability.SORTED_SETS)
                .add("zinter", c -> run(c, Op.INTER, false, false), Capability.SORTED_SETS)
                .add("zdiff", c -> run(c, Op.DIFF, false, false), Capability.SORTED_SETS)
                .add("zintercard", c -> run(c, Op.INTER, false, true), Capability.SORTED_SETS);
    }

    static RedisMessage run(Call c, Op op, boolean store, boolean cardinalityOnly) {
        int numkeysIndex = store ? 2 : 1;
        long setnum = c.longArg(numkeysIndex);
        if (setnum < 1) {
            throw new CommandException("ERR at least 1 input key is needed for '" + c.name() + "' command");
        }
        if (setnum > c.argc() - (numkeysIndex + 1)) {
            throw CommandException.syntax();
        }
        int n = (int) setnum;
        KeyspaceValue[] inputs = new KeyspaceValue[n];
        int j = numkeysIndex + 1;
        for (int i = 0; i < n; i++, j++) {
            Entry e = c.keyspace().get(c.arg(j));
            if (e != null && e.value().type() != ValueType.ZSET && e.value().type() != ValueType.SET) {
                throw CommandException.wrongType();
            }
            inputs[i] = e == null ? null : e.value();
        }
        double[] weights = new double[n];
        java.util.Arrays.fill(weights, 1.0);
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        while (j < c.argc()) {
            int remaining = c.argc() - j;
            if (op != Op.DIFF && !cardinalityOnly && remaining >= n + 1 && c.argIs(j, "WEIGHTS")) {
                j++;
                for (int i = 0; i < n; i++, j++) {
                    weights[i] = Scores.parseOrThrow(c.arg(j), "ERR weight value is not a float");
                }
            } else if (op != Op.DIFF && !cardinalityOnly && remaining >= 2 && c.argIs(j, "AGGREGATE")) {
                j++;
                if (c.argIs(j, "SUM")) {
                    aggregate = Aggregate.SUM;
                } else if (c.argIs(j, "MIN")) {
                    aggregate = Aggregate.MIN;
                } else if (c.argIs(j, "MAX")) {
                    aggregate = Aggregate.MAX;
                } else {
                    throw CommandException.syntax();
                }
                j++;
            } else if (!store && !cardinalityOnly && c.argIs(j, "WITHSCORES")) {
                j++;
                withScores = true;
            } else if (cardinalityOnly && remaining >= 2 && c.argIs(j, "LIMIT")) {
                limit = c.positiveLongArg(j + 1, "LIMIT can't be negative");
                j += 2;
            } else {
                throw CommandException.syntax();
            }
        }
        List<Source> sources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sources.add(source(inputs[i], weights[i]));
        }
        SortedSetValue result = compute(op, sources, aggregate, cardinalityOnly ? limit : 0);
        if (cardinalityOnly) {
            return Replies.integer(result.size());
        }
        if (store) {
            Keyspace ks = c.keyspace();
            ks.delete(c.arg(1));
            if (result.size() > 0) {
                ks.put(c.arg(1), result, Entry.NO_EXPIRY);
            }
            return Replies.integer(result.size());
        }
        return SortedSetCommands.members(new ArrayList<>(result.members()), withScores);
    }

    private static Source source(KeyspaceValue v, double weight) {
        if (v instanceof SortedSetValue z) {
            return new Source(new ArrayList<>(z.members()), z, null, weight);
        }
        if (v instanceof SetValue s) {
            List<Member> members = new ArrayList<>(s.size());
            for (byte[] m : s.members()) {
                members.add(new Member(m, 1.0));
            }
            return new Source(members, null, s, weight);
        }
        return new Source(List.of(), null, null, weight);
    }

    private static double weighted(Source s, double score) {
        double v = s.weight() * score;
        return Double.isNaN(v) ? 0 : v;
    }

    private static double combine(Aggregate a, double target, double value) {
        return switch (a) {
            case SUM -> {
                double sum = target + value;
                yield Double.isNaN(sum) ? 0 : sum;
            }
            case MIN -> value < target ? value : target;
            case MAX -> value > target ? value : target;
        };
    }

    private static SortedSetValue compute(Op op, List<Source> sources, Aggregate aggregate, long limit) {
        SortedSetValue out = new SortedSetValue();
        switch (op) {
            case UNION -> {
                for (Source s : sources) {
                    for (Member m : s.members()) {
                        double score = weighted(s, m.score());
                        Double existing = out.score(m.member());
                        out.put(m.member(), existing == null ? score : combine(aggregate, existing, score));
                    }
                }
            }
            case INTER -> {
                List<Source> bySize = new ArrayList<>(sources);
                bySize.sort(Comparator.comparingInt(Source::size));
                for (Member m : bySize.get(0).members()) {
                    double score = weighted(bySize.get(0), m.score());
                    boolean everywhere = true;
                    for (int i = 1; i < bySize.size() && everywhere; i++) {
                        Double other = bySize.get(i).score(m.member());
                        if (other == null) {
                            everywhere = false;
                        } else {
                            score = combine(aggregate, score, weighted(bySize.get(i), other));
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
                for (Member m : sources.get(0).members()) {
                    boolean elsewhere = false;
                    for (int i = 1; i < sources.size() && !elsewhere; i++) {
                        elsewhere = sources.get(i).score(m.member()) != null;
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
}
