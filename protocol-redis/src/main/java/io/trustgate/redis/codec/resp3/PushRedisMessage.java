package io.trustgate.redis.codec.resp3;

import io.netty.handler.codec.redis.RedisMessage;

import java.util.List;

/**
 * A RESP3 push ({@code ><count>}): out-of-band data such as a pub/sub message or an invalidation, which a RESP3
 * client tells apart from command replies by this type. A RESP2 connection gets an array of the same elements,
 * as Redis sends pub/sub messages. Owns its children.
 */
public final class PushRedisMessage extends AggregateRedisMessage {

    /** @param elements in wire order, the kind first (for example {@code message}); ownership passes here */
    public PushRedisMessage(List<RedisMessage> elements) {
        super(elements, false);
    }
}
