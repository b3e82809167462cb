package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Set commands on one or two keys, as Redis 7.0's {@code t_set.c}: SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER,
 * SCARD, SMOVE, SSCAN, plus SPOP and SRANDMEMBER (in {@link RandomPicks}). The algebra (SINTER...) is in
 * {@link SetAlgebraCommands}. A set that loses its last member is deleted; writes keep the key's expiry.
 */
final class SetCommands {

    private SetCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("sadd", SetCommands::sadd, Capability.SETS)
                .add("srem", SetCommands::srem, Capability.SETS)
                .add("smembers", c -> members(set(c)), Capability.SETS)
                .add("sismember", c -> Replies.bool(contains(c, c.arg(2))), Capability.SETS)
                .add("smismember", SetCommands::smismember, Capability.SETS)
                .add("scard", c -> Replies.integer(c.checkKind(c.arg(1), ValueType.SET)
                        ? c.keyspace().setSize(c.arg(1)) : 0), Capability.SETS)
                .add("smove", SetCommands::smove, Capability.SETS)
                .add("sscan", c -> CollectionScan.scan(c, ValueType.SET, 1, Keyspace::setScan), Capability.SETS)
                .add("spop", RandomPicks::spop, Capability.SETS)
                .add("srandmember", RandomPicks::srandmember, Capability.SETS);
        SetAlgebraCommands.register(b);
    }

    private static SetValue set(Call c) {
        return c.getTyped(c.arg(1), ValueType.SET);
    }

    /** Whether the set under argument 1 has {@code member}, read alone; WRONGTYPE for another kind. */
    private static boolean contains(Call c, byte[] member) {
        if (c.keyspace().setContains(c.arg(1), member)) {
            return true;
        }
        c.checkKind(c.arg(1), ValueType.SET);
        return false;
    }

    private static List<byte[]> members(Call c, int from) {
        List<byte[]> out = new ArrayList<>(c.argc() - from);
        for (int i = from; i < c.argc(); i++) {
            out.add(c.arg(i));
        }
        return out;
    }

    static RedisMessage members(SetValue s) {
        return Replies.bulkSet(s == null ? List.of() : s.members());
    }

    static RedisMessage sadd(Call c) {
        c.checkKind(c.arg(1), ValueType.SET);
        return Replies.integer(c.keyspace().setAdd(c.arg(1), members(c, 2)));
    }

    static RedisMessage srem(Call c) {
        if (!c.checkKind(c.arg(1), ValueType.SET)) {
            return Replies.ZERO;
        }
        return Replies.integer(c.keyspace().setRemove(c.arg(1), members(c, 2)));
    }

    static RedisMessage smismember(Call c) {
        boolean exists = c.checkKind(c.arg(1), ValueType.SET);
        List<RedisMessage> out = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            out.add(Replies.bool(exists && c.keyspace().setContains(c.arg(1), c.arg(i))));
        }
        return Replies.array(out);
    }

    /** SMOVE source destination member, in Redis's order of checks. */
    static RedisMessage smove(Call c) {
        Keyspace ks = c.keyspace();
        Entry se = ks.get(c.arg(1));
        Entry de = ks.get(c.arg(2));
        if (se == null) {
            return Replies.ZERO;
        }
        SetValue source = Call.typed(se, ValueType.SET);
        SetValue destination = Call.typed(de, ValueType.SET);
        byte[] member = c.arg(3);
        if (Arrays.equals(c.arg(1), c.arg(2))) {
            return Replies.bool(source.contains(member));
        }
        if (!source.remove(member)) {
            return Replies.ZERO;
        }
        Call.putOrDelete(ks, c.arg(1), source, source.size(), se);
        if (destination == null) {
            destination = new SetValue();
        }
        if (destination.add(member)) {
            Call.putOrDelete(ks, c.arg(2), destination, destination.size(), de);
        }
        return Replies.ONE;
    }
}
