package io.trustgate.redis.command.keyspace;

/**
 * How a backend answers one command name: the four answers of DESIGN.md, plus {@code UNKNOWN} for names that are
 * not Redis commands at all (Redis's own "unknown command" error).
 */
public enum CommandSupport {
    /** The backend does it. */
    NATIVE,
    /** The gateway builds it from other operations: same result, maybe slower (UNLINK frees synchronously). */
    EMULATED,
    /** A hint that changes no result is dropped (TOUCH has no access clock to update; WAIT has no replicas). */
    IGNORED,
    /** Answered with {@code -ERR command 'X' is not supported by backend 'NAME' (no ...)}, never faked. */
    REFUSED,
    /** Not a Redis command. */
    UNKNOWN
}
