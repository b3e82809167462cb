package io.trustgate.redis.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Member operations on sets (SADD, SREM, SISMEMBER, SCARD, SPOP, SSCAN, SRANDMEMBER) of a {@link Keyspace}. Each
 * has a default that works on the whole value through {@link #get} and {@link #put}; an engine that stores the
 * collection as rows overrides them. The contract common to all of them is on {@link Keyspace}.
 */
public interface SetKeyspace extends ValueStore {

    /** Adds the members; returns how many were new. */
    default long setAdd(byte[] key, List<byte[]> members) {
        Entry e = get(key);
        SetValue s = e == null ? new SetValue() : (SetValue) e.value();
        long added = 0;
        for (byte[] m : members) {
            if (s.add(m)) {
                added++;
            }
        }
        if (added > 0) {
            put(key, s, e == null ? Entry.NO_EXPIRY : e.expireAt());
        }
        return added;
    }

    /** Removes the members; returns how many were there. */
    default long setRemove(byte[] key, List<byte[]> members) {
        Entry e = get(key);
        if (e == null) {
            return 0;
        }
        SetValue s = (SetValue) e.value();
        long removed = 0;
        for (byte[] m : members) {
            if (s.remove(m)) {
                removed++;
            }
        }
        if (removed > 0) {
            WholeValues.storeOrDelete(this, key, s, s.size(), e);
        }
        return removed;
    }

    /** Whether {@code member} is in the set; false when the key is absent or holds another kind. */
    default boolean setContains(byte[] key, byte[] member) {
        Entry e = get(key);
        return e != null && e.value() instanceof SetValue && ((SetValue) e.value()).contains(member);
    }

    /** Number of members, 0 when absent. */
    default long setSize(byte[] key) {
        Entry e = get(key);
        return e == null ? 0 : ((SetValue) e.value()).size();
    }

    /** Removes up to {@code count} members chosen at random and returns them, as SPOP with a count. */
    default List<byte[]> setPop(byte[] key, long count) {
        Entry e = get(key);
        List<byte[]> popped = new ArrayList<>();
        if (e == null) {
            return popped;
        }
        SetValue s = (SetValue) e.value();
        long n = Math.min(count, s.size());
        for (long i = 0; i < n; i++) {
            byte[] m = s.member(ThreadLocalRandom.current().nextInt(s.size()));
            s.remove(m);
            popped.add(m);
        }
        if (!popped.isEmpty()) {
            WholeValues.storeOrDelete(this, key, s, s.size(), e);
        }
        return popped;
    }

    /** As {@link #hashScan}, for a set's members (SSCAN). */
    default ElementPage<byte[]> setScan(byte[] key, long cursor, int count) {
        Entry e = get(key);
        List<byte[]> out = new ArrayList<>();
        SetValue s = e == null ? new SetValue() : (SetValue) e.value();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.member(i));
        }
        return new ElementPage<>(0, out);
    }

    /**
     * Up to {@code count} ({@code > 0}) distinct members picked at random, all of them when {@code count} is at
     * least the set's size, in no particular order; as SRANDMEMBER.
     */
    default List<byte[]> setRandomMembers(byte[] key, long count) {
        Entry e = get(key);
        List<byte[]> out = new ArrayList<>();
        SetValue s = e == null ? null : (SetValue) e.value();
        for (int i : s == null ? new int[0] : WholeValues.sample(s.size(), count)) {
            out.add(s.member(i));
        }
        return out;
    }

    /**
     * The members of the intersection, union or difference (the first set less the others) of the sets under
     * {@code keys} (at least one; a key may be named more than once), as SINTER, SUNION and SDIFF, in no
     * particular order. Each key holds a set or does not exist, which counts as an empty set (the caller checks
     * with {@link Keyspace#type} first). By default the sets are read whole.
     */
    default List<byte[]> setCombine(SetAlgebra op, List<byte[]> keys) {
        return op.apply(wholeSets(keys), 0).members();
    }

    /**
     * How many members the intersection of the sets under {@code keys} has, as {@link #setCombine} would list
     * them, counting no further than {@code limit} when it is positive; as SINTERCARD.
     */
    default long setInterCard(List<byte[]> keys, long limit) {
        return SetAlgebra.INTER.apply(wholeSets(keys), limit).size();
    }

    /**
     * As {@link #setCombine}, stored under {@code destination} without expiry in place of whatever it held (which
     * may be one of the inputs), or the destination deleted when the result is empty; returns the result's size.
     * SINTERSTORE, SUNIONSTORE and SDIFFSTORE.
     */
    default long setCombineStore(SetAlgebra op, byte[] destination, List<byte[]> keys) {
        SetValue result = op.apply(wholeSets(keys), 0);
        delete(destination);
        if (result.size() > 0) {
            put(destination, result, Entry.NO_EXPIRY);
        }
        return result.size();
    }

    /** The sets under {@code keys} read whole, null for a missing key. */
    private List<SetValue> wholeSets(List<byte[]> keys) {
        List<SetValue> sets = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            Entry e = get(key);
            sets.add(e == null ? null : (SetValue) e.value());
        }
        return sets;
    }
}
