package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.HashValue;
import io.trustgate.redis.spi.SetValue;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * The commands that pick at random: HRANDFIELD, SRANDMEMBER, ZRANDMEMBER and SPOP. Argument checks and the
 * shapes of their replies follow Redis 7.0; which elements come back is random, as in Redis: a negative count
 * allows repeats, a positive count gives distinct elements, at most all of them.
 */
final class RandomPicks {

    private static final String OUT_OF_RANGE = "ERR value is out of range, value must between "
            + -Long.MAX_VALUE + " and " + Long.MAX_VALUE;

    private RandomPicks() {
    }

    /** Redis's {@code getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX)}. */
    private static long countArg(Call c) {
        long count = c.longArg(2);
        if (count == Long.MIN_VALUE) {
            throw new CommandException(OUT_OF_RANGE);
        }
        return count;
    }

    /** For HRANDFIELD and ZRANDMEMBER: count, then the optional WITH... word; returns the count. */
    private static long countWith(Call c, String with) {
        long count = countArg(c);
        if (c.argc() > 4 || (c.argc() == 4 && !c.argIs(3, with))) {
            throw CommandException.syntax();
        }
        if (c.argc() == 4 && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            throw new CommandException("ERR value is out of range");
        }
        return count;
    }

    /** Indexes into a collection of {@code size}: repeats for a negative count, else distinct and capped. */
    static int[] pick(int size, long count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (count < 0) {
            long n = -count;
            if (n > Integer.MAX_VALUE - 8) {
                throw new CommandException("ERR value is out of range");
            }
            int[] out = new int[(int) n];
            for (int i = 0; i < out.length; i++) {
                out[i] = random.nextInt(size);
            }
            return out;
        }
        int n = (int) Math.min(count, size);
        List<Integer> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        if (n < size) {
            Collections.shuffle(all, random);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    static RedisMessage hrandfield(Call c) {
        if (c.argc() == 2) {
            HashValue h = c.getTyped(c.arg(1), ValueType.HASH);
            return h == null ? Replies.NULL_BULK : Replies.bulk(h.field(ThreadLocalRandom.current().nextInt(h.size())));
        }
        long count = countWith(c, "WITHVALUES");
        HashValue h = c.getTyped(c.arg(1), ValueType.HASH);
        if (h == null || count == 0) {
            return Replies.EMPTY_ARRAY;
        }
        return reply(pick(h.size(), count), c.argc() == 4, h::field, i -> Replies.bulk(h.value(i)));
    }

    static RedisMessage zrandmember(Call c) {
        if (c.argc() == 2) {
            SortedSetValue z = c.getTyped(c.arg(1), ValueType.ZSET);
            return z == null ? Replies.NULL_BULK
                    : Replies.bulk(members(z).get(ThreadLocalRandom.current().nextInt(z.size())).member());
        }
        long count = countWith(c, "WITHSCORES");
        SortedSetValue z = c.getTyped(c.arg(1), ValueType.ZSET);
        if (z == null || count == 0) {
            return Replies.EMPTY_ARRAY;
        }
        List<SortedSetValue.Member> all = members(z);
        return reply(pick(all.size(), count), c.argc() == 4, i -> all.get(i).member(),
                i -> Replies.dbl(all.get(i).score()));
    }

    private static List<SortedSetValue.Member> members(SortedSetValue z) {
        return new ArrayList<>(z.members());
    }

    private static RedisMessage reply(int[] picks, boolean withValues, IntFunction<byte[]> name,
                                      IntFunction<RedisMessage> value) {
        List<RedisMessage> out = new ArrayList<>(picks.length * (withValues ? 2 : 1));
        for (int i : picks) {
            out.add(Replies.bulk(name.apply(i)));
            if (withValues) {
                out.add(value.apply(i));
            }
        }
        return withValues ? Replies.pairs(out) : Replies.array(out);
    }

    static RedisMessage srandmember(Call c) {
        if (c.argc() > 3) {
            throw CommandException.syntax();
        }
        if (c.argc() == 2) {
            SetValue s = c.getTyped(c.arg(1), ValueType.SET);
            return s == null ? Replies.NULL_BULK : Replies.bulk(s.member(ThreadLocalRandom.current().nextInt(s.size())));
        }
        long count = countArg(c);
        SetValue s = c.getTyped(c.arg(1), ValueType.SET);
        if (s == null || count == 0) {
            return Replies.EMPTY_ARRAY;
        }
        int[] picks = pick(s.size(), count);
        List<byte[]> out = new ArrayList<>(picks.length);
        for (int i : picks) {
            out.add(s.member(i));
        }
        return Replies.bulkArray(out); // an array in RESP3 too, as Redis 7.0 answers
    }

    static RedisMessage spop(Call c) {
        if (c.argc() > 3) {
            throw CommandException.syntax();
        }
        long count = c.argc() == 3 ? c.positiveLongArg(2, null) : -1;
        if (!c.checkKind(c.arg(1), ValueType.SET)) {
            return count < 0 ? Replies.NULL_BULK : Replies.bulkSet(List.of());
        }
        if (count == 0) {
            return Replies.bulkSet(List.of());
        }
        List<byte[]> popped = c.keyspace().setPop(c.arg(1), count < 0 ? 1 : count);
        return count < 0 ? Replies.bulk(popped.get(0)) : Replies.bulkSet(popped);
    }
}
