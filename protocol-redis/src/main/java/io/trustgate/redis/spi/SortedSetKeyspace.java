package io.trustgate.redis.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Member operations on sorted sets (scores, ranges by rank, score or member, ranks, pops, ZSCAN, ZRANDMEMBER) of a
 * {@link Keyspace}. Each has a default that works on the whole value through {@link #get} and {@link #put}; an
 * engine that stores the collection as rows overrides them. The contract common to all of them is on {@link
 * Keyspace}.
 */
public interface SortedSetKeyspace extends ValueStore {

    /** The score of {@code member}, or null when it, or the key, is absent, or the key holds another kind. */
    default Double sortedSetScore(byte[] key, byte[] member) {
        Entry e = get(key);
        return e != null && e.value() instanceof SortedSetValue ? ((SortedSetValue) e.value()).score(member) : null;
    }

    /** Adds each member with its score or changes its score (scores are never NaN); returns how many were new. */
    default long sortedSetPut(byte[] key, List<SortedSetValue.Member> members) {
        Entry e = get(key);
        SortedSetValue z = e == null ? new SortedSetValue() : (SortedSetValue) e.value();
        long added = 0;
        for (SortedSetValue.Member m : members) {
            if (z.put(m.member(), m.score())) {
                added++;
            }
        }
        put(key, z, e == null ? Entry.NO_EXPIRY : e.expireAt());
        return added;
    }

    /** Removes the members; returns how many were there. */
    default long sortedSetRemove(byte[] key, List<byte[]> members) {
        Entry e = get(key);
        if (e == null) {
            return 0;
        }
        SortedSetValue z = (SortedSetValue) e.value();
        long removed = 0;
        for (byte[] m : members) {
            if (z.remove(m)) {
                removed++;
            }
        }
        if (removed > 0) {
            WholeValues.storeOrDelete(this, key, z, z.size(), e);
        }
        return removed;
    }

    /** Number of members, 0 when absent. */
    default long sortedSetSize(byte[] key) {
        Entry e = get(key);
        return e == null ? 0 : ((SortedSetValue) e.value()).size();
    }

    /**
     * Members from rank {@code from} to {@code to} inclusive ({@code 0 <= from <= to}; ranks past the end are
     * absent), in order of (score, member) or, with {@code reverse}, the reverse order (rank 0 the highest).
     */
    default List<SortedSetValue.Member> sortedSetRange(byte[] key, long from, long to, boolean reverse) {
        Entry e = get(key);
        return e == null ? new ArrayList<>() : ((SortedSetValue) e.value()).range(from, to, reverse);
    }

    /**
     * Removes up to {@code count} members with the lowest scores (or the highest, with {@code max}) and returns
     * them in the order popped, as ZPOPMIN/ZPOPMAX; deletes an emptied key.
     */
    default List<SortedSetValue.Member> sortedSetPop(byte[] key, boolean max, long count) {
        Entry e = get(key);
        List<SortedSetValue.Member> popped = new ArrayList<>();
        if (e == null) {
            return popped;
        }
        SortedSetValue z = (SortedSetValue) e.value();
        while (popped.size() < count && z.size() > 0) {
            SortedSetValue.Member m = max ? z.last() : z.first();
            z.remove(m.member());
            popped.add(m);
        }
        if (!popped.isEmpty()) {
            WholeValues.storeOrDelete(this, key, z, z.size(), e);
        }
        return popped;
    }

    /**
     * The members {@code range} selects, walked as Redis walks it ({@link SortedSetRange#collect}): ascending or,
     * with {@code reverse}, descending, skipping {@code offset} (negative: none selected) and taking at most
     * {@code limit} (negative: all); as ZRANGEBYSCORE, ZRANGEBYLEX and their REV forms.
     */
    default List<SortedSetValue.Member> sortedSetRangeBy(byte[] key, SortedSetRange range, boolean reverse,
                                                         long offset, long limit) {
        Entry e = get(key);
        return e == null ? new ArrayList<>()
                : SortedSetRange.collect((SortedSetValue) e.value(), range, reverse, offset, limit);
    }

    /** How many members {@code range} selects, as ZCOUNT and ZLEXCOUNT. */
    default long sortedSetCount(byte[] key, SortedSetRange range) {
        Entry e = get(key);
        return e == null ? 0 : SortedSetRange.count((SortedSetValue) e.value(), range);
    }

    /** Removes the members {@code range} selects, as ZREMRANGEBYSCORE and ZREMRANGEBYLEX; returns how many. */
    default long sortedSetRemoveRange(byte[] key, SortedSetRange range) {
        Entry e = get(key);
        if (e == null) {
            return 0;
        }
        SortedSetValue z = (SortedSetValue) e.value();
        List<SortedSetValue.Member> doomed = SortedSetRange.collect(z, range, false, 0, -1);
        for (SortedSetValue.Member m : doomed) {
            z.remove(m.member());
        }
        if (!doomed.isEmpty()) {
            WholeValues.storeOrDelete(this, key, z, z.size(), e);
        }
        return doomed.size();
    }

    /**
     * How many members come before {@code member} in (score, member) order or, with {@code reverse}, after it,
     * as ZRANK and ZREVRANK; null when the member or the key is absent.
     */
    default Long sortedSetRank(byte[] key, byte[] member, boolean reverse) {
        Entry e = get(key);
        SortedSetValue z = e == null ? null : (SortedSetValue) e.value();
        int rank = z == null ? -1 : z.rank(member);
        if (rank < 0) {
            return null;
        }
        return (long) (reverse ? z.size() - 1 - rank : rank);
    }

    /** As {@link #hashScan}, for a sorted set's members with their scores (ZSCAN). */
    default ElementPage<SortedSetValue.Member> sortedSetScan(byte[] key, long cursor, int count) {
        Entry e = get(key);
        return new ElementPage<>(0, e == null ? new ArrayList<>()
                : new ArrayList<>(((SortedSetValue) e.value()).members()));
    }

    /** As {@link #setRandomMembers}, for a sorted set's members with their scores; as ZRANDMEMBER. */
    default List<SortedSetValue.Member> sortedSetRandomMembers(byte[] key, long count) {
        Entry e = get(key);
        List<SortedSetValue.Member> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        SortedSetValue z = (SortedSetValue) e.value();
        for (int i : WholeValues.sample(z.size(), count)) {
            out.add(z.at(i));
        }
        return out;
    }

    /**
     * The result of {@code algebra} over the sorted sets or sets under {@code keys} (at least one, one per weight,
     * in argument order; a key may be named more than once and a missing key is empty), as ZUNION, ZINTER and
     * ZDIFF; with {@code limit > 0} an intersection stops after that many members (ZINTERCARD). Each key holds a
     * sorted set, a set, or nothing (the caller checks with {@link Keyspace#type} first). By default the inputs
     * are read whole.
     */
    default SortedSetValue sortedSetCombine(SortedSetAlgebra algebra, List<byte[]> keys, long limit) {
        List<KeyspaceValue> inputs = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            Entry e = get(key);
            inputs.add(e == null ? null : e.value());
        }
        return algebra.apply(inputs, limit);
    }

    /**
     * How many members the intersection of the sorted sets or sets under {@code keys} has, counting no further
     * than {@code limit} when it is positive; as ZINTERCARD.
     */
    default long sortedSetInterCard(List<byte[]> keys, long limit) {
        double[] weights = new double[keys.size()];
        java.util.Arrays.fill(weights, 1);
        return sortedSetCombine(new SortedSetAlgebra(SetAlgebra.INTER, weights, SortedSetAlgebra.Aggregate.SUM),
                keys, limit).size();
    }

    /**
     * As {@link #sortedSetCombine}, stored under {@code destination} without expiry in place of whatever it held
     * (which may be one of the inputs), or the destination deleted when the result is empty; returns the result's
     * size. ZUNIONSTORE, ZINTERSTORE and ZDIFFSTORE.
     */
    default long sortedSetCombineStore(SortedSetAlgebra algebra, byte[] destination, List<byte[]> keys) {
        SortedSetValue result = sortedSetCombine(algebra, keys, 0);
        delete(destination);
        if (result.size() > 0) {
            put(destination, result, Entry.NO_EXPIRY);
        }
        return result.size();
    }
}
