package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.Entry;
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
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        if (e == null) {
            throw new CommandException(CommandException.NO_SUCH_KEY);
        }
        ListValue list = Call.typed(e, ValueType.LIST);
        long index = c.longArg(2);
        long i = index < 0 ? list.size() + index : index;
        if (i < 0 || i >= list.size()) {
            throw new CommandException("ERR index out of range");
        }
        List<byte[]> all = list.toList();
        all.set((int) i, c.arg(3));
        list.replaceWith(all);
        ks.put(c.arg(1), list, e.expireAt());
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
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        ListValue list = Call.typed(e, ValueType.LIST);
        if (list == null) {
            return Replies.ZERO;
        }
        List<byte[]> all = list.toList();
        for (int i = 0; i < all.size(); i++) {
            if (Arrays.equals(all.get(i), c.arg(3))) {
                all.add(after ? i + 1 : i, c.arg(4));
                list.replaceWith(all);
                ks.put(c.arg(1), list, e.expireAt());
                return Replies.integer(list.size());
            }
        }
        return Replies.integer(-1);
    }

    static RedisMessage lrem(Call c) {
        long count = c.longArg(2);
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        ListValue list = Call.typed(e, ValueType.LIST);
        if (list == null) {
            return Replies.ZERO;
        }
        List<byte[]> all = list.toList();
        long removed = 0;
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        if (count >= 0) {
            for (int i = 0; i < all.size() && removed < limit; ) {
                if (Arrays.equals(all.get(i), c.arg(3))) {
                    all.remove(i);
                    removed++;
                } else {
                    i++;
                }
            }
        } else {
            for (int i = all.size() - 1; i >= 0 && removed < limit; i--) {
                if (Arrays.equals(all.get(i), c.arg(3))) {
                    all.remove(i);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            list.replaceWith(all);
            Call.putOrDelete(ks, c.arg(1), list, list.size(), e);
        }
        return Replies.integer(removed);
    }

    static RedisMessage ltrim(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        Keyspace ks = c.keyspace();
        Entry e = ks.get(c.arg(1));
        ListValue list = Call.typed(e, ValueType.LIST);
        if (list == null) {
            return Replies.OK;
        }
        long len = list.size();
        if (start < 0) {
            start += len;
        }
        if (end < 0) {
            end += len;
        }
        start = Math.max(start, 0);
        List<byte[]> all = list.toList();
        if (start > end || start >= len) {
            all = List.of();
        } else {
            end = Math.min(end, len - 1);
            all = all.subList((int) start, (int) end + 1);
        }
        if (all.size() != len) {
            list.replaceWith(all);
            Call.putOrDelete(ks, c.arg(1), list, list.size(), e);
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

    /** LMOVE source destination LEFT|RIGHT LEFT|RIGHT (0 = left, 1 = right; -1 is a syntax error). */
    static RedisMessage lmove(Call c, int from, int to) {
        if (from < 0 || to < 0) {
            throw CommandException.syntax();
        }
        Keyspace ks = c.keyspace();
        Entry se = ks.get(c.arg(1));
        ListValue source = Call.typed(se, ValueType.LIST);
        if (source == null) {
            return Replies.NULL_BULK;
        }
        boolean same = Arrays.equals(c.arg(1), c.arg(2));
        Entry de = same ? se : ks.get(c.arg(2));
        ListValue destination = same ? source : Call.typed(de, ValueType.LIST);
        byte[] value = from == 0 ? source.pollFirst() : source.pollLast();
        if (destination == null) {
            destination = new ListValue();
        }
        if (to == 0) {
            destination.addFirst(value);
        } else {
            destination.addLast(value);
        }
        if (!same) {
            Call.putOrDelete(ks, c.arg(1), source, source.size(), se);
        }
        Call.putOrDelete(ks, c.arg(2), destination, destination.size(), de);
        return Replies.bulk(value);
    }
}
