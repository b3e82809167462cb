package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.SetAlgebra;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * SINTER, SUNION, SDIFF, their STORE forms, and SINTERCARD, as Redis 7.0: every key is type-checked before any
 * work, a missing key is an empty set, and a STORE whose result is empty deletes the destination. The stored
 * result has no expiry, whatever the destination had.
 */
final class SetAlgebraCommands {

    private SetAlgebraCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("sinter", c -> reply(c, SetAlgebra.INTER), Capability.SETS)
                .add("sunion", c -> reply(c, SetAlgebra.UNION), Capability.SETS)
                .add("sdiff", c -> reply(c, SetAlgebra.DIFF), Capability.SETS)
                .add("sinterstore", c -> store(c, SetAlgebra.INTER), Capability.SETS)
                .add("sunionstore", c -> store(c, SetAlgebra.UNION), Capability.SETS)
                .add("sdiffstore", c -> store(c, SetAlgebra.DIFF), Capability.SETS)
                .add("sintercard", SetAlgebraCommands::sintercard, Capability.SETS);
    }

    /**
     * The keys of arguments {@code from..to-1}, each checked to hold a set or not to exist (WRONGTYPE otherwise)
     * before any work, without reading the sets: the keyspace computes the result
     * ({@link io.trustgate.redis.spi.Keyspace#setCombine}).
     */
    private static List<byte[]> keys(Call c, int from, int to) {
        List<byte[]> keys = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            c.checkKind(c.arg(i), ValueType.SET);
            keys.add(c.arg(i));
        }
        return keys;
    }

    static RedisMessage reply(Call c, SetAlgebra op) {
        return Replies.bulkSet(c.keyspace().setCombine(op, keys(c, 1, c.argc())));
    }

    static RedisMessage store(Call c, SetAlgebra op) {
        return Replies.integer(c.keyspace().setCombineStore(op, c.arg(1), keys(c, 2, c.argc())));
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit]. */
    static RedisMessage sintercard(Call c) {
        long numkeys;
        try {
            numkeys = c.longArg(1);
        } catch (CommandException e) {
            throw new CommandException("ERR numkeys should be greater than 0");
        }
        if (numkeys < 1) {
            throw new CommandException("ERR numkeys should be greater than 0");
        }
        if (numkeys > c.argc() - 2) {
            throw new CommandException("ERR Number of keys can't be greater than number of args");
        }
        long limit = 0;
        for (int j = 2 + (int) numkeys; j < c.argc(); j++) {
            if (c.argIs(j, "LIMIT") && j + 1 < c.argc()) {
                limit = c.positiveLongArg(++j, "LIMIT can't be negative");
            } else {
                throw CommandException.syntax();
            }
        }
        return Replies.integer(c.keyspace().setInterCard(keys(c, 2, 2 + (int) numkeys), limit));
    }
}
