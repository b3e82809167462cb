package io.trustgate.redis.codec.resp3;

import io.netty.handler.codec.redis.RedisMessage;

/** A RESP3 boolean ({@code #t} or {@code #f}); a RESP2 connection gets the integer 1 or 0, as from Redis. */
public final class BooleanRedisMessage implements RedisMessage {

    public static final BooleanRedisMessage TRUE = new BooleanRedisMessage(true);
    public static final BooleanRedisMessage FALSE = new BooleanRedisMessage(false);

    private final boolean value;

    private BooleanRedisMessage(boolean value) {
        this.value = value;
    }

    public static BooleanRedisMessage of(boolean value) {
        return value ? TRUE : FALSE;
    }

    public boolean value() {
        return value;
    }

    @Override
    public String toString() {
        return "BooleanRedisMessage[" + value + "]";
    }
}
