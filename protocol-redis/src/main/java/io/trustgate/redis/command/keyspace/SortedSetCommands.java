package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.ElementPage;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.SortedSetValue.Member;
import io.trustgate.redis.spi.ValueType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorted-set commands on single members, as Redis 7.0's {@code t_zset.c}: ZADD (NX, XX, GT, LT, CH, INCR),
 * ZINCRBY, ZREM, ZSCORE, ZMSCORE, ZCARD, ZRANK, ZREVRANK, ZPOPMIN, ZPOPMAX, ZSCAN and ZRANDMEMBER. Ranges are in
 * {@link SortedSetRangeCommands}, unions and intersections in {@link SortedSetAlgebraCommands}. An emptied sorted
 * set is deleted; writes keep the key's expiry. BZPOPMIN and BZPOPMAX are in {@link BlockingCommands}.
 */
final class SortedSetCommands {

    private static final String NOT_FLOAT = CommandException.NOT_FLOAT;

    private SortedSetCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("zadd", c -> zadd(c, false), Capability.SORTED_SETS)
                .add("zincrby", c -> zadd(c, true), Capability.SORTED_SETS)
                .add("zrem", SortedSetCommands::zrem, Capability.SORTED_SETS)
                .add("zscore", c -> score(c, c.arg(2)), Capability.SORTED_SETS)
                .add("zmscore", SortedSetCommands::zmscore, Capability.SORTED_SETS)
                .add("zcard", c -> Replies.integer(c.checkKind(c.arg(1), ValueType.ZSET)
                        ? c.keyspace().sortedSetSize(c.arg(1)) : 0), Capability.SORTED_SETS)
                .add("zrank", c -> rank(c, false), Capability.SORTED_SETS)
                .add("zrevrank", c -> rank(c, true), Capability.SORTED_SETS)
                .add("zpopmin", c -> pop(c, false), Capability.SORTED_SETS)
                .add("zpopmax", c -> pop(c, true), Capability.SORTED_SETS)
                .add("zscan", c -> CollectionScan.scan(c, ValueType.ZSET, 2, (ks, key, cursor, count) -> {
                    ElementPage<Member> page = ks.sortedSetScan(key, cursor, count);
                    return new ElementPage<>(page.cursor(), flatten(page.elements()));
                }), Capability.SORTED_SETS)
                .add("zrandmember", RandomPicks::zrandmember, Capability.SORTED_SETS);
        SortedSetRangeCommands.register(b);
        SortedSetAlgebraCommands.register(b);
    }

    static SortedSetValue zset(Call c) {
        return c.getTyped(c.arg(1), ValueType.ZSET);
    }

    private static List<byte[]> flatten(Collection<Member> members) {
        List<byte[]> out = new ArrayList<>(members.size() * 2);
        for (Member m : members) {
            out.add(m.member());
            out.add(Scores.formatBytes(m.score()));
        }
        return out;
    }

    /**
     * Members, or member/score pairs when {@code withScores} (RESP2: one flat array; RESP3: an array of pairs,
     * as Redis 7 answers WITHSCORES).
     */
    static RedisMessage members(List<Member> members, boolean withScores) {
        List<RedisMessage> out = new ArrayList<>(members.size() * (withScores ? 2 : 1));
        for (Member m : members) {
            out.add(Replies.bulk(m.member()));
            if (withScores) {
                out.add(Replies.dbl(m.score()));
            }
        }
        return withScores ? Replies.pairs(out) : Replies.array(out);
    }

    /** The score of one member of the sorted set under argument 1, read alone; WRONGTYPE for another kind. */
    private static RedisMessage score(Call c, byte[] member) {
        Double s = c.keyspace().sortedSetScore(c.arg(1), member);
        if (s == null) {
            c.checkKind(c.arg(1), ValueType.ZSET);
        }
        return s == null ? Replies.NULL_BULK : Replies.dbl(s);
    }

    /** Redis's {@code zaddGenericCommand}, which ZINCRBY also runs (its increment is parsed as ZADD's first score). */
    static RedisMessage zadd(Call c, boolean incr) {
        boolean nx = false, xx = false, gt = false, lt = false, ch = false;
        int i = 2;
        for (; i < c.argc(); i++) {
            if (c.argIs(i, "NX")) {
                nx = true;
            } else if (c.argIs(i, "XX")) {
                xx = true;
            } else if (c.argIs(i, "CH")) {
                ch = true;
            } else if (c.argIs(i, "INCR")) {
                incr = true;
            } else if (c.argIs(i, "GT")) {
                gt = true;
            } else if (c.argIs(i, "LT")) {
                lt = true;
            } else {
                break;
            }
        }
        int elements = c.argc() - i;
        if (elements % 2 != 0 || elements == 0) {
            throw CommandException.syntax();
        }
        elements /= 2;
        if (nx && xx) {
            throw new CommandException("ERR XX and NX options at the same time are not compatible");
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new CommandException("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && elements > 1) {
            throw new CommandException("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = Scores.parseOrThrow(c.arg(i + 2 * j), NOT_FLOAT);
        }
        Keyspace ks = c.keyspace();
        // the first member before the kind check: an engine that reads a key's row and one member in one
        // statement (the SQL ones) needs no second statement; a key of another kind reads null here
        Double first = ks.sortedSetScore(c.arg(1), c.arg(i + 1));
        boolean exists = c.checkKind(c.arg(1), ValueType.ZSET);
        long added = 0, updated = 0, processed = 0;
        double newScore = 0;
        // changes so far, by member: a member named twice sees its first change (ZADD z 1 a 2 a); a single
        // member (the common case) needs no map
        Map<ByteBuffer, Member> changes = elements > 1 ? new LinkedHashMap<>() : null;
        Member single = null;
        for (int j = 0; (exists || !xx) && j < elements; j++) {
            byte[] member = c.arg(i + 2 * j + 1);
            double score = scores[j];
            Member pending = changes == null ? null : changes.get(ByteBuffer.wrap(member));
            Double current = pending != null ? Double.valueOf(pending.score())
                    : !exists ? null : j == 0 ? first : ks.sortedSetScore(c.arg(1), member);
            if (current != null) {
                if (nx) {
                    continue;
                }
                if (incr) {
                    score += current;
                    if (Double.isNaN(score)) {
                        throw new CommandException("ERR resulting score is not a number (NaN)");
                    }
                }
                if ((lt && score >= current) || (gt && score <= current)) {
                    continue;
                }
                processed++;
                newScore = score;
                if (score != current) {
                    single = change(changes, member, score);
                    updated++;
                }
            } else if (!xx) {
                single = change(changes, member, score);
                added++;
                processed++;
                newScore = score;
            }
        }
        if (changes != null && !changes.isEmpty()) {
            ks.sortedSetPut(c.arg(1), new ArrayList<>(changes.values()));
        } else if (changes == null && single != null) {
            ks.sortedSetPut(c.arg(1), List.of(single));
        }
        if (incr) {
            return processed > 0 ? Replies.dbl(newScore) : Replies.NULL_BULK;
        }
        return Replies.integer(ch ? added + updated : added);
    }

    /** Records a change in {@code changes}, or returns it when there is no map (a single-member ZADD). */
    private static Member change(Map<ByteBuffer, Member> changes, byte[] member, double score) {
        Member m = new Member(member, score);
        if (changes != null) {
            changes.put(ByteBuffer.wrap(member), m);
        }
        return m;
    }

    static RedisMessage zrem(Call c) {
        if (!c.checkKind(c.arg(1), ValueType.ZSET)) {
            return Replies.ZERO;
        }
        List<byte[]> members = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            members.add(c.arg(i));
        }
        return Replies.integer(c.keyspace().sortedSetRemove(c.arg(1), members));
    }

    static RedisMessage zmscore(Call c) {
        boolean exists = c.checkKind(c.arg(1), ValueType.ZSET);
        List<RedisMessage> out = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            out.add(exists ? score(c, c.arg(i)) : Replies.NULL_BULK);
        }
        return Replies.array(out);
    }

    static RedisMessage rank(Call c, boolean reverse) {
        Long rank = c.checkKind(c.arg(1), ValueType.ZSET) ? c.keyspace().sortedSetRank(c.arg(1), c.arg(2), reverse)
                : null;
        return rank == null ? Replies.NULL_BULK : Replies.integer(rank);
    }

    /** ZPOPMIN/ZPOPMAX key [count]: a missing key (or count 0) answers an empty array. */
    static RedisMessage pop(Call c, boolean max) {
        if (c.argc() > 3) {
            throw CommandException.syntax();
        }
        long count = 1;
        if (c.argc() == 3) {
            count = c.positiveLongArg(2, null);
        }
        if (!c.checkKind(c.arg(1), ValueType.ZSET) || count == 0) {
            return Replies.EMPTY_ARRAY;
        }
        List<Member> popped = c.keyspace().sortedSetPop(c.arg(1), max, count);
        // Without a count, Redis answers one flat member, score in RESP3 too; with one, pairs.
        return c.argc() == 3 ? members(popped, true) : Replies.array(flatMembers(popped));
    }

    /** Each member followed by its score, flat whatever the protocol. */
    static List<RedisMessage> flatMembers(List<Member> members) {
        List<RedisMessage> out = new ArrayList<>(members.size() * 2);
        for (Member m : members) {
            out.add(Replies.bulk(m.member()));
            out.add(Replies.dbl(m.score()));
        }
        return out;
    }
}
