package io.trustgate.redis.spi;

/**
 * One database inside a {@link KeyspaceTransaction}. Keys are compared as bytes. A key whose expiry is earlier
 * than {@link KeyspaceTransaction#nowMillis()} does not exist for any method here; the engine removes it lazily
 * or in the background. Arrays passed in are owned by the engine afterwards and arrays returned must not be
 * modified.
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
}
