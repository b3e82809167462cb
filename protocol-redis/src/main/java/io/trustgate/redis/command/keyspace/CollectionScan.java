package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.ElementPage;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * HSCAN, SSCAN and ZSCAN: Redis's {@code scanGenericCommand} on one collection. The engine returns one step of the
 * iteration ({@link Keyspace#hashScan} and its siblings: the whole collection with cursor 0 by default, as Redis
 * answers for its small encodings; pages of a large one where the engine can); COUNT is the hint passed on. MATCH
 * filters fields/members of the step; TYPE is a syntax error here, as in Redis. A missing key answers an empty
 * step before the options are read, as in Redis.
 */
final class CollectionScan {

    /** Reads one step: the elements flattened, the name of each field or member first. */
    @FunctionalInterface
    interface Step {
        ElementPage<byte[]> read(Keyspace ks, byte[] key, long cursor, int count);
    }

    private CollectionScan() {
    }

    /** @param stride how many reply elements belong to one field or member (2 for field/value, member/score) */
    static RedisMessage scan(Call c, ValueType type, int stride, Step step) {
        long cursor = Numbers.parseCursor(c.arg(2));
        if (!c.checkKind(c.arg(1), type)) {
            return pair(0, List.of());
        }
        GlobPattern pattern = null;
        long count = 10;
        for (int i = 3; i < c.argc(); i += 2) {
            boolean hasValue = c.argc() - i >= 2;
            if (c.argIs(i, "COUNT") && hasValue) {
                count = c.longArg(i + 1);
                if (count < 1) {
                    throw CommandException.syntax();
                }
            } else if (c.argIs(i, "MATCH") && hasValue) {
                pattern = GlobPattern.compile(c.arg(i + 1));
            } else {
                throw CommandException.syntax();
            }
        }
        ElementPage<byte[]> page = step.read(c.keyspace(), c.arg(1), cursor, (int) Math.min(count, Integer.MAX_VALUE));
        List<byte[]> all = page.elements();
        List<byte[]> out = new ArrayList<>(all.size());
        for (int i = 0; i + stride <= all.size(); i += stride) {
            if (pattern == null || pattern.matches(all.get(i))) {
                out.addAll(all.subList(i, i + stride));
            }
        }
        return pair(page.cursor(), out);
    }

    private static RedisMessage pair(long cursor, List<byte[]> elements) {
        List<RedisMessage> reply = new ArrayList<>(2);
        reply.add(Replies.bulk(Long.toUnsignedString(cursor)));
        reply.add(Replies.bulkArray(elements));
        return Replies.array(reply);
    }
}
