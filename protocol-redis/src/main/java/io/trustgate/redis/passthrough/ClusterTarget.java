package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.CommandTable;
import io.trustgate.redis.passthrough.ClusterConnections.Mode;
import io.trustgate.redis.route.BackendProfile;
import io.trustgate.redis.route.RouteTarget;
import io.trustgate.redis.session.ClientSession;
import io.trustgate.redis.session.ReplySlot;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Passthrough to a Redis Cluster that clients see as one plain Redis server. Each command goes to the master
 * serving its keys' slot, as the client's own bytes; MOVED and ASK are followed inside the gateway
 * ({@link ClusterRedirect}). MGET, MSET, DEL, UNLINK, EXISTS and TOUCH whose keys span slots are split per slot
 * and merged ({@link ClusterSplitter}, {@link ClusterMerge}); any other command spanning slots gets Redis'
 * CROSSSLOT error. Commands without keys go to master number 0, except KEYS, DBSIZE, RANDOMKEY, FLUSHDB,
 * FLUSHALL, SCRIPT LOAD/FLUSH and FUNCTION LOAD/DELETE/FLUSH/RESTORE, which go to every master and are merged
 * (and are refused inside MULTI, which runs on one node), and SCAN, which walks the masters one after the other
 * behind one cursor ({@link ClusterScan}). CLUSTER, READONLY, READWRITE
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

    private final int id = IDS.getAndIncrement();
    private final UpstreamSettings settings;
    private final ClusterTopology topology;
    private final ClusterConnections connections;
    private final ClusterRelay relay;

    public ClusterTarget(UpstreamSettings settings, List<InetSocketAddress> seeds, EventLoopGroup group) {
        this.settings = settings;
        this.topology = new ClusterTopology(settings, seeds, group.next());
        this.connections = new ClusterConnections(settings, topology);
        this.relay = new ClusterRelay(this, connections);
        topology.start();
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
            connections.defer(client, link, () -> execute(client, request, spec, slot), () -> {
                request.release();
                connections.unavailable(slot);
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
        Mode mode = spec != null && spec.has("blocking") ? Mode.BLOCKING
                : connections.sharedOrPinned(link, slot);
        ByteBuf frame = request.frame().retain();
        request.release();
        connections.forward(client, link, node, frame, slot, mode);
    }

    /** Commands the cluster answers differently from one node; true when handled here. */
    private boolean special(ClientSession client, ClusterLink link, SlotMap map, RespRequest request,
                            CommandSpec spec, ReplySlot slot) {
        if (clusterOnly(spec)) {
            request.release();
            slot.fail(CLUSTER_DISABLED);
            return true;
        }
        if (spec.name().equals("SCAN")) {
            scan(client, link, map, request, spec, slot);
            return true;
        }
        ClusterMerge.Kind merge = everyMaster(spec, request);
        if (merge == null) {
            return false;
        }
        fanOut(client, link, map, request, merge, slot);
        return true;
    }

    /** Commands a server without cluster support refuses. */
    static boolean clusterOnly(CommandSpec spec) {
        return switch (spec.name()) {
            case "CLUSTER", "READONLY", "READWRITE", "ASKING" -> true;
            default -> false;
        };
    }

    /** How the replies merge when {@code request} must go to every master (it acts on the whole keyspace or
     *  on every node's scripts), or null when one node answers it. */
    static ClusterMerge.Kind everyMaster(CommandSpec spec, RespRequest request) {
        boolean sub = request.argc() > 1;
        return switch (spec.name()) {
            case "KEYS" -> ClusterMerge.Kind.CONCAT;
            case "DBSIZE" -> ClusterMerge.Kind.SUM;
            case "RANDOMKEY" -> ClusterMerge.Kind.ANY;
            case "FLUSHDB", "FLUSHALL" -> ClusterMerge.Kind.FIRST;
            case "SCRIPT" -> sub && (request.argIs(1, "LOAD") || request.argIs(1, "FLUSH"))
                    ? ClusterMerge.Kind.FIRST : null;
            case "FUNCTION" -> sub && (request.argIs(1, "LOAD") || request.argIs(1, "FLUSH")
                    || request.argIs(1, "DELETE") || request.argIs(1, "RESTORE")) ? ClusterMerge.Kind.FIRST : null;
            default -> null;
        };
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
        Mode mode = connections.sharedOrPinned(link, slot);
        for (int i = 0; i < parts.size(); i++) {
            ClusterSplitter.Part part = parts.get(i);
            InetSocketAddress node = map.owner(part.slot());
            if (node == null) {
                part.frame().release();
                merge.part(i).fail(SLOT_UNSERVED);
            } else {
                connections.forward(client, link, node, part.frame(), merge.part(i), mode);
            }
        }
    }

    private void fanOut(ClientSession client, ClusterLink link, SlotMap map, RespRequest request,
                        ClusterMerge.Kind kind, ReplySlot slot) {
        int n = map.masterCount();
        ClusterMerge merge = new ClusterMerge(kind, n, null, 0, slot, client.channel().alloc(),
                settings.backendName());
        Mode mode = connections.sharedOrPinned(link, slot);
        for (int i = 0; i < n; i++) {
            connections.dispatch(client, link, map.master(i), request.frame().retainedDuplicate(), merge.part(i),
                    mode);
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
        connections.dispatch(client, link, map.master(node), frame,
                ClusterScan.rewrite(node, nodes, slot, alloc, settings.backendName()),
                connections.sharedOrPinned(link, slot));
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
            connections.defer(client, link, () -> exec(client, link, queued, slot, watched, watchNode), () -> {
                queued.forEach(RespRequest::release);
                connections.unavailable(slot);
            });
            return;
        }
        ClusterTransaction.Plan plan = ClusterTransaction.plan(queued);
        String refusal = plan.refusal();
        InetSocketAddress node = plan.slot() >= 0 ? map.owner(plan.slot()) : watched ? watchNode : map.first();
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
                n -> pinned ? connections.pinned(client, link, n) : connections.shared(client, n), topology,
                connections::redirected, settings, client.channel().alloc());
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
            connections.defer(client, link, () -> watch(client, request, slot), () -> {
                request.release();
                connections.unavailable(slot);
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
        connections.forward(client, link, node, frame, slot, Mode.WATCH);
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
                pinned.send(ClusterConnections.command(client.channel().alloc(), "UNWATCH"),
                        UpstreamConnection.DISCARD, UpstreamConnection.WITH_TIMEOUT);
            }
        });
    }

    @Override
    public String selectError(int db) {
        return selectRefusal(db);
    }

    static String selectRefusal(int db) {
        return db == 0 ? null : SELECT_REFUSED;
    }

    @Override
    public String relayUnsupportedReason(RespRequest request) {
        return relayRefusal(request);
    }

    static String relayRefusal(RespRequest request) {
        if (request.argIs(0, "HELLO")) {
            return "RESP3 replies would come from several nodes over one connection; use RESP2";
        }
        if (request.argIs(0, "CLIENT")) {
            return "invalidations would come from several nodes over one connection";
        }
        return null;
    }

    /** What a cluster backend does with each command, for capability reports; computed from the predicates
     *  this class routes with. */
    public static BackendProfile.Declaration declaration() {
        return PassthroughProfiles.CLUSTER;
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
        connections.close();
    }

    ClusterLink link(ClientSession client) {
        ClusterLink link = (ClusterLink) client.targetState(this);
        if (link == null) {
            link = new ClusterLink();
            client.targetState(this, link);
        }
        return link;
    }
}
