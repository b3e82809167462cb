package io.trustgate.redis.command;

import java.util.Set;

/**
 * What the gateway knows about one Redis command: its arity, flags and where its keys are, as the real server's
 * {@code COMMAND} reply describes them. Immutable.
 *
 * @param name     upper-case name
 * @param index    dense index, for per-command arrays such as metrics counters
 * @param arity    Redis arity: positive = exact argument count, negative = at least {@code -arity}
 * @param flags    Redis command flags (write, readonly, blocking, pubsub, movablekeys, ...)
 * @param firstKey position of the first key, 0 when the command has none
 * @param lastKey  position of the last key; negative counts from the end (-1 = last argument)
 * @param keyStep  distance between keys
 * @param write    whether Redis flags the command {@code write} (derived from {@code flags}, tested on every command)
 */
public record CommandSpec(String name, int index, int arity, Set<String> flags, int firstKey, int lastKey,
                          int keyStep, boolean blocking, boolean movableKeys, boolean subscribes, boolean write) {

    /** Builds a spec, deriving the flags the hot path tests on every command. */
    public static CommandSpec of(String name, int index, int arity, Set<String> flags, int firstKey, int lastKey,
                                 int keyStep) {
        boolean subscribes = flags.contains("pubsub") && !name.equals("PUBLISH") && !name.equals("SPUBLISH")
                && !name.equals("PUBSUB");
        return new CommandSpec(name, index, arity, flags, firstKey, lastKey, keyStep, flags.contains("blocking"),
                flags.contains("movablekeys"), subscribes, flags.contains("write"));
    }

    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public boolean hasKeys() {
        return firstKey > 0 || movableKeys;
    }

    /** The error Redis gives for a wrong argument count. */
    public String arityError() {
        return "ERR wrong number of arguments for '" + name.toLowerCase(java.util.Locale.ROOT) + "' command";
    }
}
