package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.HashValue;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash commands, as Redis 7.0's {@code t_hash.c}: HSET, HMSET, HSETNX, HGET, HMGET, HGETALL, HDEL, HEXISTS, HLEN,
 * HKEYS, HVALS, HSTRLEN, HINCRBY, HINCRBYFLOAT, HSCAN and HRANDFIELD. A hash that loses its last field is deleted;
 * writes keep the key's expiry.
 */
final class HashCommands {

    private HashCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("hset", c -> hset(c, false), Capability.HASHES)
                .add("hmset", c -> hset(c, true), Capability.HASHES)
                .add("hsetnx", HashCommands::hsetnx, Capability.HASHES)
                .add("hget", c -> Replies.bulk(field(hash(c), c.arg(2))), Capability.HASHES)
                .add("hmget", HashCommands::hmget, Capability.HASHES)
                .add("hgetall", HashCommands::hgetall, Capability.HASHES)
                .add("hdel", HashCommands::hdel, Capability.HASHES)
                .add("hexists", c -> Replies.bool(field(hash(c), c.arg(2)) != null), Capability.HASHES)
                .add("hlen", c -> Replies.integer(size(hash(c))), Capability.HASHES)
                .add("hkeys", c -> list(hash(c), true), Capability.HASHES)
                .add("hvals", c -> list(hash(c), false), Capability.HASHES)
                .add("hstrlen", HashCommands::hstrlen, Capability.HASHES)
                .add("hincrby", HashCommands::hincrby, Capability.HASHES)
                .add("hincrbyfloat", HashCommands::hincrbyfloat, Capability.HASHES)
                .add("hscan", c -> CollectionScan.scan(c, ValueType.HASH, 2, v -> flatten((HashValue) v)),
                        Capability.HASHES)
                .add("hrandfield", RandomPicks::hrandfield, Capability.HASHES);
    }

    private static HashValue hash(Call c) {
        return c.getTyped(c.arg(1), ValueType.HASH);
    }

    private static byte[] field(HashValue h, byte[] field) {
        return h == null ? null : h.get(field);
    }

    private static int size(HashValue h) {
        return h == null ? 0 : h.size();
    }

    static List<byte[]> flatten(HashValue h) {
        List<byte[]> out = new ArrayList<>(h.size() * 2);
        for (int i = 0; i < h.size(); i++) {
            out.add(h.field(i));
            out.add(h.value(i));
        }
        return out;
    }

    /** HSET key field value [field value ...] (the number of new fields); HMSET answers OK. */
    static RedisMessage hset(Call c, boolean hmset) {
        if (c.argc() % 2 == 1) {
            throw new CommandException(CommandException.wrongArity(c.name()));
        }
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        HashValue h = e == null ? new HashValue() : Call.typed(e, ValueType.HASH);
        long created = 0;
        for (int i = 2; i < c.argc(); i += 2) {
            if (h.put(c.arg(i), c.arg(i + 1))) {
                created++;
            }
        }
        Call.putOrDelete(ks, c.arg(1), h, h.size(), e);
        return hmset ? Replies.OK : Replies.integer(created);
    }

    static RedisMessage hsetnx(Call c) {
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        HashValue h = e == null ? new HashValue() : Call.typed(e, ValueType.HASH);
        if (h.get(c.arg(2)) != null) {
            return Replies.ZERO;
        }
        h.put(c.arg(2), c.arg(3));
        Call.putOrDelete(ks, c.arg(1), h, h.size(), e);
        return Replies.ONE;
    }

    static RedisMessage hmget(Call c) {
        HashValue h = hash(c);
        List<byte[]> out = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            out.add(field(h, c.arg(i)));
        }
        return Replies.bulkArray(out);
    }

    static RedisMessage hgetall(Call c) {
        HashValue h = hash(c);
        List<RedisMessage> out = new ArrayList<>();
        if (h != null) {
            for (byte[] v : flatten(h)) {
                out.add(Replies.bulk(v));
            }
        }
        return Replies.map(out);
    }

    static RedisMessage hdel(Call c) {
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        HashValue h = Call.typed(e, ValueType.HASH);
        if (h == null) {
            return Replies.ZERO;
        }
        long deleted = 0;
        for (int i = 2; i < c.argc(); i++) {
            if (h.remove(c.arg(i))) {
                deleted++;
            }
        }
        if (deleted > 0) {
            Call.putOrDelete(ks, c.arg(1), h, h.size(), e);
        }
        return Replies.integer(deleted);
    }

    static RedisMessage list(HashValue h, boolean fields) {
        if (h == null) {
            return Replies.EMPTY_ARRAY;
        }
        return Replies.bulkArray(fields ? h.fields() : h.values());
    }

    static RedisMessage hstrlen(Call c) {
        byte[] v = field(hash(c), c.arg(2));
        return Replies.integer(v == null ? 0 : v.length);
    }

    static RedisMessage hincrby(Call c) {
        long increment = c.longArg(3);
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        HashValue h = e == null ? new HashValue() : Call.typed(e, ValueType.HASH);
        byte[] current = h.get(c.arg(2));
        long value = 0;
        if (current != null) {
            try {
                value = Numbers.parseLong(current);
            } catch (CommandException notInteger) {
                throw new CommandException("ERR hash value is not an integer");
            }
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            throw new CommandException(CommandException.OVERFLOW);
        }
        long result = value + increment;
        h.put(c.arg(2), Numbers.toBytes(result));
        Call.putOrDelete(ks, c.arg(1), h, h.size(), e);
        return Replies.integer(result);
    }

    /** Computed in x87 long double and printed as Redis's human-friendly long double; the reply is a bulk string. */
    static RedisMessage hincrbyfloat(Call c) {
        LongDouble increment = LongDouble.parse(c.arg(3));
        if (increment.isInfinite()) {
            throw new CommandException("ERR value is NaN or Infinity");
        }
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        HashValue h = e == null ? new HashValue() : Call.typed(e, ValueType.HASH);
        byte[] current = h.get(c.arg(2));
        LongDouble value = null;
        if (current != null) {
            try {
                value = LongDouble.parse(current);
            } catch (CommandException notFloat) {
                throw new CommandException("ERR hash value is not a float");
            }
        }
        boolean infinite = increment.isInfinite() || (value != null && value.isInfinite());
        LongDouble sum = infinite ? LongDouble.INFINITY
                : LongDouble.round(value == null ? increment.value() : value.value().add(increment.value()));
        if (sum.isInfinite()) {
            throw new CommandException("ERR increment would produce NaN or Infinity");
        }
        byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        h.put(c.arg(2), text);
        Call.putOrDelete(ks, c.arg(1), h, h.size(), e);
        return Replies.bulk(text);
    }
}
