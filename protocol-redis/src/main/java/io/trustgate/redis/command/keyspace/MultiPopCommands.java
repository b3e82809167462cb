package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.SortedSetValue;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * LMPOP and ZMPOP (Redis 7.0), and one attempt of their blocking forms BLMPOP and BZMPOP: pop up to COUNT
 * elements from the first non-empty key in argument order and answer {@code [key, elements]}, or the null array
 * when every key is empty. Arguments are parsed as Redis's {@code lmpopGenericCommand}/{@code zmpopGenericCommand}
 * parse them (numkeys, then the side, then COUNT once; the timeout after that), and a key of another type met
 * before a non-empty one is WRONGTYPE. As with {@link BlockingCommands}, waiting is done by the route target.
 */
final class MultiPopCommands {

    private MultiPopCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("lmpop", c -> lmpop(c, 1), Capability.LISTS)
                .add("zmpop", c -> zmpop(c, 1), Capability.SORTED_SETS)
                .add(CommandSupport.EMULATED, "blmpop", c -> lmpop(c, 2), Capability.LISTS, Capability.BLOCKING)
                .add(CommandSupport.EMULATED, "bzmpop", c -> zmpop(c, 2), Capability.SORTED_SETS,
                        Capability.BLOCKING)
                .note("blmpop", BlockingCommands.NOTE)
                .note("bzmpop", BlockingCommands.NOTE);
    }

    /** The parsed arguments: the keys are {@code c.arg(first) .. c.arg(first + numkeys - 1)}. */
    private record Parsed(int first, int numkeys, boolean fromEnd, long count) {
    }

    /**
     * @param numkeysIndex 1 for LMPOP/ZMPOP, 2 for the blocking forms (whose timeout is argument 1)
     * @param endWord      LEFT or MIN: the side popped when {@code fromEnd} is false
     */
    private static Parsed parse(Call c, int numkeysIndex, String startWord, String endWord) {
        long numkeys = rangeArg(c, numkeysIndex, "numkeys should be greater than 0");
        long whereIndex = numkeysIndex + numkeys + 1;
        if (whereIndex >= c.argc()) {
            throw CommandException.syntax();
        }
        int where = (int) whereIndex;
        boolean fromEnd;
        if (c.argIs(where, startWord)) {
            fromEnd = false;
        } else if (c.argIs(where, endWord)) {
            fromEnd = true;
        } else {
            throw CommandException.syntax();
        }
        long count = -1;
        for (int j = where + 1; j < c.argc(); j++) {
            if (count == -1 && c.argIs(j, "COUNT") && j + 1 < c.argc()) {
                count = rangeArg(c, ++j, "count should be greater than 0");
            } else {
                throw CommandException.syntax();
            }
        }
        if (numkeysIndex == 2) {
            BlockingCommands.timeoutMillis(c.arg(1));
        }
        return new Parsed(numkeysIndex + 1, (int) numkeys, fromEnd, count == -1 ? 1 : count);
    }

    /** Redis's {@code getRangeLongFromObjectOrReply(1, LONG_MAX)}: anything else answers {@code message}. */
    private static long rangeArg(Call c, int i, String message) {
        long v;
        try {
            v = c.longArg(i);
        } catch (CommandException e) {
            throw new CommandException("ERR " + message);
        }
        if (v < 1) {
            throw new CommandException("ERR " + message);
        }
        return v;
    }

    private static RedisMessage lmpop(Call c, int numkeysIndex) {
        Parsed p = parse(c, numkeysIndex, "LEFT", "RIGHT");
        Keyspace ks = c.keyspace();
        for (int i = p.first(); i < p.first() + p.numkeys(); i++) {
            if (!c.checkKind(c.arg(i), ValueType.LIST)) {
                continue;
            }
            List<byte[]> popped = ks.listPop(c.arg(i), !p.fromEnd(), p.count());
            return Replies.array(List.of(Replies.bulk(c.arg(i)), Replies.bulkArray(popped)));
        }
        return Replies.NULL_ARRAY;
    }

    private static RedisMessage zmpop(Call c, int numkeysIndex) {
        Parsed p = parse(c, numkeysIndex, "MIN", "MAX");
        Keyspace ks = c.keyspace();
        for (int i = p.first(); i < p.first() + p.numkeys(); i++) {
            if (!c.checkKind(c.arg(i), ValueType.ZSET)) {
                continue;
            }
            // Nested [member, score] pairs in RESP2 as well: ZMPOP's reply shape does not depend on the protocol.
            List<RedisMessage> pairs = new ArrayList<>();
            for (SortedSetValue.Member m : ks.sortedSetPop(c.arg(i), p.fromEnd(), p.count())) {
                pairs.add(Replies.array(List.of(Replies.bulk(m.member()), Replies.dbl(m.score()))));
            }
            return Replies.array(List.of(Replies.bulk(c.arg(i)), Replies.array(pairs)));
        }
        return Replies.NULL_ARRAY;
    }
}
