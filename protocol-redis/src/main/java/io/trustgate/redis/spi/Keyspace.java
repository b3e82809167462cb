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
 * keeps its expiry, creates an absent key without expiry, and deletes a collection that becomes empty. They are
 * declared per kind in {@link HashKeyspace}, {@link ListKeyspace}, {@link SetKeyspace} and
 * {@link SortedSetKeyspace}; the whole-value methods they build on in {@link ValueStore}.
 */
public interface Keyspace extends HashKeyspace, ListKeyspace, SetKeyspace, SortedSetKeyspace {

    /** Whether a live key exists; an engine may answer without reading the value. */
    default boolean exists(byte[] key) {
        return get(key) != null;
    }

    /** The kind of value under a live key, or null; an engine may answer without reading the value. */
    default ValueType type(byte[] key) {
        Entry e = get(key);
        return e == null ? null : e.value().type();
    }

    /** Changes only the expiry of a live key (or clears it with {@link Entry#NO_EXPIRY}) and gives it a new
     *  stamp. Returns false when the key does not exist. */
    boolean setExpiry(byte[] key, long expireAt);

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
}
