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
                .add("sismember", c -> Replies.bool(contains(set(c), c.arg(2))), Capability.SETS)
                .add("smismember", SetCommands::smismember, Capability.SETS)
                .add("scard", c -> Replies.integer(set(c) == null ? 0 : set(c).size()), Capability.SETS)
                .add("smove", SetCommands::smove, Capability.SETS)
                .add("sscan", c -> CollectionScan.scan(c, ValueType.SET, 1, v -> ((SetValue) v).members()),
                        Capability.SETS)
                .add("spop", RandomPicks::spop, Capability.SETS)
                .add("srandmember", RandomPicks::srandmember, Capability.SETS);
        SetAlgebraCommands.register(b);
    }

    private static SetValue set(Call c) {
        return c.getTyped(c.arg(1), ValueType.SET);
    }

    private static boolean contains(SetValue s, byte[] member) {
        return s != null && s.contains(member);
    }

    static RedisMessage members(SetValue s) {
        return Replies.bulkSet(s == null ? List.of() : s.members());
    }

    static RedisMessage sadd(Call c) {
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        SetValue s = e == null ? new SetValue() : Call.typed(e, ValueType.SET);
        long added = 0;
        for (int i = 2; i < c.argc(); i++) {
            if (s.add(c.arg(i))) {
                added++;
            }
        }
        if (added > 0) {
            Call.putOrDelete(ks, c.arg(1), s, s.size(), e);
        }
        return Replies.integer(added);
    }

    static RedisMessage srem(Call c) {
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        SetValue s = Call.typed(e, ValueType.SET);
        if (s == null) {
            return Replies.ZERO;
        }
        long removed = 0;
        for (int i = 2; i < c.argc(); i++) {
            if (s.remove(c.arg(i))) {
                removed++;
            }
        }
        if (removed > 0) {
            Call.putOrDelete(ks, c.arg(1), s, s.size(), e);
        }
        return Replies.integer(removed);
    }

    static RedisMessage smismember(Call c) {
        SetValue s = set(c);
        List<RedisMessage> out = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            out.add(Replies.bool(contains(s, c.arg(i))));
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
