package io.trustgate.redis.passthrough;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.FastThreadLocal;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.CommandTable;
import io.trustgate.redis.route.RouteTarget;
import io.trustgate.redis.session.ClientSession;
import io.trustgate.redis.session.ReplySink;
import io.trustgate.redis.session.ReplySlot;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Passthrough to a Redis Cluster that clients see as one plain Redis server. Each command goes to the master
 * serving its keys' slot, as the client's own bytes; MOVED and ASK are followed inside the gateway
 * ({@link ClusterRedirect}). MGET, MSET, DEL, UNLINK, EXISTS and TOUCH whose keys span slots are split per slot
 * and merged ({@link ClusterSplitter}, {@link ClusterMerge}); any other command spanning slots gets Redis'
 * CROSSSLOT error. Commands without keys go to master number 0, except KEYS, DBSIZE, FLUSHDB, FLUSHALL, SCRIPT
 * LOAD/FLUSH and FUNCTION LOAD/DELETE/FLUSH/RESTORE, which go to every master and are merged, and SCAN, which
 * walks the masters one after the other behind one cursor ({@link ClusterScan}). CLUSTER, READONLY, READWRITE
 * and ASKING get the answer of a server without cluster support, so cluster-aware clients pointed here stay in
 * plain mode; a db other than 0 is refused, as Redis Cluster does.
 *
 * <p>Connections work as in {@link StandaloneTarget}: shared pipelined connections per event loop and node;
 * pinned ones per client and node for WATCH and blocking commands (without command timeout); relay ones for
 * pub/sub and MONITOR. Transactions whose keys share one slot run on that slot's master
 * ({@link ClusterTransaction}). Relay goes to master number 0 (classic pub/sub reaches the whole cluster; MONITOR
 * shows that master only), SSUBSCRIBE to the master of the channel's slot. RESP3 (HELLO 3) and CLIENT TRACKING
 * are refused, with the connection closed: their replies and pushes would come from several nodes, which one
 * raw relay connection cannot carry. See {@link ClusterTopology} for how the slot map is kept.
 */
public final class ClusterTarget implements RouteTarget {

    static final String SELECT_REFUSED = "ERR SELECT is not allowed in cluster mode";
    static final String CLUSTER_DISABLED = "ERR This instance has cluster support disabled";
    static final String SLOT_UNSERVED = "CLUSTERDOWN Hash slot not served";
    private static final CommandTable TABLE = CommandTable.standard();
    private static final CommandSpec WATCH = TABLE.lookup("WATCH");

    /** Where a command goes: a shared connection, or the client's pinned one (timed, untimed, or for WATCH). */
    private enum Mode { SHARED, PINNED, BLOCKING, WATCH }

    private final int id = IDS.getAndIncrement();
    private final UpstreamSettings settings;
    private final ClusterTopology topology;
    private final Set<UpstreamPool> pools = ConcurrentHashMap.newKeySet();
    private final FastThreadLocal<Map<InetSocketAddress, UpstreamPool>> loopPools = new FastThreadLocal<>();
    private final Counter failures;
    private final Counter moved;
    private final Counter asked;
    private final ClusterRelay relay;

    public ClusterTarget(UpstreamSettings settings, List<InetSocketAddress> seeds, EventLoopGroup group) {
        this.settings = settings;
        this.failures = Counter.builder("trustgate.redis.backend.errors").tag("backend", settings.backendName())
                .description("Commands answered with a backend unavailable or timeout error")
                .register(settings.registry());
        this.moved = redirects("moved");
        this.asked = redirects("ask");
        this.topology = new ClusterTopology(settings, seeds, group.next());
        this.relay = new ClusterRelay(this);
        topology.start();
    }

