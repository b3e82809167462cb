package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.KeyspaceValue;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * HSCAN, SSCAN and ZSCAN: Redis's {@code scanGenericCommand} on one collection. The whole collection comes back in
 * one page with cursor 0, as Redis itself answers for its small (listpack, intset) encodings; COUNT is a hint
 * Redis allows to be ignored, and every SCAN guarantee holds. MATCH filters fields/members; TYPE is a syntax
 * error here, as in Redis.
 */
final class CollectionScan {

    private CollectionScan() {
    }

    /**
     * @param stride  how many reply elements belong to one field or member (2 for field/value, member/score)
     * @param flatten the collection as reply elements, the name of each first
     */
    static RedisMessage scan(Call c, ValueType type, int stride, Function<KeyspaceValue, List<byte[]>> flatten) {
        Numbers.parseCursor(c.arg(2));
        KeyspaceValue value = c.getTyped(c.arg(1), type);
        if (value == null) {
            return pair(List.of());
        }
        GlobPattern pattern = null;
        for (int i = 3; i < c.argc(); i += 2) {
            boolean hasValue = c.argc() - i >= 2;
            if (c.argIs(i, "COUNT") && hasValue) {
                if (c.longArg(i + 1) < 1) {
                    throw CommandException.syntax();
                }
            } else if (c.argIs(i, "MATCH") && hasValue) {
                pattern = GlobPattern.compile(c.arg(i + 1));
            } else {
                throw CommandException.syntax();
            }
        }
        List<byte[]> all = flatten.apply(value);
        List<byte[]> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i += stride) {
            if (pattern == null || pattern.matches(all.get(i))) {
                out.addAll(all.subList(i, i + stride));
            }
        }
        return pair(out);
    }

    private static RedisMessage pair(List<byte[]> elements) {
        List<RedisMessage> reply = new ArrayList<>(2);
        reply.add(Replies.bulk("0"));
        reply.add(Replies.bulkArray(elements));
        return Replies.array(reply);
    }
}
