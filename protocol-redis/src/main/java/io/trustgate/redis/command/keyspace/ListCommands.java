package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * The basic list commands: LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP (with COUNT), LLEN, LRANGE, LINDEX, as
 * Redis's {@code t_list.c}. A list that becomes empty is deleted. The blocking variants live in
 * {@link BlockingCommands}; they exist where the route target adds {@link Capability#BLOCKING} (keyspace targets
 * park the client and retry on writes).
 */
final class ListCommands {

    private ListCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("lpush", c -> push(c, true, false), Capability.LISTS)
                .add("rpush", c -> push(c, false, false), Capability.LISTS)
                .add("lpushx", c -> push(c, true, true), Capability.LISTS)
                .add("rpushx", c -> push(c, false, true), Capability.LISTS)
                .add("lpop", c -> pop(c, true), Capability.LISTS)
                .add("rpop", c -> pop(c, false), Capability.LISTS)
                .add("llen", ListCommands::llen, Capability.LISTS)
                .add("lrange", ListCommands::lrange, Capability.LISTS)
                .add("lindex", ListCommands::lindex, Capability.LISTS);
    }

    /** The length of the list under argument 1, 0 when absent, WRONGTYPE when another kind. */
    private static long length(Call c) {
        return c.checkKind(c.arg(1), ValueType.LIST) ? c.keyspace().listLength(c.arg(1)) : 0;
    }

    static RedisMessage push(Call c, boolean head, boolean onlyExisting) {
        boolean exists = c.checkKind(c.arg(1), ValueType.LIST);
        if (!exists && onlyExisting) {
            return Replies.ZERO;
        }
        List<byte[]> elements = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            elements.add(c.arg(i));
        }
        return Replies.integer(c.keyspace().listPush(c.arg(1), head, elements));
    }

    static RedisMessage pop(Call c, boolean head) {
        if (c.argc() > 3) {
            throw new CommandException(CommandException.wrongArity(c.name()));
        }
        boolean hasCount = c.argc() == 3;
        long count = 0;
        if (hasCount) {
            try {
                count = c.longArg(2);
            } catch (CommandException notInteger) {
                count = -1;
            }
            if (count < 0) {
                throw new CommandException("ERR value is out of range, must be positive");
            }
        }
        if (!c.checkKind(c.arg(1), ValueType.LIST)) {
            return hasCount ? Replies.NULL_ARRAY : Replies.NULL_BULK;
        }
        if (hasCount && count == 0) {
            return Replies.EMPTY_ARRAY;
        }
        List<byte[]> popped = c.keyspace().listPop(c.arg(1), head, hasCount ? count : 1);
        return hasCount ? Replies.bulkArray(popped) : Replies.bulk(popped.get(0));
    }

    static RedisMessage llen(Call c) {
        return Replies.integer(length(c));
    }

    static RedisMessage lrange(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        long len = length(c);
        if (len == 0) {
            return Replies.EMPTY_ARRAY;
        }
        IndexRange r = IndexRange.clamp(start, end, len);
        if (r == null) {
            return Replies.EMPTY_ARRAY;
        }
        return Replies.bulkArray(c.keyspace().listRange(c.arg(1), r.start(), r.end()));
    }

    static RedisMessage lindex(Call c) {
        long len = length(c);
        if (len == 0) {
            return Replies.NULL_BULK;
        }
        long index = c.longArg(2);
        long i = index < 0 ? len + index : index;
        if (i < 0 || i >= len) {
            return Replies.NULL_BULK;
        }
        return Replies.bulk(c.keyspace().listRange(c.arg(1), i, i).get(0));
    }
}
