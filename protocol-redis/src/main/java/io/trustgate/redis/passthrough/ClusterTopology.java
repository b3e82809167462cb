package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.session.ReplySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cluster's slot map and how it is kept fresh. {@code CLUSTER SLOTS} is asked of a known master (then of
 * the seeds) at start, every {@value #REFRESH_EVERY_MILLIS} ms, and soon after anything hints the map is stale
 * (a MOVED, a node that cannot be reached). Every {@value #HEALTH_EVERY_MILLIS} ms each master is PINGed; the
 * cluster is ready when the map covers all 16384 slots and every master answered.
 *
 * <p>The map itself is an immutable {@link SlotMap} in an atomic reference: any event loop reads it, and a
 * MOVED swaps in a copy with one slot changed. Refreshes, health checks and their control connections run on
 * one event loop of the group, {@link #loop}.
 */
final class ClusterTopology {

    static final long REFRESH_EVERY_MILLIS = 10_000;
    static final long HEALTH_EVERY_MILLIS = 2_000;
    /** Refreshes asked for in a burst (many MOVEDs at once) run at most this often. */
    private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** While no map is known, a failed round is retried this soon. */
    private static final long RETRY_UNKNOWN_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(ClusterTopology.class);

    private final UpstreamSettings settings;
    private final List<InetSocketAddress> seeds;
    private final EventLoop loop;
    private final AtomicReference<SlotMap> map = new AtomicReference<>();
    private final Queue<Runnable> whenKnown = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean refreshAsked = new AtomicBoolean();
    private volatile boolean unreachable;
    private volatile boolean healthy;

    // Touched only on the loop.
    private final Map<InetSocketAddress, UpstreamConnection> control = new HashMap<>();
    private boolean refreshing;
    private boolean again;
    private boolean scheduled;
    /** A failed round was logged; stays quiet until a round succeeds. */
    private boolean warned;
    private long lastRefreshNanos;
    private ScheduledFuture<?> refreshTask;
    private ScheduledFuture<?> healthTask;
    private volatile boolean closed;

    ClusterTopology(UpstreamSettings settings, List<InetSocketAddress> seeds, EventLoop loop) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a cluster backend needs at least one seed node");
        }
        this.settings = settings;
        this.seeds = List.copyOf(seeds);
        this.loop = loop;
    }

    /** Starts the first refresh and the periodic ones. */
    void start() {
        loop.execute(() -> {
            refreshTask = loop.scheduleWithFixedDelay(this::refresh, REFRESH_EVERY_MILLIS, REFRESH_EVERY_MILLIS,
                    TimeUnit.MILLISECONDS);
            healthTask = loop.scheduleWithFixedDelay(this::checkHealth, HEALTH_EVERY_MILLIS, HEALTH_EVERY_MILLIS,
                    TimeUnit.MILLISECONDS);
            refresh();
        });
    }

    /** The current map, or null before the first {@code CLUSTER SLOTS} answer. */
    SlotMap map() {
        return map.get();
    }

    /** True when no map is known and the last round could reach none of the nodes: fail fast, do not wait. */
    boolean unreachable() {
        return unreachable && map.get() == null;
    }

    boolean isReady() {
        return healthy;
    }

    /** Runs {@code action} on {@code clientLoop} once a map is known (soon, through that loop, if it is). */
    void whenKnown(EventLoop clientLoop, Runnable action) {
        whenKnown.add(() -> clientLoop.execute(action));
        if (map.get() != null) {
            runWhenKnown();
        }
    }

    /** A MOVED said {@code node} serves {@code slot}: record it now and refresh the whole map soon. */
    void moved(int slot, InetSocketAddress node) {
        for (;;) {
            SlotMap current = map.get();
            if (current == null) {
                break;
            }
            SlotMap next = current.withOwner(slot, node);
            if (next == current || map.compareAndSet(current, next)) {
                break;
            }
        }
        requestRefresh();
    }

    /** Asks for a refresh soon; cheap and safe to call from any thread, any number of times. */
    void requestRefresh() {
        if (refreshAsked.compareAndSet(false, true)) {
            loop.execute(() -> {
                refreshAsked.set(false);
                refresh();
            });
        }
    }

    /** Replaces the map outright. For tests that need a stale map, and for nothing else. */
    void install(SlotMap replacement) {
        map.set(replacement);
        runWhenKnown();
    }

    private void runWhenKnown() {
        Runnable r;
        while ((r = whenKnown.poll()) != null) {
            r.run();
        }
    }

    private void refresh() {
        if (closed) {
            return;
        }
        if (refreshing) {
            again = true;
            return;
        }
        long wait = lastRefreshNanos == 0 ? 0 : MIN_GAP_NANOS - (System.nanoTime() - lastRefreshNanos);
        if (wait > 0) {
            if (!scheduled) {
                scheduled = true;
                loop.schedule(() -> {
                    scheduled = false;
                    refresh();
                }, wait, TimeUnit.NANOSECONDS);
            }
            return;
        }
        refreshing = true;
        Set<InetSocketAddress> candidates = new LinkedHashSet<>();
        SlotMap current = map.get();
        if (current != null) {
            candidates.addAll(current.masters());
        }
        candidates.addAll(seeds);
        ask(new ArrayList<>(candidates), 0, null);
    }

    /** Asks {@code nodes[i]} for CLUSTER SLOTS, moving on to the next node on any failure. */
    private void ask(List<InetSocketAddress> nodes, int i, String lastError) {
        if (closed) {
            refreshing = false;
            return;
        }
        if (i == nodes.size()) {
            roundFailed(lastError);
            return;
        }
        InetSocketAddress node = nodes.get(i);
        send(node, "CLUSTER", "SLOTS", new ReplySink() {
            @Override
            public void complete(Object message) {
                ByteBuf reply = (ByteBuf) message;
                SlotMap fresh;
                String error = null;
                try {
                    fresh = ClusterReplies.isError(reply) ? null : parseSlots(ClusterReplies.parse(reply), node);
                    if (fresh == null) {
                        error = ClusterReplies.isError(reply) ? ClusterReplies.errorText(reply) : "no slots";
                    }
                } catch (RuntimeException e) {
                    fresh = null;
                    error = "unreadable CLUSTER SLOTS reply: " + e.getMessage();
                } finally {
                    reply.release();
                }
                if (fresh == null) {
                    ask(nodes, i + 1, node + ": " + error);
                } else {
                    installFresh(fresh);
                }
            }

            @Override
            public void fail(String error) {
                ask(nodes, i + 1, node + ": " + error);
            }
        });
    }

    private void installFresh(SlotMap fresh) {
        refreshing = false;
        lastRefreshNanos = System.nanoTime();
        unreachable = false;
        warned = false;
        SlotMap old = map.getAndSet(fresh);
        if (old == null || !old.ranges().equals(fresh.ranges())) {
            log.info("cluster backend '{}': {} masters, {} slots covered{}", settings.backendName(),
                    fresh.masterCount(), fresh.coversAll() ? "all" : "not all", old == null ? "" : " (changed)");
        }
        runWhenKnown();
        List<InetSocketAddress> gone = new ArrayList<>();
        for (InetSocketAddress node : control.keySet()) {
            if (!fresh.masters().contains(node) && !seeds.contains(node)) {
                gone.add(node);
            }
        }
        for (InetSocketAddress node : gone) {
            control.remove(node).close();
        }
        if (old == null) {
            checkHealth();
        }
        if (again) {
            again = false;
            refresh();
        }
    }

    private void roundFailed(String lastError) {
        refreshing = false;
        lastRefreshNanos = System.nanoTime();
        if (map.get() == null) {
            unreachable = true;
            healthy = false;
            if (!warned) {
                warned = true;
                log.warn("cluster backend '{}': no node answered CLUSTER SLOTS (last: {}); retrying every {} ms",
                        settings.backendName(), lastError, RETRY_UNKNOWN_MILLIS);
            }
            loop.schedule(this::refresh, RETRY_UNKNOWN_MILLIS, TimeUnit.MILLISECONDS);
        } else if (!warned) {
            warned = true;
            log.warn("cluster backend '{}': topology refresh failed (last: {}); keeping the known map",
                    settings.backendName(), lastError);
        }
        again = false;
    }

    /**
     * The map from a {@code CLUSTER SLOTS} reply: {@code [[start, end, [host, port, id, ...], replicas...], ...]}.
     * An empty host means {@code asked}'s. Null when the reply names no slot.
     */
    static SlotMap parseSlots(Object reply, InetSocketAddress asked) {
        if (!(reply instanceof List<?> entries) || entries.isEmpty()) {
            return null;
        }
        List<SlotMap.Range> ranges = new ArrayList<>();
        for (Object e : entries) {
            List<?> entry = (List<?>) e;
            int start = ((Long) entry.get(0)).intValue();
            int end = ((Long) entry.get(1)).intValue();
            List<?> master = (List<?>) entry.get(2);
            String host = (String) master.get(0);
            int port = ((Long) master.get(1)).intValue();
            if (host == null || host.isEmpty() || host.equals("?")) {
                host = asked.getHostString();
            }
            ranges.add(new SlotMap.Range(start, end, new InetSocketAddress(host, port)));
        }
        return SlotMap.of(ranges);
    }

    /** PINGs every master; ready when all answer and every slot is served. A master that fails asks for a
     *  refresh, since a failover may have moved its slots. */
    private void checkHealth() {
        SlotMap current = map.get();
        if (closed || current == null) {
            healthy = false;
            return;
        }
        List<InetSocketAddress> masters = current.masters();
        int[] answered = new int[1];
        boolean[] failed = new boolean[1];
        for (InetSocketAddress node : masters) {
            send(node, "PING", null, new ReplySink() {
                @Override
                public void complete(Object message) {
                    ByteBuf reply = (ByteBuf) message;
                    boolean pong = !ClusterReplies.isError(reply);
                    reply.release();
                    done(pong);
                }

                @Override
                public void fail(String error) {
                    done(false);
                }

                private void done(boolean ok) {
                    failed[0] |= !ok;
                    if (++answered[0] == masters.size()) {
                        healthy = !failed[0] && current.coversAll() && map.get() != null;
                        if (failed[0]) {
                            requestRefresh();
                        }
                    }
                }
            });
        }
    }

    /** Sends a command of the gateway's own on the control connection to {@code node}. */
    private void send(InetSocketAddress node, String command, String arg, ReplySink sink) {
        UpstreamConnection c = control.get(node);
        if (c == null || !c.isUsable()) {
            c = new UpstreamConnection(loop, settings, node).connect(closed -> control.remove(node, closed));
            control.put(node, c);
        }
        RespRequest request = arg == null ? RespRequest.of(ByteBufAllocator.DEFAULT, command)
                : RespRequest.of(ByteBufAllocator.DEFAULT, command, arg);
        ByteBuf frame = request.frame().retain();
        request.release();
        c.send(frame, sink, UpstreamConnection.WITH_TIMEOUT);
    }

    void close() {
        closed = true;
        healthy = false;
        loop.execute(() -> {
            if (refreshTask != null) {
                refreshTask.cancel(false);
            }
            if (healthTask != null) {
                healthTask.cancel(false);
            }
            List<UpstreamConnection> open = new ArrayList<>(control.values());
            control.clear();
            open.forEach(UpstreamConnection::close);
            whenKnown.clear();
        });
    }
}
