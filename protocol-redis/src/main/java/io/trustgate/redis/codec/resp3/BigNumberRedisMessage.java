package io.trustgate.redis.codec.resp3;

import io.netty.handler.codec.redis.RedisMessage;

import java.math.BigInteger;
import java.util.Objects;

/** A RESP3 big number ({@code (<digits>}); a RESP2 connection gets a bulk string of the same digits. */
public final class BigNumberRedisMessage implements RedisMessage {

    private final BigInteger value;

    public BigNumberRedisMessage(BigInteger value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public BigInteger value() {
        return value;
    }

    @Override
    public String toString() {
        return "BigNumberRedisMessage[" + value + "]";
    }
}
