package io.trustgate.redis.codec.resp3;

import io.netty.handler.codec.redis.RedisMessage;

import java.util.List;

/**
 * A RESP3 map ({@code %<pairs>}): ordered key/value pairs, held flattened as key, value, key, value. A RESP2
 * connection gets the same elements as a flat array of twice the pair count, which is what Redis sends for
 * HGETALL, CONFIG GET or HELLO. Owns its children (see {@link #release()}).
 */
public final class MapRedisMessage extends AggregateRedisMessage {

    /** The empty map; not reference counted. */
    public static final MapRedisMessage EMPTY_INSTANCE = new MapRedisMessage(List.of(), true);

    /**
     * @param flattenedKeysAndValues key, value, key, value, ... in wire order; ownership of each passes here
     * @throws IllegalArgumentException if the size is odd
     */
    public MapRedisMessage(List<RedisMessage> flattenedKeysAndValues) {
        this(flattenedKeysAndValues, false);
    }

    private MapRedisMessage(List<RedisMessage> flattenedKeysAndValues, boolean shared) {
        super(checkEven(flattenedKeysAndValues), shared);
    }

    private static List<RedisMessage> checkEven(List<RedisMessage> elements) {
        if ((elements.size() & 1) != 0) {
            throw new IllegalArgumentException("a map needs an even number of elements, got " + elements.size());
        }
        return elements;
    }

    /** Number of key/value pairs, the count on the wire. */
    public int pairCount() {
        return children().size() / 2;
    }
}
