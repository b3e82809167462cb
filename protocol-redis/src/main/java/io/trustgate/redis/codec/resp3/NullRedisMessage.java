package io.trustgate.redis.codec.resp3;

import io.netty.handler.codec.redis.RedisMessage;

/**
 * The RESP3 null ({@code _}). A RESP2 connection gets the null bulk string {@code $-1}, as Redis sends for a
 * missing value. (Netty's null bulk string and null array become {@code _} on a RESP3 connection too.)
 */
public final class NullRedisMessage implements RedisMessage {

    public static final NullRedisMessage INSTANCE = new NullRedisMessage();

    private NullRedisMessage() {
    }

    @Override
    public String toString() {
        return "NullRedisMessage";
    }
}
