package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.ListValue;
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

    /** The list under {@code key}, null when absent, WRONGTYPE when another kind. */
    private static ListValue getList(Keyspace ks, byte[] key) {
        Entry e = ks.get(key);
        return e == null ? null : (ListValue) Call.checkType(e.value(), ValueType.LIST);
    }

    static RedisMessage push(Call c, boolean head, boolean onlyExisting) {
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        if (e == null && onlyExisting) {
            return Replies.ZERO;
        }
        ListValue list = e == null ? new ListValue() : (ListValue) Call.checkType(e.value(), ValueType.LIST);
        for (int i = 2; i < c.argc(); i++) {
            if (head) {
                list.addFirst(c.arg(i));
            } else {
                list.addLast(c.arg(i));
            }
        }
        ks.put(c.arg(1), list, e == null ? Entry.NO_EXPIRY : e.expireAt());
        return Replies.integer(list.size());
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
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        if (e == null) {
            return hasCount ? Replies.NULL_ARRAY : Replies.NULL_BULK;
        }
        ListValue list = (ListValue) Call.checkType(e.value(), ValueType.LIST);
        if (hasCount && count == 0) {
            return Replies.EMPTY_ARRAY;
        }
        List<byte[]> popped = new ArrayList<>();
        long n = hasCount ? Math.min(count, list.size()) : 1;
        for (long i = 0; i < n; i++) {
            popped.add(head ? list.pollFirst() : list.pollLast());
        }
        if (list.size() == 0) {
            ks.delete(c.arg(1));
        } else {
            ks.put(c.arg(1), list, e.expireAt());
        }
        return hasCount ? Replies.bulkArray(popped) : Replies.bulk(popped.get(0));
    }

    static RedisMessage llen(Call c) {
        ListValue list = getList(c.keyspace(), c.arg(1));
        return Replies.integer(list == null ? 0 : list.size());
    }

    static RedisMessage lrange(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        ListValue list = getList(c.keyspace(), c.arg(1));
        if (list == null) {
            return Replies.EMPTY_ARRAY;
        }
        long len = list.size();
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        start = Math.max(start, 0);
        if (start > end || start >= len) {
            return Replies.EMPTY_ARRAY;
        }
        end = Math.min(end, len - 1);
        return Replies.bulkArray(list.range((int) start, (int) end));
    }

    static RedisMessage lindex(Call c) {
        ListValue list = getList(c.keyspace(), c.arg(1));
        if (list == null) {
            return Replies.NULL_BULK;
        }
        long index = c.longArg(2);
        long i = index < 0 ? list.size() + index : index;
        if (i < 0 || i >= list.size()) {
            return Replies.NULL_BULK;
        }
        return Replies.bulk(list.range((int) i, (int) i).get(0));
    }
}
