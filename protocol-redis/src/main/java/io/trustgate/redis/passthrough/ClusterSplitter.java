package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.codec.RespWriter;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.KeyFinder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a command's keys hash to, and how a multi-key command whose keys span slots is cut into one command per
 * slot (Redis requires every key of one command to be in one slot). Only commands whose result can be rebuilt
 * exactly from the parts are split: MGET (values back in the client's order), MSET (OK when every part is OK;
 * not atomic across slots, as in any Redis Cluster client) and DEL, UNLINK, EXISTS, TOUCH (counts added up).
 * Everything else that spans slots gets Redis' own CROSSSLOT error. Stateless.
 */
final class ClusterSplitter {

    static final String CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same slot";
    /** {@link #slotOf} of a command without keys. */
    static final int NO_KEYS = -1;
    /** {@link #slotOf} of a command whose keys hash to more than one slot. */
    static final int CROSS = -2;

    /** The splittable commands: how many arguments go with each key, and how the parts' replies merge. */
    enum Kind {
        MGET(1, ClusterMerge.Kind.VALUES),
        MSET(2, ClusterMerge.Kind.FIRST),
        COUNT(1, ClusterMerge.Kind.SUM);

        final int step;
        final ClusterMerge.Kind merge;

        Kind(int step, ClusterMerge.Kind merge) {
            this.step = step;
            this.merge = merge;
        }
    }

    /**
     * One per-slot command.
     *
     * @param keys for each key of this part, its index among the original command's keys (where its MGET value
     *             goes in the merged reply)
     */
    record Part(int slot, ByteBuf frame, int[] keys) {
    }

    private ClusterSplitter() {
    }

    /** The split kind of {@code spec}, or null when a cross-slot use of it must be refused. */
    static Kind kind(CommandSpec spec) {
        return switch (spec.name()) {
            case "MGET" -> Kind.MGET;
            case "MSET" -> Kind.MSET;
            case "DEL", "UNLINK", "EXISTS", "TOUCH" -> Kind.COUNT;
            default -> null;
        };
    }

    /** The slot every key of {@code request} hashes to, {@link #NO_KEYS} or {@link #CROSS}. */
    static int slotOf(CommandSpec spec, RespRequest request) {
        if (spec == null || !spec.hasKeys()) {
            return NO_KEYS;
        }
        int[] found = {NO_KEYS};
        KeyFinder.forEachKey(spec, request, arg -> {
            if (found[0] == CROSS) {
                return;
            }
            int slot = SlotHash.slot(request, arg);
            if (found[0] == NO_KEYS) {
                found[0] = slot;
            } else if (found[0] != slot) {
                found[0] = CROSS;
            }
        });
        return found[0];
    }

    /** True when {@code request} has the argument count {@code kind} needs (MSET: key-value pairs). */
    static boolean wellFormed(RespRequest request, Kind kind) {
        int args = request.argc() - 1;
        return args >= kind.step && args % kind.step == 0;
    }

    /**
     * Cuts {@code request} into one command per slot, each with the same name and its keys (and values) in
     * their original order. Parts come in slot order. The frames are new buffers from {@code alloc}, owned by
     * the caller; {@code request} is left as it is.
     */
    static List<Part> split(RespRequest request, Kind kind, ByteBufAllocator alloc) {
        int keys = (request.argc() - 1) / kind.step;
        long[] bySlot = new long[keys];
        for (int k = 0; k < keys; k++) {
            bySlot[k] = ((long) SlotHash.slot(request, 1 + k * kind.step) << 32) | k;
        }
        Arrays.sort(bySlot);
        List<Part> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= keys; i++) {
            if (i == keys || (bySlot[i] >>> 32) != (bySlot[start] >>> 32)) {
                int[] group = new int[i - start];
                for (int g = 0; g < group.length; g++) {
                    group[g] = (int) bySlot[start + g];
                }
                parts.add(new Part((int) (bySlot[start] >>> 32), frame(request, kind, group, alloc), group));
                start = i;
            }
        }
        return parts;
    }

    private static ByteBuf frame(RespRequest request, Kind kind, int[] group, ByteBufAllocator alloc) {
        int size = 16 + request.argLength(0);
        for (int k : group) {
            for (int j = 0; j < kind.step; j++) {
                size += 16 + request.argLength(1 + k * kind.step + j);
            }
        }
        ByteBuf buf = alloc.buffer(size);
        RespWriter.writeArrayHeader(buf, 1 + (long) group.length * kind.step);
        RespWriter.writeBulk(buf, request.arg(0));
        for (int k : group) {
            for (int j = 0; j < kind.step; j++) {
                RespWriter.writeBulk(buf, request.arg(1 + k * kind.step + j));
            }
        }
        return buf;
    }
}
