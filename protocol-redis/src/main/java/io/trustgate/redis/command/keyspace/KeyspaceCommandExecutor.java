package io.trustgate.redis.command.keyspace;

import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.KeyspaceEngine;
import io.trustgate.redis.spi.KeyspaceTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Redis command semantics over a {@link KeyspaceEngine}: the one place where GET, SET, EXPIRE, SCAN... are
 * defined, whatever engine stores the data.
 *
 * <p>Each command is looked up in a table built from Redis's own command list (so an unknown name, a wrong arity
 * and a refusal get Redis's texts), its arguments are copied, and its handler runs inside one
 * {@link KeyspaceEngine#atomically} unit. Replies are Netty {@code RedisMessage}s that the caller writes and so
 * releases. Connection and transaction commands (AUTH, SELECT, MULTI...) belong to the session layer, which uses
 * {@link #watch} and {@link #execAtomically} for WATCH and EXEC.
 *
 * <p>Thread safety: immutable; call from any thread. Stages complete on the engine's thread (inline for an
 * in-memory engine). Requests stay owned by the caller.
 */
public final class KeyspaceCommandExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(KeyspaceCommandExecutor.class);

    private final String backendName;
    private final KeyspaceEngine engine;
    private final CommandTable table;
    private final int databases;
    private final Call.Backend backend;
    /**
     * The runnable commands by {@link io.trustgate.redis.command.CommandSpec#index()} of the gateway's command
     * table, which resolves a request's name from its bytes without allocating; null where {@link #prepare} must
     * take the long way (unknown, refused, session commands).
     */
    private final CommandTable.Spec[] runnableByIndex;

    /**
     * What INFO's clients section reports, supplied by the layer that knows the clients (the route target).
     * Called on the engine's thread; implementations read counters and must not block.
     */
    public interface ClientStats {

        /** Known when no route target says otherwise: no client counts at all. */
        ClientStats NONE = new ClientStats() {
            @Override
            public int connectedClients() {
                return 0;
            }

            @Override
            public int blockedClients() {
                return 0;
            }
        };

        int connectedClients();

        int blockedClients();
    }

    public KeyspaceCommandExecutor(String backendName, KeyspaceEngine engine) {
        this(backendName, engine, engine.capabilities(), ClientStats.NONE, System.currentTimeMillis(), runId());
    }

    private KeyspaceCommandExecutor(String backendName, KeyspaceEngine engine, Set<Capability> capabilities,
                                    ClientStats clients, long startMillis, String runId) {
        this.backendName = backendName;
        this.engine = engine;
        this.table = CommandTable.standard(capabilities);
        this.databases = engine.databases();
        this.backend = new Call.Backend(backendName, Set.copyOf(capabilities), databases, clients, startMillis,
                runId);
        this.runnableByIndex = runnableByIndex(table);
    }

    private static CommandTable.Spec[] runnableByIndex(CommandTable table) {
        List<io.trustgate.redis.command.CommandSpec> all = io.trustgate.redis.command.CommandTable.standard().all();
        int size = 0;
        for (io.trustgate.redis.command.CommandSpec c : all) {
            size = Math.max(size, c.index() + 1);
        }
        CommandTable.Spec[] out = new CommandTable.Spec[size];
        for (io.trustgate.redis.command.CommandSpec c : all) {
            String lower = c.name().toLowerCase(Locale.ROOT);
            if (table.info(lower) != null) {
                out[c.index()] = table.runnable(lower);
            }
        }
        return out;
    }

    private static String runId() {
        byte[] random = new byte[20];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    /** This executor with INFO's clients section fed by {@code clients}. */
    public KeyspaceCommandExecutor withClientStats(ClientStats clients) {
        return new KeyspaceCommandExecutor(backendName, engine, backend.capabilities(), clients,
                backend.startMillis(), backend.runId());
    }

    /**
     * This executor with {@code extra} capabilities the layer above the engine provides (a route target that
     * parks clients adds {@link Capability#BLOCKING}): commands that need them stop being refused.
     */
    public KeyspaceCommandExecutor withCapabilities(Capability... extra) {
        java.util.EnumSet<Capability> all = java.util.EnumSet.noneOf(Capability.class);
        all.addAll(engine.capabilities());
        all.addAll(List.of(extra));
        return new KeyspaceCommandExecutor(backendName, engine, all, backend.clients(), backend.startMillis(),
                backend.runId());
    }

    /** The engine under this executor, for hooks a route target asks of it (pub/sub transport). */
    public KeyspaceEngine engine() {
        return engine;
    }

    /**
     * A blocking command's timeout argument in milliseconds as Redis reads it (decimal seconds, rounded up,
     * 0 = forever); throws {@link IllegalArgumentException} with Redis's error text when it is not valid.
     */
    public static long blockingTimeoutMillis(byte[] arg) {
        try {
            return BlockingCommands.timeoutMillis(arg);
        } catch (CommandException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Runs one command for a client on logical db {@code db}. Never throws for command errors: the stage
     * completes with an {@code ErrorRedisMessage}, also when the engine fails. Called on a Netty event loop; the
     * in-memory engine runs inline, other engines complete the stage from their own executor. The request stays
     * owned by the caller; everything kept is copied before this method returns.
     */
    public CompletionStage<RedisMessage> execute(int db, RespRequest request) {
        return execute(db, request, io.trustgate.redis.command.CommandTable.standard().lookup(request));
    }

    /**
     * {@link #execute(int, RespRequest)} for a request whose name the caller already resolved in the gateway's
     * command table ({@code known}: what {@code CommandTable.standard().lookup(request)} returned, null included).
     */
    public CompletionStage<RedisMessage> execute(int db, RespRequest request,
                                                 io.trustgate.redis.command.CommandSpec known) {
        CommandTable.Spec spec = runnable(request, known);
        if (spec == null) {
            Prepared p = resolve(request);
            if (p.error() != null) {
                return CompletableFuture.completedFuture(p.error());
            }
            spec = p.spec();
        }
        if (db < 0 || db >= databases) {
            return CompletableFuture.completedFuture(Replies.error(CommandException.DB_OUT_OF_RANGE));
        }
        KeyspaceEngine.Access access = spec.info().isWrite() ? KeyspaceEngine.Access.WRITE
                : KeyspaceEngine.Access.READ;
        try {
            CompletionStage<RedisMessage> reply = engine.atomically(access, new Call(spec, copyArgs(request), db,
                    backend));
            CompletableFuture<RedisMessage> done = reply.toCompletableFuture();
            // an inline engine has answered already: skip the extra stage exceptionally() would allocate
            return done.isDone() && !done.isCompletedExceptionally() ? done : reply.exceptionally(this::failure);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e));
        }
    }

    /** The common case without a detour: a command the gateway's table resolved, runnable here, arity right. */
    private CommandTable.Spec runnable(RespRequest request, io.trustgate.redis.command.CommandSpec known) {
        if (known != null && known.index() < runnableByIndex.length) {
            CommandTable.Spec spec = runnableByIndex[known.index()];
            if (spec != null && spec.info().arityAccepts(request.argc())) {
                return spec;
            }
        }
        return null;
    }

    /**
     * WATCH: records the stamps of {@code keys} in {@code db} (the list and arrays are copied). Waits for the
     * engine: inline for the in-memory engine, a blocking wait for others (so never call it on an event loop; the
     * route target uses {@link #watchAsync}). If the engine cannot be read, the snapshot is one that makes EXEC
     * abort, never one that lets a stale transaction through.
     */
    public WatchSnapshot watch(int db, List<byte[]> keys) {
        return watchAsync(db, keys).toCompletableFuture().join();
    }

    /**
     * WATCH without waiting: as {@link #watch}, but completes when the engine has read the stamps (inline for the
     * in-memory engine, on the engine's thread for others). Never completes exceptionally: a failure gives the
     * snapshot that makes EXEC abort.
     */
    public CompletionStage<WatchSnapshot> watchAsync(int db, List<byte[]> keys) {
        List<byte[]> copies = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            copies.add(k.clone());
        }
        try {
            return engine.atomically(KeyspaceEngine.Access.READ, tx -> snapshot(tx, db, copies))
                    .exceptionally(e -> {
                        LOG.warn("backend '{}' failed to take a WATCH snapshot; the next EXEC will abort",
                                backendName, e);
                        return WatchSnapshot.BROKEN;
                    });
        } catch (RuntimeException e) {
            LOG.warn("backend '{}' failed to take a WATCH snapshot; the next EXEC will abort", backendName, e);
            return CompletableFuture.completedFuture(WatchSnapshot.BROKEN);
        }
    }

    private static WatchSnapshot snapshot(KeyspaceTransaction tx, int db, List<byte[]> keys) {
        List<WatchSnapshot.Watched> watched = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            watched.add(new WatchSnapshot.Watched(db, key, tx.db(db).stamp(key)));
        }
        return new WatchSnapshot(watched);
    }

    /**
     * EXEC: runs the queued commands in one atomic unit (no other client's command interleaves). If
     * {@code watched} is non-null and any watched key changed since the snapshot, completes with null (the caller
     * answers a null array). Otherwise one reply per command, errors included as elements as Redis does; if the
     * engine itself fails, every element is that failure.
     */
    public CompletionStage<List<RedisMessage>> execAtomically(int db, List<RespRequest> queued,
                                                              WatchSnapshot watched) {
        if (!table.has(Capability.TRANSACTIONS) || db < 0 || db >= databases) {
            String message = db < 0 || db >= databases ? CommandException.DB_OUT_OF_RANGE
                    : CommandException.refused("exec", backendName, "no " + Capability.TRANSACTIONS.description());
            return CompletableFuture.completedFuture(sameForAll(queued.size(), Replies.error(message)));
        }
        // each element a Call to run, or the ErrorRedisMessage to answer in its place
        List<Object> prepared = new ArrayList<>(queued.size());
        boolean write = false;
        for (RespRequest r : queued) {
            Prepared p = prepare(r);
            prepared.add(p.error() == null ? new Call(p.spec(), copyArgs(r), db, backend) : p.error());
            write |= p.write();
        }
        KeyspaceEngine.Access access = write ? KeyspaceEngine.Access.WRITE : KeyspaceEngine.Access.READ;
        try {
            return engine.atomically(access, tx -> {
                if (watched != null && watched.changedIn(tx)) {
                    return (List<RedisMessage>) null;
                }
                List<RedisMessage> replies = new ArrayList<>(prepared.size());
                for (Object p : prepared) {
                    replies.add(p instanceof Call call ? call.apply(tx) : (RedisMessage) p);
                }
                return replies;
            }).exceptionally(t -> sameForAll(prepared.size(), failure(t)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(sameForAll(prepared.size(), failure(e)));
        }
    }

    /** How this backend answers a command name (upper case): see {@link CommandSupport}. */
    public CommandSupport support(String upperName) {
        return table.support(upperName.toLowerCase(Locale.ROOT));
    }

    /**
     * Why this backend answers a command name (upper case) as {@link #support} says: the refusal reason
     * ({@code "no hashes"}), or what an emulated or ignored command does differently; null when there is nothing
     * to say (a native command, or a name Redis does not know).
     */
    public String reason(String upperName) {
        return table.reason(upperName.toLowerCase(Locale.ROOT));
    }

    /**
     * The documentation group Redis puts a command in ({@code string}, {@code sorted-set}, {@code connection}...,
     * from {@code COMMAND DOCS} of Redis 7.0), or null for a name Redis does not know. Any case.
     */
    public static String group(String name) {
        CommandCatalog.Info info = CommandCatalog.REDIS_7.get(name.toLowerCase(Locale.ROOT));
        return info == null ? null : info.group();
    }

    /**
     * The error Redis would give when this command is queued inside MULTI (unknown command, wrong arity), plus
     * this backend's refusal, or null when it can be queued. Lets the session answer EXECABORT as Redis does.
     */
    public ErrorRedisMessage validate(RespRequest request) {
        String lower = request.argString(0).toLowerCase(Locale.ROOT);
        CommandCatalog.Info info = table.info(lower);
        if (info == null) {
            return prepare(request).error();
        }
        String reason = table.refusalReason(lower);
        if (reason != null) {
            return Replies.error(CommandException.refused(lower, backendName, reason));
        }
        return info.arityAccepts(request.argc()) ? null : Replies.error(CommandException.wrongArity(lower));
    }

    /** Every Redis command name (upper case) with this backend's answer, sorted: the compatibility matrix. */
    public Map<String, CommandSupport> supportTable() {
        Map<String, CommandSupport> out = new TreeMap<>();
        for (String name : table.allCommands().keySet()) {
            out.put(name.toUpperCase(Locale.ROOT), table.support(name));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A command resolved, or the error to answer instead. */
    private record Prepared(CommandTable.Spec spec, ErrorRedisMessage error) {

        boolean write() {
            return spec != null && spec.info().isWrite();
        }
    }

    private Prepared prepare(RespRequest request) {
        return prepare(request, io.trustgate.redis.command.CommandTable.standard().lookup(request));
    }

    private Prepared prepare(RespRequest request, io.trustgate.redis.command.CommandSpec known) {
        CommandTable.Spec fast = runnable(request, known);
        return fast != null ? new Prepared(fast, null) : resolve(request);
    }

    /** The slow path of {@link #prepare}: the command looked up by name, with the error Redis would answer. */
    private Prepared resolve(RespRequest request) {
        String lower = request.argString(0).toLowerCase(Locale.ROOT);
        CommandCatalog.Info info = table.info(lower);
        if (info == null) {
            return failed(CommandException.unknownCommand(allArgs(request)));
        }
        CommandTable.Spec spec = table.runnable(lower);
        if (spec == null) {
            String reason = table.refusalReason(lower);
            return failed(reason != null ? CommandException.refused(lower, backendName, reason)
                    : "ERR command '" + lower.toUpperCase(Locale.ROOT) + "' is handled by the session, not by backend '"
                    + backendName + "'");
        }
        if (!info.arityAccepts(request.argc())) {
            return failed(CommandException.wrongArity(lower));
        }
        return new Prepared(spec, null);
    }

    private static Prepared failed(String message) {
        return new Prepared(null, Replies.error(message));
    }

    /** Every argument copied, the command name included (for an unknown command's error text). */
    private static byte[][] allArgs(RespRequest request) {
        byte[][] argv = new byte[request.argc()][];
        for (int i = 0; i < argv.length; i++) {
            argv[i] = request.argBytes(i);
        }
        return argv;
    }

    /**
     * The arguments a handler reads, copied: the request's buffer is the client's and dies with the request, while
     * the engine may keep an argument (a key, a stored value) or run the unit on another thread. The name is not
     * copied (handlers know their command from the table, and no handler reads argument 0): its slot holds a
     * shared empty array.
     */
    private static byte[][] copyArgs(RespRequest request) {
        byte[][] argv = new byte[request.argc()][];
        argv[0] = NAME_NOT_COPIED;
        for (int i = 1; i < argv.length; i++) {
            argv[i] = request.argBytes(i);
        }
        return argv;
    }

    private static final byte[] NAME_NOT_COPIED = new byte[0];

    private RedisMessage failure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        LOG.error("backend '{}' failed", backendName, cause);
        String text = "ERR backend '" + backendName + "' failed: " + cause;
        return Replies.error(text.replace('\r', ' ').replace('\n', ' '));
    }

    private static List<RedisMessage> sameForAll(int n, RedisMessage reply) {
        return new ArrayList<>(Collections.nCopies(n, reply));
    }
}
