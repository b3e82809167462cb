package io.trustgate.redis.route;

import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.KeyFinder;

import java.util.List;
import java.util.Set;

/**
 * The writes that can make a list or a sorted set non-empty, and so serve a blocking pop parked on another
 * gateway instance: after one commits, its keys are sent to the other instances as a key-ready signal. Other
 * writes (SET, DEL, LPOP...) never serve a waiter and send nothing, so a backend shared by several instances
 * costs one signal per push, not one per write.
 */
final class Feeds {

    private static final Set<String> COMMANDS = Set.of(
            "LPUSH", "RPUSH", "LPUSHX", "RPUSHX", "LINSERT", "LMOVE", "RPOPLPUSH",
            "ZADD", "ZINCRBY", "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE", "ZRANGESTORE",
            "RENAME", "RENAMENX", "COPY", "RESTORE", "SORT",
            // inside EXEC a blocking move is one attempt, and pushes onto its destination like LMOVE
            "BLMOVE", "BRPOPLPUSH");

    private Feeds() {
    }

    /** Adds to {@code into} the keys {@code request} writes if it may feed a blocking pop; returns {@code into}. */
    static List<byte[]> keys(CommandSpec spec, RespRequest request, List<byte[]> into) {
        if (spec == null || !COMMANDS.contains(spec.name())) {
            return into;
        }
        KeyFinder.forEachKey(spec, request, i -> into.add(request.argBytes(i)));
        return into;
    }
}
