package io.trustgate.redis.passthrough;

import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared, pipelined connections of one event loop to one Redis server. A client always uses the same one
 * ({@code client id mod size}), so its commands reach the server in the order it sent them.
 *
 * <p>A connection that drops is replaced on next use. After a failed connect the pool stays "down" for a short,
 * growing back-off, during which commands fail at once instead of each waiting for a connect timeout; the
 * first command after the back-off tries again, so the gateway reconnects by itself when the server returns.
 * Touched only from its event loop.
 */
final class UpstreamPool {

    private static final long MIN_BACKOFF_NANOS = 100_000_000L;
    private static final long MAX_BACKOFF_NANOS = 2_000_000_000L;

    private final EventLoop loop;
    private final UpstreamSettings settings;
    private final InetSocketAddress address;
    private static final int MAX_IDLE = 16;

    private final UpstreamConnection[] connections;
    private final java.util.ArrayDeque<UpstreamConnection> idle = new java.util.ArrayDeque<>();
    private long downUntil;
    private long backoff = MIN_BACKOFF_NANOS;

    UpstreamPool(EventLoop loop, UpstreamSettings settings, InetSocketAddress address) {
        this.loop = loop;
        this.settings = settings;
        this.address = address;
        this.connections = new UpstreamConnection[settings.connectionsPerLoop()];
    }

    EventLoop loop() {
        return loop;
    }

    /** The shared connection for the client with {@code clientId}, or null while the server is down. */
    UpstreamConnection connectionFor(long clientId) {
        int i = (int) (clientId % connections.length);
        UpstreamConnection c = connections[i];
        if (c != null && c.isUsable()) {
            return c;
        }
        if (isDown()) {
            return null;
        }
        c = new UpstreamConnection(loop, settings, address);
        connections[i] = c;
        c.connect(this::closed);
        return c;
    }

    /**
     * A connection of the client's own (pinned or relay), or null while the server is down. An idle one given
     * back with {@link #release} is reused first.
     */
    UpstreamConnection dedicated(java.util.function.Consumer<UpstreamConnection> onClose) {
        java.util.function.Consumer<UpstreamConnection> closed = c -> {
            noteClosed(c);
            idle.remove(c);
            onClose.accept(c);
        };
        UpstreamConnection c;
        while ((c = idle.pollFirst()) != null) {
            if (c.isUsable()) {
                c.onClose(closed);
                return c;
            }
        }
        if (isDown()) {
            return null;
        }
        c = new UpstreamConnection(loop, settings, address);
        c.connect(closed);
        return c;
    }

    /**
     * Takes back a dedicated connection its client no longer needs. It must have nothing in flight and carry no
     * server-side state (db 0, no WATCH, not in relay mode); it is kept for the next client that needs one, or
     * closed when enough are idle already.
     */
    void release(UpstreamConnection c) {
        if (c.isUsable() && c.inflight() == 0 && idle.size() < MAX_IDLE) {
            c.onClose(closed -> {
                noteClosed(closed);
                idle.remove(closed);
            });
            idle.addLast(c);
        } else {
            c.close();
        }
    }

    boolean isDown() {
        return downUntil != 0 && System.nanoTime() - downUntil < 0;
    }

    /** True when the last attempt to reach the server worked (or none was made yet). */
    boolean looksHealthy() {
        return downUntil == 0;
    }

    private void closed(UpstreamConnection c) {
        noteClosed(c);
        for (int i = 0; i < connections.length; i++) {
            if (connections[i] == c) {
                connections[i] = null;
            }
        }
    }

    private void noteClosed(UpstreamConnection c) {
        if (!c.isActive() && !c.wasEverActive()) {
            downUntil = System.nanoTime() + backoff;
            backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
        } else {
            downUntil = 0;
            backoff = MIN_BACKOFF_NANOS;
        }
    }

    void close() {
        List<UpstreamConnection> open = new ArrayList<>();
        for (int i = 0; i < connections.length; i++) {
            if (connections[i] != null) {
                open.add(connections[i]);
                connections[i] = null;
            }
        }
        open.addAll(idle);
        idle.clear();
        open.forEach(UpstreamConnection::close);
    }
}
