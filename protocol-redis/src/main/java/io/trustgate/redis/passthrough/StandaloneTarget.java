package io.trustgate.redis.passthrough;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.route.BackendProfile;
import io.trustgate.redis.route.RouteTarget;
import io.trustgate.redis.session.ClientSession;
import io.trustgate.redis.session.ReplySink;
import io.trustgate.redis.session.ReplySlot;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Passthrough to one standalone Redis server. Requests are forwarded as the client's bytes and replies come
 * back as the server's bytes; nothing is re-encoded.
 *
 * <p>Stateless commands from every client of an event loop share that loop's few pipelined connections. A
 * client that needs server-side connection state (WATCH, a blocking command, a db other than 0) gets a pinned
 * connection of its own from then on; one that enters a connection-wide mode (SUBSCRIBE, MONITOR, RESP3,
 * CLIENT TRACKING) gets a relay connection that carries everything, both ways, unchanged. A transaction
 * without WATCH runs on the shared connection: MULTI, the commands and EXEC are written back to back from one
 * event loop, so nothing interleaves.
 */
public final class StandaloneTarget implements RouteTarget {

    private static final long HEALTH_EVERY_MILLIS = 2000;

    private final int id = IDS.getAndIncrement();
    private final UpstreamSettings settings;
    private final InetSocketAddress address;
    private final Set<UpstreamPool> pools = ConcurrentHashMap.newKeySet();
    private final FastThreadLocal<UpstreamPool> pool = new FastThreadLocal<>();
    private final Counter failures;
    private final EventLoop healthLoop;
    private final ScheduledFuture<?> healthTask;
    private volatile boolean healthy;
    private UpstreamConnection healthConnection;