    private Counter redirects(String kind) {
        return Counter.builder("trustgate.redis.cluster.redirects").tag("backend", settings.backendName())
                .tag("kind", kind).description("MOVED and ASK redirects the gateway followed")
                .register(settings.registry());
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String backendName() {
        return settings.backendName();
    }

    ClusterTopology topology() {
        return topology;
    }

    UpstreamSettings settings() {
        return settings;
    }

    @Override
    public void execute(ClientSession client, RespRequest request, CommandSpec spec, ReplySlot slot) {
        ClusterLink link = link(client);
        if (client.db() != 0) {
            request.release();
            slot.fail(SELECT_REFUSED);
            return;
        }
        SlotMap map = topology.map();
        if (map == null || link.deferred != null) {
            defer(client, link, () -> execute(client, request, spec, slot), () -> {
                request.release();
                unavailable(slot);
            });
            return;
        }
        if (spec != null && special(client, link, map, request, spec, slot)) {
            return;
        }
        int keySlot = ClusterSplitter.slotOf(spec, request);
        if (keySlot == ClusterSplitter.CROSS) {
            ClusterSplitter.Kind kind = ClusterSplitter.kind(spec);
            if (kind == null) {
                request.release();
                slot.fail(ClusterSplitter.CROSSSLOT);
            } else if (!ClusterSplitter.wellFormed(request, kind)) {
                request.release();
                slot.fail(spec.arityError());
            } else {
                split(client, link, map, request, kind, slot);
            }
            return;
        }
        InetSocketAddress node = keySlot >= 0 ? map.owner(keySlot) : map.first();
        if (node == null) {
            request.release();
            slot.fail(SLOT_UNSERVED);
            return;
        }
        Mode mode = spec != null && spec.has("blocking") ? Mode.BLOCKING : sharedOrPinned(link, slot);
        ByteBuf frame = request.frame().retain();
        request.release();
        forward(client, link, node, frame, slot, mode);
    }

    /** Commands the cluster answers differently from one node; true when handled here. */
    private boolean special(ClientSession client, ClusterLink link, SlotMap map, RespRequest request,
                            CommandSpec spec, ReplySlot slot) {
        switch (spec.name()) {
            case "CLUSTER", "READONLY", "READWRITE", "ASKING" -> {
                request.release();
                slot.fail(CLUSTER_DISABLED);
            }
            case "KEYS" -> fanOut(client, link, map, request, ClusterMerge.Kind.CONCAT, slot);
            case "DBSIZE" -> fanOut(client, link, map, request, ClusterMerge.Kind.SUM, slot);
            case "FLUSHDB", "FLUSHALL" -> fanOut(client, link, map, request, ClusterMerge.Kind.FIRST, slot);
            case "SCRIPT", "FUNCTION" -> {
                boolean everywhere = request.argc() > 1 && (request.argIs(1, "LOAD") || request.argIs(1, "FLUSH")
                        || (spec.name().equals("FUNCTION") && (request.argIs(1, "DELETE")
                        || request.argIs(1, "RESTORE"))));
                if (!everywhere) {
                    return false;
                }
                fanOut(client, link, map, request, ClusterMerge.Kind.FIRST, slot);
            }
            case "SCAN" -> scan(client, link, map, request, spec, slot);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void split(ClientSession client, ClusterLink link, SlotMap map, RespRequest request,
                       ClusterSplitter.Kind kind, ReplySlot slot) {
        List<ClusterSplitter.Part> parts = ClusterSplitter.split(request, kind, client.channel().alloc());
        int keys = (request.argc() - 1) / kind.step;
        request.release();
        int[][] positions = new int[parts.size()][];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = parts.get(i).keys();
        }
        ClusterMerge merge = new ClusterMerge(kind.merge, parts.size(), positions, keys, slot,
                client.channel().alloc(), settings.backendName());
        Mode mode = sharedOrPinned(link, slot);
        for (int i = 0; i < parts.size(); i++) {
            ClusterSplitter.Part part = parts.get(i);
            InetSocketAddress node = map.owner(part.slot());
            if (node == null) {
                part.frame().release();
                merge.part(i).fail(SLOT_UNSERVED);
            } else {
                forward(client, link, node, part.frame(), merge.part(i), mode);
            }
        }
    }

    private void fanOut(ClientSession client, ClusterLink link, SlotMap map, RespRequest request,
                        ClusterMerge.Kind kind, ReplySlot slot) {
        int n = map.masterCount();
        ClusterMerge merge = new ClusterMerge(kind, n, null, 0, slot, client.channel().alloc(),
                settings.backendName());
        Mode mode = sharedOrPinned(link, slot);
        for (int i = 0; i < n; i++) {
            dispatch(client, link, map.master(i), request.frame().retainedDuplicate(), merge.part(i), mode);
        }
        request.release();
    }

    private void scan(ClientSession client, ClusterLink link, SlotMap map, RespRequest request, CommandSpec spec,
                      ReplySlot slot) {
        if (!spec.arityAccepts(request.argc())) {
            request.release();
            slot.fail(spec.arityError());
            return;
        }
        long cursor;
        try {
            cursor = ClusterScan.cursor(request);
        } catch (NumberFormatException e) {
            cursor = -1;
        }
        int node = ClusterScan.node(cursor);
        int nodes = Math.min(map.masterCount(), ClusterScan.MAX_NODES);
        if (cursor == -1 || node >= nodes) {
            request.release();
            slot.fail("ERR invalid cursor");
            return;
        }
        ByteBufAllocator alloc = client.channel().alloc();
        ByteBuf frame = ClusterScan.subRequest(request, ClusterScan.nodeCursor(cursor), alloc);
        request.release();
        dispatch(client, link, map.master(node), frame,
                ClusterScan.rewrite(node, nodes, slot, alloc, settings.backendName()), sharedOrPinned(link, slot));
    }

    @Override
    public void exec(ClientSession client, List<RespRequest> queued, ReplySlot slot) {
        ClusterLink link = link(client);
        // EXEC ends the WATCH; the session calls unwatch() right after this, which must then do nothing.
        boolean watched = link.watching;
        InetSocketAddress watchNode = link.watchNode;
        link.watching = false;
        link.watchNode = null;
        exec(client, link, queued, slot, watched, watchNode);
    }

    private void exec(ClientSession client, ClusterLink link, List<RespRequest> queued, ReplySlot slot,
                      boolean watched, InetSocketAddress watchNode) {
        if (client.db() != 0) {
            queued.forEach(RespRequest::release);
            slot.fail(SELECT_REFUSED);
            return;
        }
        SlotMap map = topology.map();
        if (map == null || link.deferred != null) {
            defer(client, link, () -> exec(client, link, queued, slot, watched, watchNode), () -> {
                queued.forEach(RespRequest::release);
                unavailable(slot);
            });
            return;
        }
        String refusal = null;
        int txSlot = ClusterSplitter.NO_KEYS;
        for (RespRequest r : queued) {
            CommandSpec spec = TABLE.lookup(r);
            if (spec != null && (spec.name().equals("CLUSTER") || spec.name().equals("READONLY")
                    || spec.name().equals("READWRITE") || spec.name().equals("ASKING"))) {
                refusal = "EXECABORT Transaction discarded because of previous errors: " + CLUSTER_DISABLED;
                break;
            }
            int s = ClusterSplitter.slotOf(spec, r);
            if (s == ClusterSplitter.CROSS || (s >= 0 && txSlot >= 0 && s != txSlot)) {
                refusal = ClusterSplitter.CROSSSLOT;
                break;
            }
            txSlot = s >= 0 ? s : txSlot;
        }
        InetSocketAddress node = txSlot >= 0 ? map.owner(txSlot) : watched ? watchNode : map.first();
        if (refusal == null && node == null) {
            refusal = SLOT_UNSERVED;
        } else if (refusal == null && watched && !node.equals(watchNode)) {
            refusal = "EXECABORT Transaction discarded because its keys are on another cluster node than the "
                    + "WATCHed keys";
        }
        if (refusal != null) {
            queued.forEach(RespRequest::release);
            slot.fail(refusal);
            return;
        }
        List<ByteBuf> frames = new ArrayList<>(queued.size());
        for (RespRequest r : queued) {
            frames.add(r.frame().retain());
            r.release();
        }
        boolean pinned = watched || link.usesPinned();
        ClusterTransaction tx = new ClusterTransaction(frames, node, watched, slot,
                n -> pinned ? pinned(client, link, n) : shared(client, n), topology, this::redirected, settings,
                client.channel().alloc());
        if (!pinned) {
            link.lastShared = slot;
            tx.send(false);
            return;
        }
        link.pinnedMode = true;
        link.afterShared(() -> {
            if (watched && link.watchLost) {
                link.watchLost = false;
                tx.fail(settings.unavailable());
                return;
            }
            tx.send(false);
        });
    }

    @Override
    public void watch(ClientSession client, RespRequest request, ReplySlot slot) {
        ClusterLink link = link(client);
        if (client.db() != 0) {
            request.release();
            slot.fail(SELECT_REFUSED);
            return;
        }
        SlotMap map = topology.map();
        if (map == null || link.deferred != null) {
            defer(client, link, () -> watch(client, request, slot), () -> {
                request.release();
                unavailable(slot);
            });
            return;
        }
        int keySlot = ClusterSplitter.slotOf(WATCH, request);
        InetSocketAddress node = keySlot >= 0 ? map.owner(keySlot) : map.first();
        String refusal = keySlot == ClusterSplitter.CROSS ? ClusterSplitter.CROSSSLOT
                : node == null ? SLOT_UNSERVED
                : link.watching && link.watchNode != null && !link.watchNode.equals(node)
                ? "ERR WATCH keys are on another cluster node than the keys already watched; a transaction can "
                + "only watch keys of one node" : null;
        if (refusal != null) {
            request.release();
            slot.fail(refusal);
            return;
        }
        link.watching = true;
        link.watchLost = false;
        link.watchNode = node;
        ByteBuf frame = request.frame().retain();
        request.release();
        forward(client, link, node, frame, slot, Mode.WATCH);
    }

    @Override
    public void unwatch(ClientSession client) {
        ClusterLink link = (ClusterLink) client.targetState(this);
        if (link == null || !link.watching) {
            return;
        }
        InetSocketAddress node = link.watchNode;
        link.watching = false;
        link.watchNode = null;
        link.watchLost = false;
        link.afterShared(() -> {
            UpstreamConnection pinned = node == null ? null : link.pinned.get(node);
            if (pinned != null && pinned.isUsable()) {
                pinned.send(command(client.channel().alloc(), "UNWATCH"), UpstreamConnection.DISCARD,
                        UpstreamConnection.WITH_TIMEOUT);
            }
        });
    }

    @Override
    public String relayUnsupportedReason() {
        return null;
    }

    @Override
    public void relay(ClientSession client, RespRequest request) {
        relay.relay(client, link(client), request);
    }

    @Override
    public void clientClosed(ClientSession client) {
        ClusterLink link = (ClusterLink) client.targetState(this);
        if (link != null) {
            link.close();
            client.targetState(this, null);
        }
    }

    @Override
    public boolean isReady() {
        return topology.isReady();
    }

    @Override
    public void close() {
        topology.close();
        for (UpstreamPool p : pools) {
            p.loop().execute(p::close);
        }
    }

    // ---- sending ---------------------------------------------------------------------------------------------

    private Mode sharedOrPinned(ClusterLink link, ReplySlot slot) {
        if (link.usesPinned()) {
            return Mode.PINNED;
        }
        link.lastShared = slot;
        return Mode.SHARED;
    }

    /** Sends a keyed command, following MOVED/ASK; a pinned one after the client's shared commands are in. */
    private void forward(ClientSession client, ClusterLink link, InetSocketAddress node, ByteBuf frame,
                         ReplySink sink, Mode mode) {
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
    private void dispatch(ClientSession client, ClusterLink link, InetSocketAddress node, ByteBuf frame,
                          ReplySink sink, Mode mode) {
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

    ClusterLink link(ClientSession client) {
        ClusterLink link = (ClusterLink) client.targetState(this);
        if (link == null) {
            link = new ClusterLink();
            client.targetState(this, link);
        }
        return link;
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
}
