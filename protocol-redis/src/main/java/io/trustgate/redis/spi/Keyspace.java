package io.trustgate.redis.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ThreadLocalRandom;

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

    /**
     * As {@link #scan}, keeping only the keys of kind {@code type} (SCAN's TYPE): a page may hold fewer keys than
     * {@code count}, or none with a non-zero cursor. An engine may instead read past {@code count} keys to fill a
     * page with keys of that kind, as long as a full iteration keeps {@link #scan}'s guarantee.
     */
    default ScanPage scan(long cursor, int count, ValueType type) {
        ScanPage page = scan(cursor, count);
        List<byte[]> kept = new ArrayList<>(page.keys().size());
        for (byte[] key : page.keys()) {
            if (type(key) == type) {
                kept.add(key);
            }
        }
        return new ScanPage(page.cursor(), kept);
    }

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

    // ------------------------------------------------------------------------- edits in the middle, pops by rank

    /** Replaces the element at {@code index} ({@code 0 <= index < length}, from the head), as LSET. */
    default void listSet(byte[] key, long index, byte[] element) {
        Entry e = get(key);
        ListValue l = (ListValue) e.value();
        List<byte[]> all = l.toList();
        all.set((int) index, element);
        l.replaceWith(all);
        put(key, l, e.expireAt());
    }

    /**
     * Inserts {@code element} before or after the first element equal to {@code pivot}, as LINSERT; returns the
     * new length, or -1 when no element equals {@code pivot} (the list is then unchanged). The key exists.
     */
    default long listInsert(byte[] key, byte[] pivot, byte[] element, boolean after) {
        Entry e = get(key);
        ListValue l = (ListValue) e.value();
        List<byte[]> all = l.toList();
        for (int i = 0; i < all.size(); i++) {
            if (Arrays.equals(all.get(i), pivot)) {
                all.add(after ? i + 1 : i, element);
                l.replaceWith(all);
                put(key, l, e.expireAt());
                return l.size();
            }
        }
        return -1;
    }

    /**
     * Removes elements equal to {@code element}, as LREM: the first {@code count} from the head when
     * {@code count > 0}, the last {@code -count} from the tail when negative, all when 0; returns how many were
     * removed and deletes an emptied list.
     */
    default long listRemove(byte[] key, long count, byte[] element) {
        Entry e = get(key);
        if (e == null) {
            return 0;
        }
        ListValue l = (ListValue) e.value();
        List<byte[]> all = l.toList();
        long removed = 0;
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        if (count >= 0) {
            for (int i = 0; i < all.size() && removed < limit; ) {
                if (Arrays.equals(all.get(i), element)) {
                    all.remove(i);
                    removed++;
                } else {
                    i++;
                }
            }
        } else {
            for (int i = all.size() - 1; i >= 0 && removed < limit; i--) {
                if (Arrays.equals(all.get(i), element)) {
                    all.remove(i);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            l.replaceWith(all);
            storeOrDelete(key, l, l.size(), e);
        }
        return removed;
    }

    /**
     * Keeps only the elements {@code from} to {@code to} inclusive ({@code 0 <= from <= to < length}), as LTRIM
     * with a non-empty result (an empty one is a {@link #delete}).
     */
    default void listTrim(byte[] key, long from, long to) {
        Entry e = get(key);
        ListValue l = (ListValue) e.value();
        if (from == 0 && to == l.size() - 1) {
            return;
        }
        l.replaceWith(new ArrayList<>(l.toList().subList((int) from, (int) to + 1)));
        put(key, l, e.expireAt());
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
            storeOrDelete(key, s, s.size(), e);
        }
        return popped;
    }

    /**
     * Members from rank {@code from} to {@code to} inclusive ({@code 0 <= from <= to}; ranks past the end are
     * absent), in order of (score, member) or, with {@code reverse}, the reverse order (rank 0 the highest).
     */
    default List<SortedSetValue.Member> sortedSetRange(byte[] key, long from, long to, boolean reverse) {
        Entry e = get(key);
        List<SortedSetValue.Member> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        NavigableSet<SortedSetValue.Member> all = ((SortedSetValue) e.value()).members();
        Iterator<SortedSetValue.Member> it = reverse ? all.descendingIterator() : all.iterator();
        for (long rank = 0; it.hasNext() && rank <= to; rank++) {
            SortedSetValue.Member m = it.next();
            if (rank >= from) {
                out.add(m);
            }
        }
        return out;
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
            SortedSetValue.Member m = max ? z.members().last() : z.members().first();
            z.remove(m.member());
            popped.add(m);
        }
        if (!popped.isEmpty()) {
            storeOrDelete(key, z, z.size(), e);
        }
        return popped;
    }

    // --------------------------------------------------------------------- sorted sets by score or by member

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
        return sortedSetRangeBy(key, range, false, 0, -1).size();
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
            storeOrDelete(key, z, z.size(), e);
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
        Double score = z == null ? null : z.score(member);
        if (score == null) {
            return null;
        }
        SortedSetValue.Member probe = new SortedSetValue.Member(member, score);
        return (long) (reverse ? z.members().tailSet(probe, false).size() : z.members().headSet(probe, false).size());
    }

    // ------------------------------------------------------------------------------- collection iteration

    /**
     * One step of HSCAN: about {@code count} fields, each followed by its value, from {@code cursor} (0 starts),
     * and the cursor to continue from (0 when done), with {@link #scan}'s guarantee: a full iteration returns
     * every field present during all of it at least once. Cursors are non-negative and engine-defined; an unknown
     * cursor returns a valid page. By default the whole hash comes back in one step with cursor 0, as Redis
     * answers for its small encodings.
     */
    default ElementPage<byte[]> hashScan(byte[] key, long cursor, int count) {
        Entry e = get(key);
        List<byte[]> out = new ArrayList<>();
        HashValue h = e == null ? new HashValue() : (HashValue) e.value();
        for (int i = 0; i < h.size(); i++) {
            out.add(h.field(i));
            out.add(h.value(i));
        }
        return new ElementPage<>(0, out);
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

    /** As {@link #hashScan}, for a sorted set's members with their scores (ZSCAN). */
    default ElementPage<SortedSetValue.Member> sortedSetScan(byte[] key, long cursor, int count) {
        Entry e = get(key);
        return new ElementPage<>(0, e == null ? new ArrayList<>()
                : new ArrayList<>(((SortedSetValue) e.value()).members()));
    }

    // ----------------------------------------------------------------------------------------- random picks

    /**
     * Up to {@code count} ({@code > 0}) distinct members picked at random, all of them when {@code count} is at
     * least the set's size, in no particular order; as SRANDMEMBER.
     */
    default List<byte[]> setRandomMembers(byte[] key, long count) {
        Entry e = get(key);
        List<byte[]> out = new ArrayList<>();
        SetValue s = e == null ? null : (SetValue) e.value();
        for (int i : s == null ? new int[0] : sample(s.size(), count)) {
            out.add(s.member(i));
        }
        return out;
    }

    /** As {@link #setRandomMembers}, for a hash's fields: each field followed by its value; as HRANDFIELD. */
    default List<byte[]> hashRandomFields(byte[] key, long count) {
        Entry e = get(key);
        List<byte[]> out = new ArrayList<>();
        HashValue h = e == null ? null : (HashValue) e.value();
        for (int i : h == null ? new int[0] : sample(h.size(), count)) {
            out.add(h.field(i));
            out.add(h.value(i));
        }
        return out;
    }

    /** As {@link #setRandomMembers}, for a sorted set's members with their scores; as ZRANDMEMBER. */
    default List<SortedSetValue.Member> sortedSetRandomMembers(byte[] key, long count) {
        Entry e = get(key);
        List<SortedSetValue.Member> all = e == null ? List.of()
                : new ArrayList<>(((SortedSetValue) e.value()).members());
        List<SortedSetValue.Member> out = new ArrayList<>();
        for (int i : sample(all.size(), count)) {
            out.add(all.get(i));
        }
        return out;
    }

    /** {@code min(count, size)} distinct indexes below {@code size}, uniformly at random (a partial shuffle). */
    private static int[] sample(int size, long count) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        int n = (int) Math.min(count, size);
        for (int i = 0; i < n; i++) {
            int j = i + ThreadLocalRandom.current().nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, n);
    }

    private void storeOrDelete(byte[] key, KeyspaceValue value, int size, Entry old) {
        if (size == 0) {
            delete(key);
        } else {
            put(key, value, old.expireAt());
        }
    }
}
