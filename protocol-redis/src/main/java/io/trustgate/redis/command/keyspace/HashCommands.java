package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
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
                .add("hget", c -> Replies.bulk(fieldOf(c, c.arg(2))), Capability.HASHES)
                .add("hmget", HashCommands::hmget, Capability.HASHES)
                .add("hgetall", HashCommands::hgetall, Capability.HASHES)
                .add("hdel", HashCommands::hdel, Capability.HASHES)
                .add("hexists", c -> Replies.bool(fieldOf(c, c.arg(2)) != null), Capability.HASHES)
                .add("hlen", c -> Replies.integer(c.checkKind(c.arg(1), ValueType.HASH)
                        ? c.keyspace().hashSize(c.arg(1)) : 0), Capability.HASHES)
                .add("hkeys", c -> list(hash(c), true), Capability.HASHES)
                .add("hvals", c -> list(hash(c), false), Capability.HASHES)
                .add("hstrlen", HashCommands::hstrlen, Capability.HASHES)
                .add("hincrby", HashCommands::hincrby, Capability.HASHES)
                .add("hincrbyfloat", HashCommands::hincrbyfloat, Capability.HASHES)
                .add("hscan", c -> CollectionScan.scan(c, ValueType.HASH, 2, Keyspace::hashScan), Capability.HASHES)
                .add("hrandfield", RandomPicks::hrandfield, Capability.HASHES);
    }

    private static HashValue hash(Call c) {
        return c.getTyped(c.arg(1), ValueType.HASH);
    }

    /** One field of the hash under argument 1, read alone: null when absent; WRONGTYPE for another kind. */
    private static byte[] fieldOf(Call c, byte[] field) {
        byte[] v = c.keyspace().hashGet(c.arg(1), field);
        if (v == null) {
            c.checkKind(c.arg(1), ValueType.HASH);
        }
        return v;
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
        c.checkKind(c.arg(1), ValueType.HASH);
        List<byte[]> pairs = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            pairs.add(c.arg(i));
        }
        long created = c.keyspace().hashPut(c.arg(1), pairs);
        return hmset ? Replies.OK : Replies.integer(created);
    }

    static RedisMessage hsetnx(Call c) {
        if (fieldOf(c, c.arg(2)) != null) {
            return Replies.ZERO;
        }
        c.keyspace().hashPut(c.arg(1), List.of(c.arg(2), c.arg(3)));
        return Replies.ONE;
    }

    static RedisMessage hmget(Call c) {
        List<byte[]> out = new ArrayList<>(c.argc() - 2);
        boolean exists = c.checkKind(c.arg(1), ValueType.HASH);
        for (int i = 2; i < c.argc(); i++) {
            out.add(exists ? c.keyspace().hashGet(c.arg(1), c.arg(i)) : null);
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
        if (!c.checkKind(c.arg(1), ValueType.HASH)) {
            return Replies.ZERO;
        }
        List<byte[]> fields = new ArrayList<>(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            fields.add(c.arg(i));
        }
        return Replies.integer(c.keyspace().hashRemove(c.arg(1), fields));
    }

    static RedisMessage list(HashValue h, boolean fields) {
        if (h == null) {
            return Replies.EMPTY_ARRAY;
        }
        return Replies.bulkArray(fields ? h.fields() : h.values());
    }

    static RedisMessage hstrlen(Call c) {
        byte[] v = fieldOf(c, c.arg(2));
        return Replies.integer(v == null ? 0 : v.length);
    }

    static RedisMessage hincrby(Call c) {
        long increment = c.longArg(3);
        byte[] current = fieldOf(c, c.arg(2));
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
        c.keyspace().hashPut(c.arg(1), List.of(c.arg(2), Numbers.toBytes(result)));
        return Replies.integer(result);
    }

    /** Computed in x87 long double and printed as Redis's human-friendly long double; the reply is a bulk string. */
    static RedisMessage hincrbyfloat(Call c) {
        LongDouble increment = LongDouble.parse(c.arg(3));
        if (increment.isInfinite()) {
            throw new CommandException("ERR value is NaN or Infinity");
        }
        byte[] current = fieldOf(c, c.arg(2));
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
        c.keyspace().hashPut(c.arg(1), List.of(c.arg(2), text));
        return Replies.bulk(text);
    }
}
