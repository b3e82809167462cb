package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One attempt of each blocking command: BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BZPOPMIN, BZPOPMAX. Each validates its
 * timeout as Redis does, then serves the first non-empty key in argument order, or answers the "nothing yet"
 * reply ({@code *-1}, or a null bulk for the moves), which is also what Redis answers inside MULTI. Waiting is not
 * done here: the route target parks the client on that reply and retries when a write touches one of its keys.
 * The commands need {@link Capability#BLOCKING}, which only a target that does the waiting adds to the table.
 */
final class BlockingCommands {

    static final String NOTE = "the gateway parks the client and retries when a write through this gateway "
            + "touches one of its keys, holding the client's later commands meanwhile";

    private BlockingCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add(CommandSupport.EMULATED, "blpop", c -> pop(c, true), Capability.LISTS, Capability.BLOCKING)
                .add(CommandSupport.EMULATED, "brpop", c -> pop(c, false), Capability.LISTS, Capability.BLOCKING)
                .add(CommandSupport.EMULATED, "blmove", c -> {
                    timeout(c, 5);
                    return ListEditCommands.lmove(c, c.argIs(3, "LEFT") ? 0 : c.argIs(3, "RIGHT") ? 1 : -1,
                            c.argIs(4, "LEFT") ? 0 : c.argIs(4, "RIGHT") ? 1 : -1);
                }, Capability.LISTS, Capability.BLOCKING)
                .add(CommandSupport.EMULATED, "brpoplpush", c -> {
                    timeout(c, 3);
                    return ListEditCommands.lmove(c, 1, 0);
                }, Capability.LISTS, Capability.BLOCKING)
                .add(CommandSupport.EMULATED, "bzpopmin", c -> zpop(c, false), Capability.SORTED_SETS,
                        Capability.BLOCKING)
                .add(CommandSupport.EMULATED, "bzpopmax", c -> zpop(c, true), Capability.SORTED_SETS,
                        Capability.BLOCKING);
        for (String name : List.of("blpop", "brpop", "blmove", "brpoplpush", "bzpopmin", "bzpopmax")) {
            b.note(name, NOTE);
        }
    }

    /**
     * A blocking command's timeout in milliseconds as Redis's {@code getTimeoutFromObjectOrReply} reads it:
     * decimal seconds, rounded up; 0 waits forever. Throws Redis's error for a non-number or a negative value.
     */
    static long timeoutMillis(byte[] arg) {
        double seconds;
        try {
            String s = new String(arg, StandardCharsets.US_ASCII);
            if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
                throw new NumberFormatException(s);
            }
            seconds = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new CommandException("ERR timeout is not a float or out of range");
        }
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new CommandException("ERR timeout is not a float or out of range");
        }
        double millis = Math.ceil(seconds * 1000.0);
        if (millis > Long.MAX_VALUE) {
            throw new CommandException("ERR timeout is out of range");
        }
        if (millis < 0) {
            throw new CommandException("ERR timeout is negative");
        }
        return (long) millis;
    }

    private static void timeout(Call c, int index) {
        timeoutMillis(c.arg(index));
    }

    private static RedisMessage pop(Call c, boolean head) {
        timeout(c, c.argc() - 1);
        Keyspace ks = c.keyspace();
        for (int i = 1; i < c.argc() - 1; i++) {
            if (!c.checkKind(c.arg(i), ValueType.LIST)) {
                continue;
            }
            byte[] value = ks.listPop(c.arg(i), head, 1).get(0);
            return Replies.bulkArray(List.of(c.arg(i), value));
        }
        return Replies.NULL_ARRAY;
    }

    private static RedisMessage zpop(Call c, boolean max) {
        timeout(c, c.argc() - 1);
        Keyspace ks = c.keyspace();
        for (int i = 1; i < c.argc() - 1; i++) {
            if (!c.checkKind(c.arg(i), ValueType.ZSET)) {
                continue;
            }
            SortedSetValue.Member m = ks.sortedSetPop(c.arg(i), max, 1).get(0);
            return Replies.array(List.of(Replies.bulk(c.arg(i)), Replies.bulk(m.member()), Replies.dbl(m.score())));
        }
        return Replies.NULL_ARRAY;
    }
}