    public StandaloneTarget(UpstreamSettings settings, InetSocketAddress address, EventLoopGroup group) {
        this.settings = settings;
        this.address = address;
        this.failures = Counter.builder("trustgate.redis.backend.errors").tag("backend", settings.backendName())
                .description("Commands answered with a backend unavailable or timeout error")
                .register(settings.registry());
        this.healthLoop = group.next();
        this.healthTask = healthLoop.scheduleWithFixedDelay(this::checkHealth, 0, HEALTH_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String backendName() {
        return settings.backendName();
    }

    private UpstreamPool pool(ClientSession client) {
        UpstreamPool p = pool.get();
        if (p == null) {
            p = new UpstreamPool(client.eventLoop(), settings, address);
            pool.set(p);
            pools.add(p);
        }
        return p;
    }

    private ClientLink link(ClientSession client) {
        ClientLink link = (ClientLink) client.targetState(this);
        if (link == null) {
            link = new ClientLink();
            client.targetState(this, link);
        }
        return link;
    }

    @Override
    public void execute(ClientSession client, RespRequest request, CommandSpec spec, ReplySlot slot) {
        ClientLink link = link(client);
        boolean blocking = spec != null && spec.blocking();
        ByteBuf frame = request.frame().retain();
        request.release();
        if (!blocking && link.pinnedNoLongerNeeded(client.db())) {
            // Nothing on the pinned connection is owed or kept: give it back and share again.
            pool(client).release(link.pinned);
            link.pinned = null;
        }
        if (!link.usesPinned() && !blocking && client.db() == 0) {
            UpstreamConnection shared = pool(client).connectionFor(client.id());
            if (shared == null) {
                frame.release();
                unavailable(slot);
                return;
            }
            link.lastShared = slot;
            shared.send(frame, slot, UpstreamConnection.WITH_TIMEOUT);
            return;
        }
        boolean timed = !blocking;
        int db = client.db();
        link.afterShared(() -> {
            UpstreamConnection pinned = pinned(client, link, db);
            if (pinned == null) {
                frame.release();
                unavailable(slot);
                return;
            }
            pinned.send(frame, slot, timed);
        });
    }

    @Override
    public void exec(ClientSession client, List<RespRequest> queued, ReplySlot slot) {
        ClientLink link = link(client);
        if (!link.usesPinned() && !link.watching && client.db() == 0) {
            UpstreamConnection shared = pool(client).connectionFor(client.id());
            link.lastShared = slot;
            sendTransaction(shared, client, queued, slot);
            return;
        }
        int db = client.db();
        link.afterShared(() -> {
            if (link.watchLost) {
                link.watchLost = false;
                queued.forEach(RespRequest::release);
                unavailable(slot);
                return;
            }
            sendTransaction(pinned(client, link, db), client, queued, slot);
            link.watching = false;
        });
    }

    private void sendTransaction(UpstreamConnection connection, ClientSession client, List<RespRequest> queued,
                                 ReplySlot slot) {
        if (connection == null) {
            queued.forEach(RespRequest::release);
            unavailable(slot);
            return;
        }
        connection.send(command(client, "MULTI"), UpstreamConnection.DISCARD, UpstreamConnection.WITH_TIMEOUT);
        for (RespRequest request : queued) {
            connection.send(request.frame().retain(), UpstreamConnection.DISCARD, UpstreamConnection.WITH_TIMEOUT);
            request.release();
        }
        connection.send(command(client, "EXEC"), slot, UpstreamConnection.WITH_TIMEOUT);
    }

    @Override
    public void watch(ClientSession client, RespRequest request, ReplySlot slot) {
        ClientLink link = link(client);
        ByteBuf frame = request.frame().retain();
        request.release();
        link.watching = true;
        link.watchLost = false;
        int db = client.db();
        link.afterShared(() -> {
            UpstreamConnection pinned = pinned(client, link, db);
            if (pinned == null) {
                frame.release();
                unavailable(slot);
                return;
            }
            pinned.send(frame, slot, UpstreamConnection.WITH_TIMEOUT);
        });
    }

    @Override
    public void unwatch(ClientSession client) {
        ClientLink link = (ClientLink) client.targetState(this);
        if (link == null || !link.watching) {
            return;
        }
        link.watching = false;
        link.watchLost = false;
        link.afterShared(() -> {
            if (link.pinned != null && link.pinned.isUsable()) {
                link.pinned.send(command(client, "UNWATCH"), UpstreamConnection.DISCARD,
                        UpstreamConnection.WITH_TIMEOUT);
            }
        });
    }

    @Override
    public String relayUnsupportedReason(RespRequest request) {
        return null;
    }

    /** What a standalone Redis backend does with each command, for capability reports: the server answers
     *  everything itself. */
    public static BackendProfile.Declaration declaration() {
        return PassthroughProfiles.STANDALONE;
    }

    @Override
    public void relay(ClientSession client, RespRequest request) {
        ClientLink link = link(client);
        ByteBuf frame = request.frame().retain();
        request.release();
        if (link.relay == null) {
            UpstreamConnection relay = pool(client).dedicated(c -> { });
            if (relay == null) {
                frame.release();
                client.relayToClient(new ErrorRedisMessage(settings.unavailable()));
                client.relayClosed();
                return;
            }
            relay.relayTo(client);
            if (client.db() != 0) {
                relay.send(command(client, "SELECT", Integer.toString(client.db())), UpstreamConnection.DISCARD,
                        UpstreamConnection.NO_TIMEOUT);
            }
            link.relay = relay;
        }
        link.relay.send(frame, null, UpstreamConnection.NO_TIMEOUT);
    }

    @Override
    public void clientClosed(ClientSession client) {
        ClientLink link = (ClientLink) client.targetState(this);
        if (link != null) {
            link.close();
            client.targetState(this, null);
        }
    }

    /**
     * The client's pinned connection, opened on first use, with {@code db} selected on it: the db the client had
     * when it sent the command, which may run later (after its shared commands) when the client has moved on.
     */
    private UpstreamConnection pinned(ClientSession client, ClientLink link, int db) {
        if (link.pinned == null || !link.pinned.isUsable()) {
            UpstreamConnection c = pool(client).dedicated(closed -> {
                if (link.pinned == closed && link.watching) {
                    link.watchLost = true;
                }
            });
            if (c == null) {
                return null;
            }
            link.pinned = c;
            link.pinnedDb = 0;
        }
        if (db != link.pinnedDb) {
            link.pinned.send(command(client, "SELECT", Integer.toString(db)), UpstreamConnection.DISCARD,
                    UpstreamConnection.WITH_TIMEOUT);
            link.pinnedDb = db;
        }
        return link.pinned;
    }

    private static ByteBuf command(ClientSession client, String... args) {
        RespRequest request = RespRequest.of(client.channel().alloc(), args);
        ByteBuf frame = request.frame().retain();
        request.release();
        return frame;
    }

    private void unavailable(ReplySink slot) {
        failures.increment();
        slot.fail(settings.unavailable());
    }

    private void checkHealth() {
        if (healthConnection == null || !healthConnection.isUsable()) {
            healthConnection = new UpstreamConnection(healthLoop, settings, address).connect(c -> healthy = false);
        }
        RespRequest ping = RespRequest.of(io.netty.buffer.ByteBufAllocator.DEFAULT, "PING");
        ByteBuf frame = ping.frame().retain();
        ping.release();
        healthConnection.send(frame, new ReplySink() {
            @Override
            public void complete(Object message) {
                ByteBuf reply = (ByteBuf) message;
                healthy = reply.isReadable() && reply.getByte(reply.readerIndex()) == '+';
                reply.release();
            }

            @Override
            public void fail(String error) {
                healthy = false;
            }
        }, UpstreamConnection.WITH_TIMEOUT);
    }

    @Override
    public boolean isReady() {
        return healthy;
    }

    @Override
    public void close() {
        healthTask.cancel(false);
        healthLoop.execute(() -> {
            if (healthConnection != null) {
                healthConnection.close();
            }
        });
        for (UpstreamPool p : pools) {
            p.loop().execute(p::close);
        }
    }
}
