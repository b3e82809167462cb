package io.trustgate.redis.passthrough;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.session.ClientSession;
import io.trustgate.redis.session.ReplySink;
import io.trustgate.redis.session.ReplySlot;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How the cluster target reaches nodes: per event loop, one {@link UpstreamPool} of shared pipelined connections
 * per node; per client, pinned connections per node ({@link ClusterLink}); commands wrapped in a
 * {@link ClusterRedirect} so MOVED and ASK are followed on the same kind of connection; commands parked while no
 * slot map is known; and the backend's error and redirect meters. Everything but {@link #close()} and the meters
 * runs on the client's event loop.
 */
final class ClusterConnections {

    /** Where a command goes: a shared connection, or the client's pinned one (timed, untimed, or for WATCH). */
    enum Mode { SHARED, PINNED, BLOCKING, WATCH }

    private final UpstreamSettings settings;
    private final ClusterTopology topology;
    private final Set<UpstreamPool> pools = ConcurrentHashMap.newKeySet();
    private final FastThreadLocal<Map<InetSocketAddress, UpstreamPool>> loopPools = new FastThreadLocal<>();
    private final Counter failures;
    private final Counter moved;
    private final Counter asked;

    ClusterConnections(UpstreamSettings settings, ClusterTopology topology) {
        this.settings = settings;
        this.topology = topology;
        this.failures = Counter.builder("trustgate.redis.backend.errors").tag("backend", settings.backendName())
                .description("Commands answered with a backend unavailable or timeout error")
                .register(settings.registry());
        this.moved = redirects("moved");
        this.asked = redirects("ask");
    }

    private Counter redirects(String kind) {
        return Counter.builder("trustgate.redis.cluster.redirects").tag("backend", settings.backendName())
                .tag("kind", kind).description("MOVED and ASK redirects the gateway followed")
                .register(settings.registry());
    }

    /** SHARED, noting {@code slot} as the client's last shared command, unless the client went pinned. */
    Mode sharedOrPinned(ClusterLink link, ReplySlot slot) {
        if (link.usesPinned()) {
            return Mode.PINNED;
        }
        link.lastShared = slot;
        return Mode.SHARED;
    }

    /** Sends a keyed command, following MOVED/ASK; a pinned one after the client's shared commands are in. */
    void forward(ClientSession client, ClusterLink link, InetSocketAddress node, ByteBuf frame, ReplySink sink,
                 Mode mode) {
        ClusterRedirect redirect = new ClusterRedirect(frame, node, sink, topology,
                (n, asking, f, s) -> send(client, link, n, asking, f, s, mode), this::redirected,
                settings.backendName());
        if (mode == Mode.SHARED) {
            redirect.start();
        } else {
            link.pinnedMode = true;
            link.afterShared(redirect::start);
        }
    }

    /** Sends a command that names its node itself (fan-out, SCAN): no redirects to follow. */
    void dispatch(ClientSession client, ClusterLink link, InetSocketAddress node, ByteBuf frame, ReplySink sink,
                  Mode mode) {
        if (mode == Mode.SHARED) {
            send(client, link, node, false, frame, sink, mode);
        } else {
            link.pinnedMode = true;
            link.afterShared(() -> send(client, link, node, false, frame, sink, mode));
        }
    }

    private void send(ClientSession client, ClusterLink link, InetSocketAddress node, boolean asking, ByteBuf frame,
                      ReplySink sink, Mode mode) {
        UpstreamConnection c = mode == Mode.SHARED ? shared(client, node) : pinned(client, link, node);
        if (c == null) {
            frame.release();
            unavailable(sink);
            return;
        }
        if (asking) {
            c.send(command(client.channel().alloc(), "ASKING"), UpstreamConnection.DISCARD,
                    UpstreamConnection.WITH_TIMEOUT);
        }
        if (mode == Mode.WATCH && link.watching) {
            link.watchNode = node;
        }
        c.send(frame, sink, mode != Mode.BLOCKING);
    }

    UpstreamConnection shared(ClientSession client, InetSocketAddress node) {
        UpstreamConnection c = pool(client, node).connectionFor(client.id());
        if (c == null) {
            topology.requestRefresh();
        }
        return c;
    }

    /** The client's pinned connection to {@code node}, opened on first use. */
    UpstreamConnection pinned(ClientSession client, ClusterLink link, InetSocketAddress node) {
        UpstreamConnection c = link.pinned.get(node);
        if (c == null || !c.isUsable()) {
            c = pool(client, node).dedicated(closed -> {
                if (link.watching && node.equals(link.watchNode) && link.pinned.get(node) == closed) {
                    link.watchLost = true;
                }
            });
            if (c == null) {
                topology.requestRefresh();
                return null;
            }
            link.pinned.put(node, c);
        }
        return c;
    }

    UpstreamPool pool(ClientSession client, InetSocketAddress node) {
        Map<InetSocketAddress, UpstreamPool> byNode = loopPools.get();
        if (byNode == null) {
            byNode = new HashMap<>();
            loopPools.set(byNode);
        }
        UpstreamPool p = byNode.get(node);
        if (p == null) {
            p = new UpstreamPool(client.eventLoop(), settings, node);
            byNode.put(node, p);
            pools.add(p);
        }
        return p;
    }

    /** Parks a command until the slot map is known, for at most the connect timeout; fails it at once when no
     *  node could be reached. Commands of a client with parked ones park behind them, keeping their order. */
    void defer(ClientSession client, ClusterLink link, Runnable go, Runnable abort) {
        if (topology.unreachable()) {
            abort.run();
            return;
        }
        if (link.deferred == null) {
            link.deferred = new ArrayDeque<>();
            long wait = Math.max(1, settings.connectTimeout().toMillis());
            link.deferTimer = client.eventLoop().schedule(() -> {
                ArrayDeque<ClusterLink.Deferred> parked = link.takeDeferred();
                if (parked != null) {
                    parked.forEach(d -> d.abort().run());
                }
            }, wait, TimeUnit.MILLISECONDS);
            topology.whenKnown(client.eventLoop(), () -> {
                ArrayDeque<ClusterLink.Deferred> parked = link.takeDeferred();
                if (parked != null) {
                    parked.forEach(d -> d.go().run());
                }
            });
        }
        link.deferred.addLast(new ClusterLink.Deferred(go, abort));
    }

    void redirected(boolean ask) {
        (ask ? asked : moved).increment();
    }

    void unavailable(ReplySink sink) {
        failures.increment();
        sink.fail(settings.unavailable());
    }

    static ByteBuf command(ByteBufAllocator alloc, String... args) {
        RespRequest request = RespRequest.of(alloc, args);
        ByteBuf frame = request.frame().retain();
        request.release();
        return frame;
    }

    void close() {
        for (UpstreamPool p : pools) {
            p.loop().execute(p::close);
        }
    }
}
