package io.trustgate.redis.spi;

/**
 * Something an engine may or may not do. An engine declares its set once ({@link KeyspaceEngine#capabilities()});
 * the command layer derives from it which commands run natively and which are refused, and names the missing
 * capability in the refusal ({@code ... (no lists)}).
 */
public enum Capability {
    /** String values ({@link StringValue}). */
    STRINGS("strings"),
    /** List values ({@link ListValue}). */
    LISTS("lists"),
    /** Hash values ({@link HashValue}). */
    HASHES("hashes"),
    /** Set values ({@link SetValue}). */
    SETS("sets"),
    /** Sorted set values ({@link SortedSetValue}). */
    SORTED_SETS("sorted sets"),
    STREAMS("streams"),
    /** Per-key expiry: {@link Keyspace#put} and {@link Keyspace#setExpiry} honour {@code expireAt}. */
    EXPIRY("key expiry"),
    /** Several commands in one {@link KeyspaceEngine#atomically} unit with trustworthy stamps: MULTI/EXEC, WATCH. */
    TRANSACTIONS("transactions"),
    /** Commands that wait for data (BLPOP, XREAD BLOCK...). */
    BLOCKING("blocking operations"),
    PUBSUB("pub/sub"),
    /**
     * PUBLISH reaches the subscribers of every gateway instance sharing the backend, and a write through one
     * instance wakes clients blocked on another ({@link KeyspaceEngine#pubSub()}, described by
     * {@link KeyspaceEngine#pubSubFanOut()}).
     */
    PUBSUB_FANOUT("pub/sub fan-out across gateway instances"),
    SCRIPTING("scripting");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /** Plural noun phrase used in refusals: "no " + description. */
    public String description() {
        return description;
    }
}
