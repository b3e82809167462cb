package io.trustgate.redis.codec.resp3;

import io.netty.handler.codec.redis.RedisMessage;

import java.util.List;

/**
 * An ordered list of pairs, held flattened as first, second, first, second: what Redis 7 answers for
 * {@code WITHSCORES} and {@code WITHVALUES} (ZRANGE, ZPOPMIN with a count, ZRANDMEMBER, HRANDFIELD...). A RESP3
 * connection gets an array of two-element arrays ({@code *<pairs>} then {@code *2} per pair); a RESP2 connection
 * gets one flat array of twice the pair count. Unlike a {@link MapRedisMessage}, the same first element may occur
 * twice (HRANDFIELD with a negative count). Owns its children.
 */
public final class PairsRedisMessage extends AggregateRedisMessage {

    /** No pairs; not reference counted. */
    public static final PairsRedisMessage EMPTY_INSTANCE = new PairsRedisMessage(List.of(), true);

    /**
     * @param flattenedPairs first, second, first, second, ... in wire order; ownership of each passes here
     * @throws IllegalArgumentException if the size is odd
     */
    public PairsRedisMessage(List<RedisMessage> flattenedPairs) {
        this(flattenedPairs, false);
    }

    private PairsRedisMessage(List<RedisMessage> flattenedPairs, boolean shared) {
        super(checkEven(flattenedPairs), shared);
    }

    private static List<RedisMessage> checkEven(List<RedisMessage> elements) {
        if ((elements.size() & 1) != 0) {
            throw new IllegalArgumentException("pairs need an even number of elements, got " + elements.size());
        }
        return elements;
    }

    /** Number of pairs, the count of a RESP3 reply. */
    public int pairCount() {
        return children().size() / 2;
    }
}
