package io.trustgate.redis.codec.resp3;

import io.netty.handler.codec.redis.RedisMessage;

import java.util.List;

/**
 * A RESP3 set ({@code ~<count>}): unordered distinct elements, kept in the order given. A RESP2 connection gets
 * an array of the same elements, as Redis sends for SMEMBERS. Owns its children.
 */
public final class SetRedisMessage extends AggregateRedisMessage {

    /** The empty set; not reference counted. */
    public static final SetRedisMessage EMPTY_INSTANCE = new SetRedisMessage(List.of(), true);

    /** @param elements in wire order; ownership of each passes here */
    public SetRedisMessage(List<RedisMessage> elements) {
        this(elements, false);
    }

    private SetRedisMessage(List<RedisMessage> elements, boolean shared) {
        super(elements, shared);
    }
}
