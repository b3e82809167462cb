package io.trustgate.redis.spi;

/**
 * The view of the engine that one unit of work sees, given to the function passed to
 * {@link KeyspaceEngine#atomically}. Confined to the thread running that function.
 */
public interface KeyspaceTransaction {

    /** Database {@code index}, {@code 0 <= index < databases()}. */
    Keyspace db(int index);

    /** The engine's clock in Unix milliseconds, read once when the unit started: every expiry decision and
     *  every relative TTL inside the unit uses this instant (as Redis does for one command or one EXEC). */
    long nowMillis();
}
