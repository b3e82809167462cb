package io.trustgate.redis.route;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.CommandTable;
import io.trustgate.redis.command.keyspace.CommandSupport;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.session.SessionCommands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What one kind of backend does with every Redis command: one of the four answers of DESIGN.md (native,
 * emulated, ignored, refused) and why. The single source of the decision table, {@code docs/compatibility.md}
 * and {@code trustgate capabilities}.
 *
 * <p>A profile joins two declarations. The session layer's ({@link SessionCommands}): connection commands are
 * answered by the gateway for every backend, and the forms that hand the client a connection of its own (relay)
 * or select another db ask the backend. The backend kind's ({@link Declaration}), which each route target
 * publishes as a static method beside the code it describes ({@code StandaloneTarget.declaration()},
 * {@code ClusterTarget.declaration()}, {@link KeyspaceTarget#declaration}), so a profile exists without
 * starting anything.
 *
 * <p>Rows are command forms: a Redis command name ({@code GET}), or a name and its first arguments when those
 * change the answer ({@code HELLO 3}, {@code SCRIPT LOAD}). Immutable and thread-safe.
 */
public final class BackendProfile {

    /**
     * One decision. {@code reason} says why for every answer but {@code NATIVE}, where it is an optional caveat
     * (a pinned connection, keys that must share a slot).
     */
    public record Answer(CommandSupport support, String reason) {

        public Answer {
            Objects.requireNonNull(support, "support");
            if (reason == null && support != CommandSupport.NATIVE) {
                throw new IllegalArgumentException(support + " needs a reason");
            }
        }

        public static Answer nativeAnswer(String note) {
            return new Answer(CommandSupport.NATIVE, note);
        }

        public static Answer emulated(String reason) {
            return new Answer(CommandSupport.EMULATED, reason);
        }

        public static Answer refused(String reason) {
            return new Answer(CommandSupport.REFUSED, reason);
        }
    }

    /**
     * A backend kind's answers, mirroring the decisions its {@link RouteTarget} makes at run time. Each method is
     * handed a sample request of the form asked about, which it may read but must not keep or release.
     */
    public interface Declaration {

        /** A command the session routes to the backend, transaction verbs included (MULTI, EXEC, WATCH...). */
        Answer command(CommandSpec spec, RespRequest sample);

        /** A form that starts a connection-wide mode (SUBSCRIBE, MONITOR, CLIENT TRACKING, HELLO 3): what
         *  {@link RouteTarget#relayUnsupportedReason} decides. */
        Answer relay(CommandSpec spec, RespRequest sample);

        /** {@code SELECT db} for a db other than 0, as {@link RouteTarget#selectError} decides. */
        Answer select(int db);

        /** Forms besides the plain command names that get an answer of their own here ({@code SCRIPT LOAD}). */
        default List<String> forms() {
            return List.of();
        }
    }

    private static final String BY_GATEWAY = "answered by the gateway";
    private static final CommandTable TABLE = CommandTable.standard();

    private final String name;
    private final Declaration declaration;

    private BackendProfile(String name, Declaration declaration) {
        this.name = Objects.requireNonNull(name, "name");
        this.declaration = Objects.requireNonNull(declaration, "declaration");
    }

    /** The profile of one backend kind, shown as {@code name} (a kind such as {@code redis-cluster}, or a
     *  configured backend's name). */
    public static BackendProfile of(String name, Declaration declaration) {
        return new BackendProfile(name, declaration);
    }

    public String name() {
        return name;
    }

    /**
     * The answer to a command form, any case: {@code "get"}, {@code "SCRIPT LOAD"}, {@code "hello 3"}. A name
     * Redis 7.0 does not know is {@code UNKNOWN}.
     */
    public Answer answer(String form) {
        String[] args = form.trim().split("\\s+");
        CommandSpec spec = TABLE.lookup(args[0]);
        if (spec == null) {
            return new Answer(CommandSupport.UNKNOWN, "not a Redis 7.0 command");
        }
        args[0] = spec.name();
        RespRequest sample = RespRequest.of(UnpooledByteBufAllocator.DEFAULT, args);
        try {
            return answer(spec, sample);
        } finally {
            sample.release();
        }
    }

    private Answer answer(CommandSpec spec, RespRequest sample) {
        if (SessionCommands.startsRelay(spec, sample)) {
            Answer relay = declaration.relay(spec, sample);
            if (spec.name().equals("HELLO") && relay.support() == CommandSupport.REFUSED) {
                return Answer.refused(relay.reason() + "; answered -NOPROTO, and clients fall back to RESP2");
            }
            return relay;
        }
        if (spec.name().equals("SELECT") && sample.argc() == 2) {
            try {
                long db = sample.argLong(1);
                if (db > 0 && db < RedisRouter.DATABASES) {
                    return declaration.select((int) db);
                }
            } catch (NumberFormatException e) {
                // not a db number: the gateway answers it like Redis
            }
        }
        if (SessionCommands.CONNECTION.contains(spec.name())) {
            return Answer.nativeAnswer(spec.name().equals("CLIENT") ? BY_GATEWAY + ": " + SessionCommands.CLIENT_NOTE
                    : BY_GATEWAY);
        }
        return declaration.command(spec, sample);
    }

    /**
     * The declaration of a backend trustgate implements itself: the executor's decision table (which follows the
     * engine's capabilities), and the relay, RESP3 and SELECT decisions asked of {@code target}, the very methods
     * the session asks at run time.
     */
    static Declaration keyspace(RouteTarget target, KeyspaceCommandExecutor executor) {
        return new Declaration() {
            @Override
            public Answer command(CommandSpec spec, RespRequest sample) {
                CommandSupport support = executor.support(spec.name());
                String reason = executor.reason(spec.name());
                if (reason == null && support != CommandSupport.NATIVE) {
                    reason = switch (support) {
                        case EMULATED -> "built by the gateway from the engine's operations";
                        case IGNORED -> "accepted as a hint that changes nothing here";
                        default -> "not implemented";
                    };
                }
                return new Answer(support, reason);
            }

            @Override
            public Answer relay(CommandSpec spec, RespRequest sample) {
                if (spec.name().equals("HELLO") && target.speaksResp3()) {
                    return Answer.nativeAnswer("the gateway encodes RESP3 itself when every route of the listener "
                            + "can; otherwise HELLO 3 goes to the db's default route");
                }
                String reason = target.relayUnsupportedReason(sample);
                return reason == null ? Answer.nativeAnswer("relayed: the client gets a connection of its own")
                        : Answer.refused(reason);
            }

            @Override
            public Answer select(int db) {
                String refusal = target.selectError(db);
                return refusal == null ? Answer.nativeAnswer(null) : Answer.refused("answered -" + refusal);
            }
        };
    }

    /** The forms this profile answers: every Redis command, the session's forms and the declaration's own. */
    public List<String> forms() {
        return forms(List.of(this));
    }

    /**
     * The rows of a matrix of {@code profiles}: every Redis 7.0 command name (upper case) plus every form a
     * session or a profile gives an answer of its own, sorted so a form follows its command.
     */
    public static List<String> forms(Collection<BackendProfile> profiles) {
        TreeSet<String> rows = new TreeSet<>();
        for (CommandSpec spec : TABLE.all()) {
            rows.add(spec.name());
        }
        rows.addAll(SessionCommands.FORMS);
        for (BackendProfile p : profiles) {
            for (String form : p.declaration.forms()) {
                rows.add(form.toUpperCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(rows);
    }

    /** The Redis documentation group of a form's command ({@code string}, {@code pubsub}...), or null. */
    public static String group(String form) {
        return KeyspaceCommandExecutor.group(form.trim().split("\\s+")[0]);
    }

    @Override
    public String toString() {
        return "BackendProfile[" + name + "]";
    }
}
