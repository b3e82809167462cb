package io.trustgate.redis.route;

import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.keyspace.CommandSupport;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.command.keyspace.WatchSnapshot;
import io.trustgate.redis.pubsub.PubSubHub;
import io.trustgate.redis.session.ClientSession;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.KeyspaceEngine;
import io.trustgate.redis.session.ReplySlot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A backend whose Redis semantics trustgate implements itself, on a keyspace engine (the embedded store today;
 * SQL engines later). Commands run through {@link KeyspaceCommandExecutor}; answers that complete on another
 * thread hop back to the client's event loop before touching its reply order.
 */
public final class KeyspaceTarget implements RouteTarget {

    private final int id = IDS.getAndIncrement();
    private final String backendName;
    private final KeyspaceCommandExecutor executor;
    private final BlockingWaiters waiters;
    private final PubSubHub hub;
    /** Connected clients that have sent this target a command: INFO's connected_clients. */
    private final java.util.concurrent.atomic.AtomicInteger clients = new java.util.concurrent.atomic.AtomicInteger();
    private final InstanceLink link;
    private final String fanOut;
    /** The engine has run a unit when atomically returns (see {@link KeyspaceEngine#appliesInline()}). */
    private final boolean appliesInline;

    /**
     * A target on {@code executor}'s engine. The target parks clients itself, so it adds
     * {@link Capability#BLOCKING} to the engine's capabilities; pub/sub runs in a hub of this target, carried to
     * other instances by the engine's {@link KeyspaceEngine#pubSub()} transport (started lazily).
     */
    public KeyspaceTarget(String backendName, KeyspaceCommandExecutor executor) {
        this.backendName = backendName;
        KeyspaceCommandExecutor.ClientStats stats = new KeyspaceCommandExecutor.ClientStats() {
            @Override
            public int connectedClients() {
                return clients.get();
            }

            @Override
            public int blockedClients() {
                return waiters.parkedCount();
            }
        };
        this.executor = executor.withCapabilities(Capability.BLOCKING).withClientStats(stats);
        this.fanOut = executor.engine().pubSubFanOut();
        this.appliesInline = executor.engine().appliesInline();
        this.link = new InstanceLink(executor.engine()::pubSub, fanOut != null);
        this.waiters = new BlockingWaiters(this.executor, link);
        this.hub = new PubSubHub(link::forHub);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String backendName() {
        return backendName;
    }

    private KeyspaceClient state(ClientSession client) {
        KeyspaceClient state = (KeyspaceClient) client.targetState(this);
        if (state == null) {
            state = new KeyspaceClient();
            client.targetState(this, state);
            clients.incrementAndGet();
        }
        return state;
    }

    @Override
    public void execute(ClientSession client, RespRequest request, CommandSpec spec, ReplySlot slot) {
        int db = client.db();
        KeyspaceClient state = state(client);
        if (state.idle()) {
            // The common case: nothing of this client is pending, so the command starts right here, without the
            // closure a queued start needs.
            state.startedInline();
            try {
                run(client, db, request, spec, slot);
            } catch (RuntimeException | Error e) {
                KeyspaceClient.failed(slot, e);
            }
            if (appliesInline && (spec == null || !spec.blocking())) {
                // The command has run; only its acknowledgement may wait (a durable engine's log write): the
                // client's next command may start now, its reply still leaves after this one.
                state.returnedApplied();
            } else {
                state.returned(slot);
            }
        } else {
            state.inOrder(slot, () -> run(client, db, request, spec, slot));
        }
    }

    private void run(ClientSession client, int db, RespRequest request, CommandSpec spec, ReplySlot slot) {
        if (spec != null && spec.blocking() && BlockingWaiters.handles(spec.name())) {
            waiters.execute(client, request, slot);
            return;
        }
        if (spec != null && PubSubCommands.handles(spec.name())) {
            try {
                slot.complete(PubSubCommands.run(hub, request));
            } finally {
                request.release();
            }
            return;
        }
        boolean write = spec != null && spec.write();
        List<byte[]> written = write && waiters.anyParked() ? args(request, new ArrayList<>()) : null;
        List<byte[]> fed = link.crossInstance() ? Feeds.keys(spec, request, new ArrayList<>()) : null;
        CompletionStage<RedisMessage> reply;
        try {
            reply = executor.execute(db, request, spec);
        } finally {
            request.release();
        }
        CompletableFuture<RedisMessage> now = reply.toCompletableFuture();
        if (now.isDone() && !now.isCompletedExceptionally() && client.eventLoop().inEventLoop()) {
            // An engine that answered inline (the embedded one): no stage callbacks, the reply goes straight in.
            slot.complete(now.join());
            afterWrite(db, write, written, fed, true);
            return;
        }
        if (appliesInline) {
            // A durable inline engine acknowledges later (its log write at the end of the loop's turn): one callback
            // answers and then does what the write owes, as the inline branch above does.
            reply.whenComplete((m, e) -> {
                answer(client, slot, m, e);
                afterWrite(db, write, written, fed, e == null);
            });
            return;
        }
        reply.whenComplete(onLoop(client, slot));
        if (write || fed != null) {
            reply.whenComplete((m, e) -> afterWrite(db, write, written, fed, e == null));
        }
    }

    /**
     * What a write owes others once it is committed: clients parked on the keys it wrote look again ({@code
     * written}, or all of them when nobody was parked as it started: a client may have parked while it ran, and
     * its own look after parking can miss a write not yet committed), and other instances hear of the keys
     * ({@code fed}) when it succeeded.
     */
    private void afterWrite(int db, boolean write, List<byte[]> written, List<byte[]> fed, boolean succeeded) {
        if (written != null) {
            waiters.written(db, written);
        } else if (write) {
            waiters.retryAll();
        }
        if (fed != null && !fed.isEmpty() && succeeded) {
            link.keysReady(db, fed);
        }
    }

    @Override
    public void exec(ClientSession client, List<RespRequest> queued, ReplySlot slot) {
        KeyspaceClient state = state(client);
        int db = client.db();
        state.inOrder(slot, () -> {
            // Taken when EXEC runs, after any WATCH sent before it.
            WatchSnapshot watched = state.watched;
            state.watched = null;
            runExec(client, db, queued, watched, slot);
        });
    }

    private void runExec(ClientSession client, int db, List<RespRequest> queued, WatchSnapshot watched,
                         ReplySlot slot) {
        List<byte[]> written = null;
        if (waiters.anyParked()) {
            written = new ArrayList<>();
            for (RespRequest r : queued) {
                args(r, written);
            }
        }
        List<byte[]> fed = null;
        if (link.crossInstance()) {
            fed = new ArrayList<>();
            for (RespRequest r : queued) {
                Feeds.keys(io.trustgate.redis.command.CommandTable.standard().lookup(r), r, fed);
            }
        }
        CompletionStage<List<RedisMessage>> replies;
        try {
            replies = executor.execAtomically(db, queued, watched);
        } finally {
            queued.forEach(RespRequest::release);
        }
        replies.whenComplete((list, error) -> {
            RedisMessage message = list == null && error == null ? ArrayRedisMessage.NULL_INSTANCE
                    : list == null ? null : new ArrayRedisMessage(list);
            onLoop(client, slot).accept(message, error);
        });
        if (written != null) {
            List<byte[]> keys = written;
            replies.whenComplete((m, e) -> waiters.written(db, keys));
        } else {
            replies.whenComplete((m, e) -> waiters.retryAll()); // see run(): a client may have parked meanwhile
        }
        if (fed != null && !fed.isEmpty()) {
            List<byte[]> keys = fed;
            replies.whenComplete((list, e) -> {
                if (e == null && list != null) {
                    link.keysReady(db, keys);
                }
            });
        }
    }

    private static List<byte[]> args(RespRequest request, List<byte[]> into) {
        for (int i = 1; i < request.argc(); i++) {
            into.add(request.argBytes(i));
        }
        return into;
    }

    @Override
    public String queueError(RespRequest request) {
        ErrorRedisMessage error = executor.validate(request);
        return error == null ? null : error.content();
    }

    @Override
    public void watch(ClientSession client, RespRequest request, ReplySlot slot) {
        List<byte[]> keys = new ArrayList<>(request.argc() - 1);
        for (int i = 1; i < request.argc(); i++) {
            keys.add(request.argBytes(i));
        }
        request.release();
        KeyspaceClient state = state(client);
        int db = client.db();
        // After the client's earlier writes, so the snapshot sees them.
        // Never waits on the event loop: the stamps are read on the engine's thread, then applied on the loop.
        state.inOrder(slot, () -> executor.watchAsync(db, keys).thenAccept(snapshot -> {
            Runnable apply = () -> {
                state.watched = state.watched == null ? snapshot : state.watched.plus(snapshot);
                slot.complete(new io.netty.handler.codec.redis.SimpleStringRedisMessage("OK"));
            };
            if (client.eventLoop().inEventLoop()) {
                apply.run();
            } else {
                client.eventLoop().execute(apply);
            }
        }));
    }

    @Override
    public void unwatch(ClientSession client) {
        KeyspaceClient state = (KeyspaceClient) client.targetState(this);
        if (state != null) {
            state.afterPrevious(() -> state.watched = null);
        }
    }

    /** Every reply here is a {@code RedisMessage} the gateway builds, so RESP3 is a matter of encoding. */
    @Override
    public boolean speaksResp3() {
        return true;
    }

    @Override
    public String relayUnsupportedReason(RespRequest request) {
        if (request.argIs(0, "SSUBSCRIBE") || request.argIs(0, "SUNSUBSCRIBE")) {
            return "no sharded pub/sub";
        }
        return "no MONITOR or client tracking on this backend yet";
    }

    @Override
    public void relay(ClientSession client, RespRequest request) {
        request.release();
        throw new IllegalStateException("relay is unsupported on " + backendName);
    }

    @Override
    public boolean runsInlineUnderOneLock() {
        return appliesInline;
    }

    @Override
    public boolean holdsBlockedClient() {
        return true;
    }

    @Override
    public PubSubHub pubSubHub() {
        return hub;
    }

    @Override
    public void clientClosed(ClientSession client) {
        if (client.targetState(this) != null) {
            clients.decrementAndGet();
        }
        client.targetState(this, null);
        waiters.clientClosed(client);
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void close() {
        hub.close();
        link.close();
    }

    /** What this backend does with each command, for capability reports (built from this target and its
     *  executor's table; constructing a KeyspaceTarget starts nothing, so a report needs no running gateway). */
    public BackendProfile.Declaration declaration() {
        BackendProfile.Declaration base = BackendProfile.keyspace(this, executor);
        return new BackendProfile.Declaration() {
            @Override
            public BackendProfile.Answer command(CommandSpec spec, RespRequest sample) {
                if (PubSubCommands.handles(spec.name())) {
                    return BackendProfile.Answer.emulated(pubSubNote());
                }
                BackendProfile.Answer answer = base.command(spec, sample);
                if (BlockingWaiters.handles(spec.name()) && answer.support() == CommandSupport.EMULATED) {
                    return BackendProfile.Answer.emulated(answer.reason() + (fanOut == null
                            ? "; one gateway instance per backend"
                            : "; a push through another gateway instance wakes it too, by " + fanOut));
                }
                return answer;
            }

            @Override
            public BackendProfile.Answer relay(CommandSpec spec, RespRequest sample) {
                return spec.subscribes() && !spec.name().equals("SSUBSCRIBE") && !spec.name().equals("SUNSUBSCRIBE") ? BackendProfile.Answer.emulated(pubSubNote())
                        : base.relay(spec, sample);
            }

            @Override
            public BackendProfile.Answer select(int db) {
                return base.select(db);
            }

            @Override
            public List<String> forms() {
                return base.forms();
            }
        };
    }

    private String pubSubNote() {
        return fanOut == null ? PUBSUB_NOTE_SINGLE : "served by the gateway's hub; reaches the subscribers of every "
                + "gateway instance on this backend by " + fanOut + "; PUBLISH's count and PUBSUB cover this instance "
                + "only, as on a Redis Cluster node";
    }

    private static final String PUBSUB_NOTE_SINGLE = "served by the gateway's hub; one gateway instance per backend,"
            + " so it reaches every subscriber";

    private static <T extends RedisMessage> BiConsumer<T, Throwable> onLoop(ClientSession client, ReplySlot slot) {
        return (message, error) -> answer(client, slot, message, error);
    }

    /** Completes {@code slot} on the client's loop (hopping there when called elsewhere). */
    private static void answer(ClientSession client, ReplySlot slot, RedisMessage message, Throwable error) {
        if (client.eventLoop().inEventLoop()) {
            complete(slot, message, error);
        } else {
            // A closed client's queue releases the message itself.
            client.eventLoop().execute(() -> complete(slot, message, error));
        }
    }

    private static void complete(ReplySlot slot, RedisMessage message, Throwable error) {
        if (error != null) {
            slot.complete(new ErrorRedisMessage("ERR " + error.getMessage()));
        } else {
            slot.complete(message);
        }
    }
}
