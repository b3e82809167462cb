package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.SortedSetRange;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.SortedSetValue.Member;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorted-set ranges, as Redis 7.0's {@code zrangeGenericCommand}: ZRANGE (BYSCORE, BYLEX, REV, LIMIT,
 * WITHSCORES) and its older forms ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX;
 * ZRANGESTORE, which stores the same range under a destination key (replacing whatever was there); the
 * counts ZCOUNT and ZLEXCOUNT; and ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX. Arguments are checked
 * before the key is read, as in Redis.
 */
final class SortedSetRangeCommands {

    private enum Kind { AUTO, RANK, SCORE, LEX }

    private SortedSetRangeCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("zrange", c -> zrange(c, Kind.AUTO, false), Capability.SORTED_SETS)
                .add("zrangestore", SortedSetRangeCommands::zrangestore, Capability.SORTED_SETS)
                .add("zrevrange", c -> zrange(c, Kind.RANK, true), Capability.SORTED_SETS)
                .add("zrangebyscore", c -> zrange(c, Kind.SCORE, false), Capability.SORTED_SETS)
                .add("zrevrangebyscore", c -> zrange(c, Kind.SCORE, true), Capability.SORTED_SETS)
                .add("zrangebylex", c -> zrange(c, Kind.LEX, false), Capability.SORTED_SETS)
                .add("zrevrangebylex", c -> zrange(c, Kind.LEX, true), Capability.SORTED_SETS)
                .add("zcount", c -> count(c, ZRanges.score(c.arg(2), c.arg(3))), Capability.SORTED_SETS)
                .add("zlexcount", c -> count(c, ZRanges.lex(c.arg(2), c.arg(3))), Capability.SORTED_SETS)
                .add("zremrangebyrank", c -> remove(c, Kind.RANK), Capability.SORTED_SETS)
                .add("zremrangebyscore", c -> remove(c, Kind.SCORE), Capability.SORTED_SETS)
                .add("zremrangebylex", c -> remove(c, Kind.LEX), Capability.SORTED_SETS);
    }

    /**
     * @param fixed   the range kind the command name implies, or AUTO for ZRANGE (which takes BYSCORE/BYLEX)
     * @param reverse REV implied by the command name; ZRANGE takes it as an option
     */
    static RedisMessage zrange(Call c, Kind fixed, boolean reverse) {
        return range(c, 0, fixed, reverse);
    }

    /** ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]: ZRANGE's range, stored. */
    static RedisMessage zrangestore(Call c) {
        return range(c, 1, Kind.AUTO, false);
    }

    /**
     * ZRANGE's parsing and range, its arguments shifted by {@code store} (1 for ZRANGESTORE, whose arguments
     * start with the destination; it takes no WITHSCORES).
     */
    private static RedisMessage range(Call c, int store, Kind fixed, boolean reverse) {
        Kind kind = fixed;
        boolean directionGiven = fixed != Kind.AUTO;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        boolean hasLimit = false;
        for (int j = 4 + store; j < c.argc(); j++) {
            int left = c.argc() - j - 1;
            if (store == 0 && c.argIs(j, "WITHSCORES")) {
                withScores = true;
            } else if (c.argIs(j, "LIMIT") && left >= 2) {
                offset = c.longArg(j + 1);
                limit = c.longArg(j + 2);
                hasLimit = true;
                j += 2;
            } else if (!directionGiven && c.argIs(j, "REV")) {
                reverse = true;
                directionGiven = true;
            } else if (kind == Kind.AUTO && c.argIs(j, "BYLEX")) {
                kind = Kind.LEX;
            } else if (kind == Kind.AUTO && c.argIs(j, "BYSCORE")) {
                kind = Kind.SCORE;
            } else {
                throw CommandException.syntax();
            }
        }
        if (kind == Kind.AUTO) {
            kind = Kind.RANK;
        }
        if (hasLimit && limit != -1 && kind == Kind.RANK) {
            throw new CommandException(
                    "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && kind == Kind.LEX) {
            throw new CommandException("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        byte[] min = c.arg(2 + store);
        byte[] max = c.arg(3 + store);
        byte[] source = c.arg(1 + store);
        if (reverse && kind != Kind.RANK) {
            byte[] t = min;
            min = max;
            max = t;
        }
        List<Member> result;
        if (kind == Kind.RANK) {
            long start = c.longArg(2 + store);
            long end = c.longArg(3 + store);
            result = c.checkKind(source, ValueType.ZSET) ? byRank(c.keyspace(), source, start, end, reverse)
                    : List.of();
        } else {
            SortedSetRange range = kind == Kind.SCORE ? ZRanges.score(min, max) : ZRanges.lex(min, max);
            result = c.checkKind(source, ValueType.ZSET)
                    ? c.keyspace().sortedSetRangeBy(source, range, reverse, offset, limit) : List.of();
        }
        if (store == 0) {
            return SortedSetCommands.members(result, withScores);
        }
        Keyspace ks = c.keyspace();
        if (result.isEmpty()) {
            ks.delete(c.arg(1));
        } else {
            SortedSetValue out = new SortedSetValue();
            for (Member m : result) {
                out.put(m.member(), m.score());
            }
            ks.put(c.arg(1), out, Entry.NO_EXPIRY);
        }
        return Replies.integer(result.size());
    }

    /**
     * Members of the sorted set at {@code key} (which exists) from rank {@code start} to {@code end}, negative
     * ranks counting from the end, as Redis's {@code zrangeGenericCommand} clamps them.
     */
    static List<Member> byRank(Keyspace ks, byte[] key, long start, long end, boolean reverse) {
        IndexRange r = IndexRange.clamp(start, end, ks.sortedSetSize(key));
        return r == null ? List.of() : ks.sortedSetRange(key, r.start(), r.end(), reverse);
    }

    private static RedisMessage count(Call c, SortedSetRange range) {
        return Replies.integer(c.checkKind(c.arg(1), ValueType.ZSET) ? c.keyspace().sortedSetCount(c.arg(1), range)
                : 0);
    }

    static RedisMessage remove(Call c, Kind kind) {
        long start = 0;
        long end = 0;
        SortedSetRange range = null;
        switch (kind) {
            case RANK -> {
                start = c.longArg(2);
                end = c.longArg(3);
            }
            case SCORE -> range = ZRanges.score(c.arg(2), c.arg(3));
            default -> range = ZRanges.lex(c.arg(2), c.arg(3));
        }
        Keyspace ks = c.keyspace();
        if (range == null) { // by rank: only the members in the range are read and removed
            if (!c.checkKind(c.arg(1), ValueType.ZSET)) {
                return Replies.ZERO;
            }
            List<byte[]> names = new ArrayList<>();
            for (Member m : byRank(ks, c.arg(1), start, end, false)) {
                names.add(m.member());
            }
            return Replies.integer(names.isEmpty() ? 0 : ks.sortedSetRemove(c.arg(1), names));
        }
        return Replies.integer(c.checkKind(c.arg(1), ValueType.ZSET) ? ks.sortedSetRemoveRange(c.arg(1), range) : 0);
    }
}
