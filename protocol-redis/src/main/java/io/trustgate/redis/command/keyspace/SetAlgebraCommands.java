package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SINTER, SUNION, SDIFF, their STORE forms, and SINTERCARD, as Redis 7.0: every key is type-checked before any
 * work, a missing key is an empty set, and a STORE whose result is empty deletes the destination. The stored
 * result has no expiry, whatever the destination had.
 */
final class SetAlgebraCommands {

    private enum Op { INTER, UNION, DIFF }

    private SetAlgebraCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("sinter", c -> reply(c, Op.INTER), Capability.SETS)
                .add("sunion", c -> reply(c, Op.UNION), Capability.SETS)
                .add("sdiff", c -> reply(c, Op.DIFF), Capability.SETS)
                .add("sinterstore", c -> store(c, Op.INTER), Capability.SETS)
                .add("sunionstore", c -> store(c, Op.UNION), Capability.SETS)
                .add("sdiffstore", c -> store(c, Op.DIFF), Capability.SETS)
                .add("sintercard", SetAlgebraCommands::sintercard, Capability.SETS);
    }

    /** The sets under arguments {@code from..to-1}, null for missing keys; WRONGTYPE if any is not a set. */
    private static List<SetValue> sets(Call c, int from, int to) {
        List<SetValue> sets = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            sets.add(c.getTyped(c.arg(i), ValueType.SET));
        }
        return sets;
    }

    private static SetValue compute(List<SetValue> sets, Op op, long limit) {
        SetValue out = new SetValue();
        switch (op) {
            case INTER -> {
                if (sets.contains(null)) {
                    return out;
                }
                List<SetValue> bySize = new ArrayList<>(sets);
                bySize.sort(Comparator.comparingInt(SetValue::size));
                for (byte[] m : bySize.get(0).members()) {
                    boolean everywhere = true;
                    for (int i = 1; i < bySize.size() && everywhere; i++) {
                        everywhere = bySize.get(i).contains(m);
                    }
                    if (everywhere) {
                        out.add(m);
                        if (limit > 0 && out.size() >= limit) {
                            break;
                        }
                    }
                }
            }
            case UNION -> {
                for (SetValue s : sets) {
                    if (s != null) {
                        s.members().forEach(out::add);
                    }
                }
            }
            case DIFF -> {
                if (sets.get(0) == null) {
                    return out;
                }
                for (byte[] m : sets.get(0).members()) {
                    boolean elsewhere = false;
                    for (int i = 1; i < sets.size() && !elsewhere; i++) {
                        elsewhere = sets.get(i) != null && sets.get(i).contains(m);
                    }
                    if (!elsewhere) {
                        out.add(m);
                    }
                }
            }
            default -> throw new AssertionError(op);
        }
        return out;
    }

    static RedisMessage reply(Call c, Op op) {
        return SetCommands.members(compute(sets(c, 1, c.argc()), op, 0));
    }

    static RedisMessage store(Call c, Op op) {
        SetValue result = compute(sets(c, 2, c.argc()), op, 0);
        Keyspace ks = c.keyspace();
        ks.delete(c.arg(1));
        if (result.size() > 0) {
            ks.put(c.arg(1), result, Entry.NO_EXPIRY);
        }
        return Replies.integer(result.size());
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
        return Replies.integer(compute(sets(c, 2, 2 + (int) numkeys), Op.INTER, limit).size());
    }
}
