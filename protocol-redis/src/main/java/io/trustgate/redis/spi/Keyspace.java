package io.trustgate.redis.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * One database inside a {@link KeyspaceTransaction}. Keys are compared as bytes. A key whose expiry is earlier
 * than {@link KeyspaceTransaction#nowMillis()} does not exist for any method here; the engine removes it lazily
 * or in the background. Arrays passed in are owned by the engine afterwards and arrays returned must not be
 * modified.
 *
 * <p>Besides whole values ({@link #get}, {@link #put}) a keyspace offers field, element and member operations
 * ({@code hash*}, {@code list*}, {@code set*}, {@code sortedSet*}) so that an engine that stores a collection as
 * rows can change only the rows a command touches. They are optional: each has a default that works on the
 * whole value through {@link #get} and {@link #put}, so an engine that keeps values whole need not implement
 * them. Their common contract: the key must hold the kind named or not exist (the caller checks with
 * {@link #type} first; a read answers null, empty or 0 for an absent key); a write gives the key a new stamp,
 * keeps its expiry, creates an absent key without expiry, and deletes a collection that becomes empty.
 */
public interface Keyspace {

    /** The live entry under {@code key}, or {@code null}. */
    Entry get(byte[] key);

    /** Whether a live key exists; an engine may answer without reading the value. */
    default boolean exists(byte[] key) {
        return get(key) != null;
    }

    /** The kind of value under a live key, or null; an engine may answer without reading the value. */
    default ValueType type(byte[] key) {
        Entry e = get(key);
        return e == null ? null : e.value().type();
    }

    /** Stores {@code value} under {@code key} with expiry {@code expireAt} (Unix ms, or {@link Entry#NO_EXPIRY}),
     *  replacing any previous value and expiry, and gives the key a new stamp. */
    void put(byte[] key, KeyspaceValue value, long expireAt);

    /** Changes only the expiry of a live key (or clears it with {@link Entry#NO_EXPIRY}) and gives it a new
     *  stamp. Returns false when the key does not exist. */
    boolean setExpiry(byte[] key, long expireAt);

    /** Removes the key; returns whether a live key was removed. */
    boolean delete(byte[] key);

    /**
     * Returns about {@code count} live keys starting at {@code cursor} (0 starts an iteration) and the cursor to
     * continue from (0 when the iteration is complete). Cursors are non-negative and engine-defined; an unknown
     * cursor returns a valid page. A full iteration returns every key that exists during the whole iteration at
     * least once; keys added or removed meanwhile may or may not be returned.
     */
    ScanPage scan(long cursor, int count);

    /** Some live key chosen at random, or {@code null} when the database is empty. */
    byte[] randomKey();

    /** Number of keys, possibly counting keys that have expired but not yet been removed (as Redis's DBSIZE). */
    long size();

    /** Removes every key of this database. */
    void clear();

    /** The stamp of a live key, or {@link Entry#ABSENT_STAMP}; an engine may answer without reading the value. */
    default long stamp(byte[] key) {
        Entry e = get(key);
        return e == null ? Entry.ABSENT_STAMP : e.stamp();
    }

    /**
     * The expiry of a live key ({@link Entry#NO_EXPIRY} when it has none), or null when the key does not exist;
     * an engine may answer without reading the value.
     */
    default Long expiry(byte[] key) {
        Entry e = get(key);
        return e == null ? null : e.expireAt();
    }

    // ------------------------------------------------------------------------------------------------ hashes

    /** The value of {@code field}, or null when the field or the key is absent, or the key holds another kind. */
    default byte[] hashGet(byte[] key, byte[] field) {
        Entry e = get(key);
        return e != null && e.value() instanceof HashValue ? ((HashValue) e.value()).get(field) : null;
    }

    /** Sets each field to its value ({@code fieldsAndValues} alternates them); returns how many fields are new. */
    default long hashPut(byte[] key, List<byte[]> fieldsAndValues) {
        Entry e = get(key);
        HashValue h = e == null ? new HashValue() : (HashValue) e.value();
        long created = 0;
        for (int i = 0; i + 1 < fieldsAndValues.size(); i += 2) {
            if (h.put(fieldsAndValues.get(i), fieldsAndValues.get(i + 1))) {
                created++;
            }
        }
        put(key, h, e == null ? Entry.NO_EXPIRY : e.expireAt());
        return created;
    }

    /** Removes the fields; returns how many were there. */
    default long hashRemove(byte[] key, List<byte[]> fields) {
        Entry e = get(key);
        if (e == null) {
            return 0;
        }
        HashValue h = (HashValue) e.value();
        long removed = 0;
        for (byte[] f : fields) {
            if (h.remove(f)) {
                removed++;
            }
        }
        if (removed > 0) {
            storeOrDelete(key, h, h.size(), e);
        }
        return removed;
    }

    /** Number of fields, 0 when absent. */
    default long hashSize(byte[] key) {
        Entry e = get(key);
        return e == null ? 0 : ((HashValue) e.value()).size();
    }

    // ------------------------------------------------------------------------------------------------- lists

    /**
     * Pushes the elements one by one at the head (each becomes the new head, as LPUSH) or at the tail (as RPUSH);
     * returns the new length.
     */
    default long listPush(byte[] key, boolean head, List<byte[]> elements) {
        Entry e = get(key);
        ListValue l = e == null ? new ListValue() : (ListValue) e.value();
        for (byte[] element : elements) {
            if (head) {
                l.addFirst(element);
            } else {
                l.addLast(element);
            }
        }
        put(key, l, e == null ? Entry.NO_EXPIRY : e.expireAt());
        return l.size();
    }

    /** Removes up to {@code count} elements from the head or the tail and returns them in the order popped. */
    default List<byte[]> listPop(byte[] key, boolean head, long count) {
        Entry e = get(key);
        List<byte[]> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        ListValue l = (ListValue) e.value();
        while (out.size() < count && l.size() > 0) {
            out.add(head ? l.pollFirst() : l.pollLast());
        }
        if (!out.isEmpty()) {
            storeOrDelete(key, l, l.size(), e);
        }
        return out;
    }

    /** Number of elements, 0 when absent. */
    default long listLength(byte[] key) {
        Entry e = get(key);
        return e == null ? 0 : ((ListValue) e.value()).size();
    }

    /** Elements {@code from} to {@code to} inclusive, counted from the head: {@code 0 <= from <= to < length}. */
    default List<byte[]> listRange(byte[] key, long from, long to) {
        return ((ListValue) get(key).value()).range((int) from, (int) to);
    }

    // -------------------------------------------------------------------------------------------------- sets

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
            storeOrDelete(key, s, s.size(), e);
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

    // ------------------------------------------------------------------------------------------- sorted sets

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
            storeOrDelete(key, z, z.size(), e);
        }
        return removed;
    }

    /** Number of members, 0 when absent. */
    default long sortedSetSize(byte[] key) {
        Entry e = get(key);
        return e == null ? 0 : ((SortedSetValue) e.value()).size();
    }

    private void storeOrDelete(byte[] key, KeyspaceValue value, int size, Entry old) {
        if (size == 0) {
            delete(key);
        } else {
            put(key, value, old.expireAt());
        }
    }
}
