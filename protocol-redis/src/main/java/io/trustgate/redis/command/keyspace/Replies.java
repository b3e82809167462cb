package io.trustgate.redis.command.keyspace;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FixedRedisMessagePool;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.trustgate.redis.codec.resp3.DoubleRedisMessage;
import io.trustgate.redis.codec.resp3.MapRedisMessage;
import io.trustgate.redis.codec.resp3.PairsRedisMessage;
import io.trustgate.redis.codec.resp3.SetRedisMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds reply messages, reusing Netty's pooled constants where they exist. Bulk replies wrap the given array
 * without copying (stored values are immutable); whoever writes a reply releases it.
 */
final class Replies {

    static final RedisMessage OK = FixedRedisMessagePool.INSTANCE.getSimpleString(FixedRedisMessagePool.RedisReplyKey.OK);
    static final RedisMessage PONG = FixedRedisMessagePool.INSTANCE.getSimpleString(FixedRedisMessagePool.RedisReplyKey.PONG);
    static final RedisMessage ZERO = integer(0);
    static final RedisMessage ONE = integer(1);
    static final RedisMessage NULL_BULK = FullBulkStringRedisMessage.NULL_INSTANCE;
    static final RedisMessage NULL_ARRAY = ArrayRedisMessage.NULL_INSTANCE;
    static final RedisMessage EMPTY_ARRAY = ArrayRedisMessage.EMPTY_INSTANCE;

    private Replies() {
    }

    static RedisMessage integer(long value) {
        IntegerRedisMessage pooled = FixedRedisMessagePool.INSTANCE.getInteger(value);
        return pooled != null ? pooled : new IntegerRedisMessage(value);
    }

    static RedisMessage bool(boolean value) {
        return value ? ONE : ZERO;
    }

    /** A bulk string, or the null bulk string for {@code null}. */
    static RedisMessage bulk(byte[] value) {
        if (value == null) {
            return NULL_BULK;
        }
        return value.length == 0 ? FullBulkStringRedisMessage.EMPTY_INSTANCE
                : new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(value));
    }

    static RedisMessage bulk(String value) {
        return bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    static RedisMessage simple(String value) {
        return new SimpleStringRedisMessage(value);
    }

    static ErrorRedisMessage error(String message) {
        return new ErrorRedisMessage(message);
    }

    /** An array of bulk strings ({@code null} elements become null bulk strings). */
    static RedisMessage bulkArray(List<byte[]> values) {
        if (values.isEmpty()) {
            return EMPTY_ARRAY;
        }
        List<RedisMessage> children = new ArrayList<>(values.size());
        for (byte[] v : values) {
            children.add(bulk(v));
        }
        return new ArrayRedisMessage(children);
    }

    /*
     * Where Redis 7 answers RESP3 clients with a map, a set or a double. The RESP3 message classes carry that;
     * the connection's RespEncoder downgrades them to the RESP2 shapes Redis sends RESP2 clients (flat array,
     * array, bulk string of the "%.17g" digits).
     */

    /** A map reply: keys and values alternating (HGETALL). */
    static RedisMessage map(List<RedisMessage> flattenedKeysAndValues) {
        return flattenedKeysAndValues.isEmpty() ? MapRedisMessage.EMPTY_INSTANCE
                : new MapRedisMessage(flattenedKeysAndValues);
    }

    /** Pairs, flattened (WITHSCORES, WITHVALUES): nested two-element arrays in RESP3, one flat array in RESP2. */
    static RedisMessage pairs(List<RedisMessage> flattenedPairs) {
        return flattenedPairs.isEmpty() ? EMPTY_ARRAY : new PairsRedisMessage(flattenedPairs);
    }

    /** A set reply (SMEMBERS, SINTER, SPOP with a count...). */
    static RedisMessage set(List<RedisMessage> members) {
        return members.isEmpty() ? SetRedisMessage.EMPTY_INSTANCE : new SetRedisMessage(members);
    }

    /** A double reply (scores). A score of -0 prints as "0", as Redis 7.0 answers it for small sorted sets. */
    static RedisMessage dbl(double value) {
        return new DoubleRedisMessage(value == 0 ? 0.0 : value);
    }

    /** A set reply of bulk strings. */
    static RedisMessage bulkSet(List<byte[]> members) {
        List<RedisMessage> children = new ArrayList<>(members.size());
        for (byte[] m : members) {
            children.add(bulk(m));
        }
        return set(children);
    }

    static RedisMessage array(List<RedisMessage> children) {
        return children.isEmpty() ? EMPTY_ARRAY : new ArrayRedisMessage(children);
    }
}
