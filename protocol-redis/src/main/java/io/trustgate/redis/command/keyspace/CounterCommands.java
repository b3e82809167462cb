package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.StringValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT: read a string as a number, add, store the result's text, keep the
 * key's expiry. INCRBYFLOAT computes in x87 80-bit long double, as Redis does on x86-64, so that results and their
 * printed digits match (see {@link LongDouble}).
 */
final class CounterCommands {

    private CounterCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("incr", c -> incrBy(c, 1), Capability.STRINGS)
                .add("decr", c -> incrBy(c, -1), Capability.STRINGS)
                .add("incrby", c -> incrBy(c, c.longArg(2)), Capability.STRINGS)
                .add("decrby", CounterCommands::decrby, Capability.STRINGS)
                .add("incrbyfloat", CounterCommands::incrbyfloat, Capability.STRINGS);
    }

    static RedisMessage decrby(Call c) {
        long decrement = c.longArg(2);
        if (decrement == Long.MIN_VALUE) {
            throw new CommandException("ERR decrement would overflow");
        }
        return incrBy(c, -decrement);
    }

    /** Redis's {@code incrDecrCommand}. */
    static RedisMessage incrBy(Call c, long increment) {
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        long value = 0;
        long expireAt = Entry.NO_EXPIRY;
        if (e != null) {
            value = Numbers.parseLong(Call.asString(e).bytes());
            expireAt = e.expireAt();
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            throw new CommandException(CommandException.OVERFLOW);
        }
        long result = value + increment;
        ks.put(c.arg(1), new StringValue(Numbers.toBytes(result)), expireAt);
        return Replies.integer(result);
    }

    static RedisMessage incrbyfloat(Call c) {
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        BigDecimal value = BigDecimal.ZERO;
        long expireAt = Entry.NO_EXPIRY;
        boolean infinite = false;
        if (e != null) {
            LongDouble current = LongDouble.parse(Call.asString(e).bytes());
            value = current.value();
            infinite = current.isInfinite();
            expireAt = e.expireAt();
        }
        LongDouble increment = LongDouble.parse(c.arg(2));
        LongDouble sum = infinite || increment.isInfinite() ? LongDouble.INFINITY
                : LongDouble.round(value.add(increment.value()));
        if (sum.isInfinite()) {
            throw new CommandException("ERR increment would produce NaN or Infinity");
        }
        byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        ks.put(c.arg(1), new StringValue(text), expireAt);
        return Replies.bulk(text);
    }
}
