package io.trustgate.redis.spi;

/**
 * The whole-value reads and writes every {@link Keyspace} has, on which the default field, element and member
 * operations of {@link HashKeyspace}, {@link ListKeyspace}, {@link SetKeyspace} and {@link SortedSetKeyspace}
 * are built. Arrays passed in are owned by the engine afterwards and arrays returned must not be modified.
 */
public interface ValueStore {

    /** The live entry under {@code key}, or {@code null}. */
    Entry get(byte[] key);

    /** Stores {@code value} under {@code key} with expiry {@code expireAt} (Unix ms, or {@link Entry#NO_EXPIRY}),
     *  replacing any previous value and expiry, and gives the key a new stamp. */
    void put(byte[] key, KeyspaceValue value, long expireAt);

    /** Removes the key; returns whether a live key was removed. */
    boolean delete(byte[] key);
}
