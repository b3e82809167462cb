package io.trustgate.redis.spi;

/**
 * A value stored under a key. The set of kinds is closed: the command layer knows each one.
 * Values are handed to the engine by {@link Keyspace#put} and must not be changed afterwards except as the
 * kind's own documentation allows.
 */
public sealed interface KeyspaceValue permits StringValue, ListValue, HashValue, SetValue, SortedSetValue {

    ValueType type();

    /** An independent copy (COPY needs one); immutable kinds may return themselves. */
    KeyspaceValue copy();
}
