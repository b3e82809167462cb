package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.SetAlgebra;
import io.trustgate.redis.spi.SortedSetAlgebra;
import io.trustgate.redis.spi.SortedSetAlgebra.Aggregate;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE, ZUNION, ZINTER, ZDIFF and ZINTERCARD, parsed as Redis 7.0's
 * {@code zunionInterDiffGenericCommand} parses them: every input key is type-checked (a sorted set, a set or
 * missing) before the options are read, without reading the values. The keyspace computes the result
 * ({@link io.trustgate.redis.spi.SortedSetKeyspace#sortedSetCombine}; the arithmetic is {@link SortedSetAlgebra}'s)
 * and the STORE forms store it there, replacing the destination and clearing its expiry.
 */
final class SortedSetAlgebraCommands {

    private SortedSetAlgebraCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("zunionstore", c -> run(c, SetAlgebra.UNION, true, false), Capability.SORTED_SETS)
                .add("zinterstore", c -> run(c, SetAlgebra.INTER, true, false), Capability.SORTED_SETS)
                .add("zdiffstore", c -> run(c, SetAlgebra.DIFF, true, false), Capability.SORTED_SETS)
                .add("zunion", c -> run(c, SetAlgebra.UNION, false, false), Capability.SORTED_SETS)
                .add("zinter", c -> run(c, SetAlgebra.INTER, false, false), Capability.SORTED_SETS)
                .add("zdiff", c -> run(c, SetAlgebra.DIFF, false, false), Capability.SORTED_SETS)
                .add("zintercard", c -> run(c, SetAlgebra.INTER, false, true), Capability.SORTED_SETS);
    }

    static RedisMessage run(Call c, SetAlgebra op, boolean store, boolean cardinalityOnly) {
        int numkeysIndex = store ? 2 : 1;
        long setnum = c.longArg(numkeysIndex);
        if (setnum < 1) {
            throw new CommandException("ERR at least 1 input key is needed for '" + c.name() + "' command");
        }
        if (setnum > c.argc() - (numkeysIndex + 1)) {
            throw CommandException.syntax();
        }
        int n = (int) setnum;
        List<byte[]> keys = new ArrayList<>(n);
        int j = numkeysIndex + 1;
        for (int i = 0; i < n; i++, j++) {
            ValueType t = c.keyspace().type(c.arg(j));
            if (t != null && t != ValueType.ZSET && t != ValueType.SET) {
                throw CommandException.wrongType();
            }
            keys.add(c.arg(j));
        }
        double[] weights = new double[n];
        Arrays.fill(weights, 1.0);
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        while (j < c.argc()) {
            int remaining = c.argc() - j;
            if (op != SetAlgebra.DIFF && !cardinalityOnly && remaining >= n + 1 && c.argIs(j, "WEIGHTS")) {
                j++;
                for (int i = 0; i < n; i++, j++) {
                    weights[i] = Scores.parseOrThrow(c.arg(j), "ERR weight value is not a float");
                }
            } else if (op != SetAlgebra.DIFF && !cardinalityOnly && remaining >= 2 && c.argIs(j, "AGGREGATE")) {
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
        if (cardinalityOnly) {
            return Replies.integer(c.keyspace().sortedSetInterCard(keys, limit));
        }
        SortedSetAlgebra algebra = new SortedSetAlgebra(op, weights, aggregate);
        if (store) {
            return Replies.integer(c.keyspace().sortedSetCombineStore(algebra, c.arg(1), keys));
        }
        SortedSetValue result = c.keyspace().sortedSetCombine(algebra, keys, 0);
        return SortedSetCommands.members(new ArrayList<>(result.members()), withScores);
    }
}
