package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.StringValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * String commands other than the counters: GET, SET and its variants, MGET, MSET, MSETNX, GETSET, GETDEL, GETEX,
 * APPEND, STRLEN, GETRANGE (and its old name SUBSTR), SETRANGE. Each follows Redis 7's {@code t_string.c} in
 * the order it checks arguments, types and sizes.
 */
final class StringCommands {

    private StringCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("get", StringCommands::get, Capability.STRINGS)
                .add("set", StringCommands::set, Capability.STRINGS)
                .add("setnx", StringCommands::setnx, Capability.STRINGS)
                .add("setex", c -> setex(c, SetOptions.Unit.EX), Capability.STRINGS, Capability.EXPIRY)
                .add("psetex", c -> setex(c, SetOptions.Unit.PX), Capability.STRINGS, Capability.EXPIRY)
                .add("mget", StringCommands::mget, Capability.STRINGS)
                .add("mset", StringCommands::mset, Capability.STRINGS)
                .add("msetnx", StringCommands::msetnx, Capability.STRINGS)
                .add("getset", StringCommands::getset, Capability.STRINGS)
                .add("getdel", StringCommands::getdel, Capability.STRINGS)
                .add("getex", StringCommands::getex, Capability.STRINGS)
                .add("append", StringCommands::append, Capability.STRINGS)
                .add("strlen", StringCommands::strlen, Capability.STRINGS)
                .add("getrange", StringCommands::getrange, Capability.STRINGS)
                .add("substr", StringCommands::getrange, Capability.STRINGS)
                .add("setrange", StringCommands::setrange, Capability.STRINGS);
    }

    static RedisMessage get(Call c) {
        return Replies.bulk(bytesOrNull(c.getString(c.arg(1))));
    }

    static RedisMessage set(Call c) {
        SetOptions o = SetOptions.parse(c, 3, true);
        long expireAt = Entry.NO_EXPIRY;
        if (o.hasExpiry()) {
            c.require(Capability.EXPIRY);
            expireAt = o.expireAt(c);
        }
        return setGeneric(c, o.nx, o.xx, o.get, o.keepTtl, expireAt, Replies.OK, Replies.NULL_BULK);
    }

    static RedisMessage setnx(Call c) {
        return setGeneric(c, true, false, false, false, Entry.NO_EXPIRY, Replies.ONE, Replies.ZERO);
    }

    /** SETEX key seconds value, PSETEX key ms value. */
    static RedisMessage setex(Call c, SetOptions.Unit unit) {
        long expireAt = SetOptions.expireAt(c, c.longArg(2), unit);
        return store(c, c.arg(1), c.arg(3), expireAt);
    }

    /** SET's core ({@code setGenericCommand}); key and value are arguments 1 and 2. */
    private static RedisMessage setGeneric(Call c, boolean nx, boolean xx, boolean get, boolean keepTtl,
                                           long expireAt, RedisMessage okReply, RedisMessage abortReply) {
        Keyspace ks = c.keyspace();
        Entry old = ks.get(c.arg(1));
        byte[] previous = get ? bytesOrNull(Call.asString(old)) : null;
        boolean found = old != null;
        if ((nx && found) || (xx && !found)) {
            return get ? Replies.bulk(previous) : abortReply;
        }
        long expiry = expireAt;
        if (keepTtl && found) {
            expiry = old.expireAt();
        }
        c.store(ks, c.arg(1), new StringValue(c.arg(2)), expiry);
        return get ? Replies.bulk(previous) : okReply;
    }

    private static RedisMessage store(Call c, byte[] key, byte[] value, long expireAt) {
        c.store(c.keyspace(), key, new StringValue(value), expireAt);
        return Replies.OK;
    }

    static RedisMessage mget(Call c) {
        Keyspace ks = c.keyspace();
        List<byte[]> values = new ArrayList<>(c.argc() - 1);
        for (int i = 1; i < c.argc(); i++) {
            Entry e = ks.get(c.arg(i));
            values.add(e != null && e.value() instanceof StringValue ? ((StringValue) e.value()).bytes() : null);
        }
        return Replies.bulkArray(values);
    }

    static RedisMessage mset(Call c) {
        checkPairs(c);
        Keyspace ks = c.keyspace();
        for (int i = 1; i < c.argc(); i += 2) {
            ks.put(c.arg(i), new StringValue(c.arg(i + 1)), Entry.NO_EXPIRY);
        }
        return Replies.OK;
    }

    static RedisMessage msetnx(Call c) {
        checkPairs(c);
        Keyspace ks = c.keyspace();
        for (int i = 1; i < c.argc(); i += 2) {
            if (ks.exists(c.arg(i))) {
                return Replies.ZERO;
            }
        }
        mset(c);
        return Replies.ONE;
    }

    private static void checkPairs(Call c) {
        if (c.argc() % 2 == 0) {
            throw new CommandException(CommandException.wrongArity(c.name()));
        }
    }

    static RedisMessage getset(Call c) {
        Keyspace ks = c.keyspace();
        byte[] previous = bytesOrNull(c.getString(c.arg(1)));
        ks.put(c.arg(1), new StringValue(c.arg(2)), Entry.NO_EXPIRY);
        return Replies.bulk(previous);
    }

    static RedisMessage getdel(Call c) {
        StringValue v = c.getString(c.arg(1));
        if (v == null) {
            return Replies.NULL_BULK;
        }
        c.keyspace().delete(c.arg(1));
        return Replies.bulk(v.bytes());
    }

    static RedisMessage getex(Call c) {
        SetOptions o = SetOptions.parse(c, 2, false);
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        if (e == null) {
            return Replies.NULL_BULK;
        }
        StringValue v = Call.asString(e);
        if (o.hasExpiry()) {
            c.require(Capability.EXPIRY);
            long expireAt = o.expireAt(c);
            if (!o.unit.relative && expireAt <= c.now()) {
                ks.delete(c.arg(1));
            } else {
                ks.setExpiry(c.arg(1), expireAt);
            }
        } else if (o.persist && e.hasExpiry()) {
            ks.setExpiry(c.arg(1), Entry.NO_EXPIRY);
        }
        return Replies.bulk(v.bytes());
    }

    static RedisMessage append(Call c) {
        Keyspace ks = c.keyspace();
        byte[] suffix = c.arg(2);
        Entry e = ks.get(c.arg(1));
        if (e == null) {
            ks.put(c.arg(1), new StringValue(suffix), Entry.NO_EXPIRY);
            return Replies.integer(suffix.length);
        }
        byte[] current = Call.asString(e).bytes();
        checkLength(current.length, suffix.length);
        byte[] joined = Arrays.copyOf(current, current.length + suffix.length);
        System.arraycopy(suffix, 0, joined, current.length, suffix.length);
        ks.put(c.arg(1), new StringValue(joined), e.expireAt());
        return Replies.integer(joined.length);
    }

    static RedisMessage strlen(Call c) {
        StringValue v = c.getString(c.arg(1));
        return Replies.integer(v == null ? 0 : v.length());
    }

    static RedisMessage getrange(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        StringValue v = c.getString(c.arg(1));
        if (v == null || (start < 0 && end < 0 && start > end)) {
            return Replies.bulk(new byte[0]);
        }
        long len = v.length();
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        start = Math.max(start, 0);
        end = Math.max(end, 0);
        end = Math.min(end, len - 1);
        if (start > end || len == 0) {
            return Replies.bulk(new byte[0]);
        }
        return Replies.bulk(Arrays.copyOfRange(v.bytes(), (int) start, (int) end + 1));
    }

    static RedisMessage setrange(Call c) {
        long offset = c.longArg(2);
        byte[] patch = c.arg(3);
        if (offset < 0) {
            throw new CommandException("ERR offset is out of range");
        }
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        byte[] current = new byte[0];
        long expireAt = Entry.NO_EXPIRY;
        if (e != null) {
            current = Call.asString(e).bytes();
            expireAt = e.expireAt();
        }
        if (patch.length == 0) {
            return Replies.integer(current.length);
        }
        checkLength(offset, patch.length);
        byte[] result = Arrays.copyOf(current, Math.max(current.length, (int) offset + patch.length));
        System.arraycopy(patch, 0, result, (int) offset, patch.length);
        ks.put(c.arg(1), new StringValue(result), expireAt);
        return Replies.integer(result.length);
    }

    /** Redis's {@code checkStringLength}: a string may not grow past proto-max-bulk-len. */
    static void checkLength(long size, long append) {
        if (size + append > Call.MAX_STRING_LENGTH) {
            throw new CommandException(CommandException.TOO_LARGE);
        }
    }

    private static byte[] bytesOrNull(StringValue v) {
        return v == null ? null : v.bytes();
    }
}
