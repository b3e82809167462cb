package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * The commands that pick at random: HRANDFIELD, SRANDMEMBER, ZRANDMEMBER and SPOP. Argument checks and the
 * shapes of their replies follow Redis 7.0; which elements come back is random, as in Redis: a negative count
 * allows repeats, a positive count gives distinct elements, at most all of them. The engine picks the distinct
 * elements ({@link io.trustgate.redis.spi.Keyspace#setRandomMembers} and its siblings), so an engine that stores
 * rows reads only those.
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

    /**
     * The picks for a non-zero count from a collection that exists: with {@code count > 0}, {@code sample} of up to
     * {@code count} distinct elements; with a negative count, {@code -count} elements that may repeat. Those are
     * drawn as Redis draws them, each uniformly from the whole collection: the draws are indexes below
     * {@code size}, and the distinct indexes drawn are then given the distinct elements of one sample, in the
     * sample's random order, which is the same distribution; so only as many elements are read as are distinct.
     */
    static <T> List<T> picks(long count, LongSupplier size, LongFunction<List<T>> sample) {
        if (count > 0) {
            return sample.apply(count);
        }
        long n = -count;
        if (n > Integer.MAX_VALUE - 8) {
            throw new CommandException("ERR value is out of range");
        }
        int[] draws = withRepeats((int) size.getAsLong(), (int) n);
        int distinct = 0;
        for (int d : draws) {
            distinct = Math.max(distinct, d + 1);
        }
        List<T> elements = sample.apply(distinct);
        List<T> out = new ArrayList<>(draws.length);
        for (int d : draws) {
            out.add(elements.get(d % elements.size()));
        }
        return out;
    }

    /**
     * {@code n} draws with repeats from {@code size} elements, each distinct element named by the order of its
     * first draw (0, 1, 2...): the pattern of repeats, without which elements they are.
     */
    static int[] withRepeats(int size, int n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<Integer, Integer> slots = new HashMap<>();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = slots.computeIfAbsent(random.nextInt(size), k -> slots.size());
        }
        return out;
    }

    static RedisMessage hrandfield(Call c) {
        if (c.argc() == 2) {
            return c.checkKind(c.arg(1), ValueType.HASH)
                    ? Replies.bulk(c.keyspace().hashRandomFields(c.arg(1), 1).get(0)) : Replies.NULL_BULK;
        }
        long count = countWith(c, "WITHVALUES");
        if (!c.checkKind(c.arg(1), ValueType.HASH) || count == 0) {
            return Replies.EMPTY_ARRAY;
        }
        byte[] key = c.arg(1);
        List<byte[][]> fields = picks(count, () -> c.keyspace().hashSize(key), n -> {
            List<byte[]> flat = c.keyspace().hashRandomFields(key, n);
            List<byte[][]> pairs = new ArrayList<>(flat.size() / 2);
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                pairs.add(new byte[][] {flat.get(i), flat.get(i + 1)});
            }
            return pairs;
        });
        return reply(fields, c.argc() == 4, f -> f[0], f -> Replies.bulk(f[1]));
    }

    static RedisMessage zrandmember(Call c) {
        if (c.argc() == 2) {
            return c.checkKind(c.arg(1), ValueType.ZSET)
                    ? Replies.bulk(c.keyspace().sortedSetRandomMembers(c.arg(1), 1).get(0).member())
                    : Replies.NULL_BULK;
        }
        long count = countWith(c, "WITHSCORES");
        if (!c.checkKind(c.arg(1), ValueType.ZSET) || count == 0) {
            return Replies.EMPTY_ARRAY;
        }
        byte[] key = c.arg(1);
        List<SortedSetValue.Member> members = picks(count, () -> c.keyspace().sortedSetSize(key),
                n -> c.keyspace().sortedSetRandomMembers(key, n));
        return reply(members, c.argc() == 4, SortedSetValue.Member::member, m -> Replies.dbl(m.score()));
    }

    private static <T> RedisMessage reply(List<T> picks, boolean withValues, Function<T, byte[]> name,
                                          Function<T, RedisMessage> value) {
        List<RedisMessage> out = new ArrayList<>(picks.size() * (withValues ? 2 : 1));
        for (T p : picks) {
            out.add(Replies.bulk(name.apply(p)));
            if (withValues) {
                out.add(value.apply(p));
            }
        }
        return withValues ? Replies.pairs(out) : Replies.array(out);
    }

    static RedisMessage srandmember(Call c) {
        if (c.argc() > 3) {
            throw CommandException.syntax();
        }
        if (c.argc() == 2) {
            return c.checkKind(c.arg(1), ValueType.SET)
                    ? Replies.bulk(c.keyspace().setRandomMembers(c.arg(1), 1).get(0)) : Replies.NULL_BULK;
        }
        long count = countArg(c);
        if (!c.checkKind(c.arg(1), ValueType.SET) || count == 0) {
            return Replies.EMPTY_ARRAY;
        }
        byte[] key = c.arg(1);
        // an array in RESP3 too, as Redis 7.0 answers
        return Replies.bulkArray(picks(count, () -> c.keyspace().setSize(key),
                n -> c.keyspace().setRandomMembers(key, n)));
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
