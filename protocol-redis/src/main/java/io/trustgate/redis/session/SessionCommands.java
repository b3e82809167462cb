package io.trustgate.redis.session;

import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The commands the session layer answers itself, for every backend, declared once: {@code ConnectionCommands}
 * dispatches on {@link #CONNECTION} and {@link #TRANSACTION}, and capability reports read the same sets.
 *
 * <p>Public because the capability declaration in {@code io.trustgate.redis.route} and the gateway's
 * {@code trustgate capabilities} command read it. Immutable.
 */
public final class SessionCommands {

    /** Answered by the gateway, whatever the backend: they are about the client's connection. */
    public static final Set<String> CONNECTION = Set.of("PING", "ECHO", "AUTH", "HELLO", "SELECT", "CLIENT",
            "QUIT", "RESET");

    /** Queued or recorded by the gateway, then run by the backend: whether they work is the backend's answer. */
    public static final Set<String> TRANSACTION = Set.of("MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH");

    /** Every command the session answers before routing (outside MULTI; inside, see ConnectionCommands). */
    static final Set<String> ANSWERED = Stream.concat(CONNECTION.stream(), TRANSACTION.stream())
            .collect(Collectors.toUnmodifiableSet());

    /**
     * Argument forms of session commands whose answer depends on the backend, each a row of its own in capability
     * reports: {@code HELLO 3} and {@code CLIENT TRACKING} hand the client to a connection of its own (relay), and
     * {@code SELECT 1} stands for every db but 0.
     */
    public static final List<String> FORMS = List.of("CLIENT TRACKING", "HELLO 3", "SELECT 1");

    /** What the gateway does with the subcommands of CLIENT, for reports. */
    public static final String CLIENT_NOTE = "SETNAME, GETNAME, ID, SETINFO, INFO, LIST, NO-EVICT and NO-TOUCH; "
            + "TRACKING starts relay mode (see CLIENT TRACKING); any other subcommand is refused, since it would act "
            + "on the gateway's shared backend connections";

    private SessionCommands() {
    }

    /**
     * True when {@code request} makes the session hand the client to a connection of its own on its db's default
     * route (SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE, MONITOR, CLIENT TRACKING, HELLO 3), as {@code ClientSession} and
     * {@code ConnectionCommands} decide. The request is only read.
     */
    public static boolean startsRelay(CommandSpec spec, RespRequest request) {
        if (spec == null) {
            return false;
        }
        return switch (spec.name()) {
            case "MONITOR" -> true;
            case "CLIENT" -> request.argc() > 1 && request.argIs(1, "TRACKING");
            case "HELLO" -> request.argc() > 1 && request.argIs(1, "3");
            default -> spec.subscribes();
        };
    }
}
