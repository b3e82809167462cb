package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Keyspace;
import io.trustgate.redis.spi.ListValue;
import io.trustgate.redis.spi.ValueType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * List commands that edit the middle of a list or move between lists, as Redis 7.0's {@code t_list.c}: LSET,
 * LINSERT, LREM, LTRIM, LPOS (RANK, COUNT, MAXLEN), LMOVE and RPOPLPUSH. An emptied list is deleted; each list
 * keeps its own expiry. BLMOVE and BRPOPLPUSH are in {@link BlockingCommands}.
 */
final class ListEditCommands {

    private ListEditCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("lset", ListEditCommands::lset, Capability.LISTS)
                .add("linsert", ListEditCommands::linsert, Capability.LISTS)
                .add("lrem", ListEditCommands::lrem, Capability.LISTS)
                .add("ltrim", ListEditCommands::ltrim, Capability.LISTS)
                .add("lpos", ListEditCommands::lpos, Capability.LISTS)
                .add("lmove", c -> lmove(c, c.argIs(3, "LEFT") ? 0 : c.argIs(3, "RIGHT") ? 1 : -1,
                        c.argIs(4, "LEFT") ? 0 : c.argIs(4, "RIGHT") ? 1 : -1), Capability.LISTS)
                .add("rpoplpush", c -> lmove(c, 1, 0), Capability.LISTS);
    }

    static RedisMessage lset(Call c) {
        byte[] key = c.arg(1);
        if (!c.checkKind(key, ValueType.LIST)) {
            throw new CommandException(CommandException.NO_SUCH_KEY);
        }
        long index = c.longArg(2);
        Keyspace ks = c.keyspace();
        long size = ks.listLength(key);
        long i = index < 0 ? size + index : index;
        if (i < 0 || i >= size) {
            throw new CommandException("ERR index out of range");
        }
        ks.listSet(key, i, c.arg(3));
        return Replies.OK;
    }

    static RedisMessage linsert(Call c) {
        boolean after;
        if (c.argIs(2, "AFTER")) {
            after = true;
        } else if (c.argIs(2, "BEFORE")) {
            after = false;
        } else {
            throw CommandException.syntax();
        }
        if (!c.checkKind(c.arg(1), ValueType.LIST)) {
            return Replies.ZERO;
        }
        return Replies.integer(c.keyspace().listInsert(c.arg(1), c.arg(3), c.arg(4), after));
    }

    static RedisMessage lrem(Call c) {
        long count = c.longArg(2);
        if (!c.checkKind(c.arg(1), ValueType.LIST)) {
            return Replies.ZERO;
        }
        return Replies.integer(c.keyspace().listRemove(c.arg(1), count, c.arg(3)));
    }

    static RedisMessage ltrim(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        byte[] key = c.arg(1);
        if (!c.checkKind(key, ValueType.LIST)) {
            return Replies.OK;
        }
        Keyspace ks = c.keyspace();
        long len = ks.listLength(key);
        IndexRange keep = IndexRange.clamp(start, end, len);
        if (keep == null) {
            ks.delete(key);
        } else if (!keep.covers(len)) {
            ks.listTrim(key, keep.start(), keep.end());
        } else {
            ks.setExpiry(key, ks.expiry(key)); // unchanged, but Redis counts it as written (WATCH sees it)
        }
        return Replies.OK;
    }

    /** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]. */
    static RedisMessage lpos(Call c) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < c.argc(); j++) {
            boolean more = c.argc() - 1 - j > 0;
            if (c.argIs(j, "RANK") && more) {
                rank = c.longArg(++j);
                if (rank == 0) {
                    throw new CommandException("ERR RANK can't be zero: use 1 to start from the first match, 2 from "
                            + "the second ... or use negative to start from the end of the list");
                }
            } else if (c.argIs(j, "COUNT") && more) {
                count = c.positiveLongArg(++j, "COUNT can't be negative");
            } else if (c.argIs(j, "MAXLEN") && more) {
                maxlen = c.positiveLongArg(++j, "MAXLEN can't be negative");
            } else {
                throw CommandException.syntax();
            }
        }
        ListValue list = c.getTyped(c.arg(1), ValueType.LIST);
        if (list == null) {
            return count != -1 ? Replies.EMPTY_ARRAY : Replies.NULL_BULK;
        }
        List<byte[]> all = list.toList();
        int size = all.size();
        boolean reverse = rank < 0;
        long skip = Math.abs(rank) - 1;
        List<RedisMessage> matches = new ArrayList<>();
        long want = count == -1 ? 1 : count;
        for (long n = 0; n < size && (maxlen == 0 || n < maxlen); n++) {
            int i = (int) (reverse ? size - 1 - n : n);
            if (Arrays.equals(all.get(i), c.arg(2))) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                matches.add(Replies.integer(i));
                if (want != 0 && matches.size() >= want) {
                    break;
                }
            }
        }
        if (count != -1) {
            return Replies.array(matches);
        }
        return matches.isEmpty() ? Replies.NULL_BULK : matches.get(0);
    }

    /**
     * LMOVE source destination LEFT|RIGHT LEFT|RIGHT (0 = left, 1 = right; -1 is a syntax error): a pop and a
     * push, except that a one-element list moved onto itself stays as it is (it keeps its expiry) and still
     * counts as written.
     */
    static RedisMessage lmove(Call c, int from, int to) {
        if (from < 0 || to < 0) {
            throw CommandException.syntax();
        }
        byte[] source = c.arg(1);
        byte[] destination = c.arg(2);
        if (!c.checkKind(source, ValueType.LIST)) {
            return Replies.NULL_BULK;
        }
        c.checkKind(destination, ValueType.LIST);
        Keyspace ks = c.keyspace();
        if (Arrays.equals(source, destination) && ks.listLength(source) == 1) {
            byte[] only = ks.listRange(source, 0, 0).get(0);
            ks.listSet(source, 0, only);
            return Replies.bulk(only);
        }
        byte[] value = ks.listPop(source, from == 0, 1).get(0);
        ks.listPush(destination, to == 0, List.of(value));
        return Replies.bulk(value);
    }
}
