package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.session.ClientSession;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Relay mode on a cluster: the client's requests go as they are to relay connections of its own, and every frame
 * those send back goes to the client as it comes. Classic pub/sub (SUBSCRIBE, PSUBSCRIBE and their UNSUBSCRIBEs,
 * PING) and MONITOR go to one master, the client's "primary" (master number 0 when the client entered relay
 * mode): PUBLISH reaches every node of a cluster, so one node's subscription sees everything; MONITOR shows that
 * master's traffic only. Sharded pub/sub goes to the master of the channel's slot (SSUBSCRIBE, SUNSUBSCRIBE with
 * channels; a bare SUNSUBSCRIBE to every master that got an SSUBSCRIBE), each on its own relay connection.
 *
 * <p>Refused, with the client's connection closed since it is already in relay mode: RESP3 ({@code HELLO 3}) and
 * {@code CLIENT TRACKING}. A client in those modes goes on sending ordinary commands, whose replies (and RESP3
 * pushes) would have to come in order from several nodes over one raw stream, and commands for another node's
 * slots would get MOVED. RESP2 clients (and RESP3 clients that fall back on NOPROTO) are unaffected.
 */
final class ClusterRelay {

    private final ClusterTarget target;
    private final ClusterConnections connections;

    ClusterRelay(ClusterTarget target, ClusterConnections connections) {
        this.target = target;
        this.connections = connections;
    }

    void relay(ClientSession client, ClusterLink link, RespRequest request) {
        if (client.db() != 0) {
            request.release();
            refuse(client, ClusterTarget.SELECT_REFUSED);
            return;
        }
        SlotMap map = target.topology().map();
        if (map == null || link.deferred != null) {
            connections.defer(client, link, () -> relay(client, link, request), () -> {
                request.release();
                refuse(client, target.settings().unavailable());
            });
            return;
        }
        if (link.relays.isEmpty() && link.relayPrimary == null) {
            String reason = refusal(request);
            if (reason != null) {
                request.release();
                refuse(client, reason);
                return;
            }
        }
        List<InetSocketAddress> nodes = nodes(link, map, request);
        ByteBuf frame = request.frame();
        for (InetSocketAddress node : nodes) {
            UpstreamConnection c = connection(client, link, node);
            if (c == null) {
                request.release();
                refuse(client, target.settings().unavailable());
                return;
            }
            c.send(frame.retainedDuplicate(), null, UpstreamConnection.NO_TIMEOUT);
        }
        request.release();
    }

    /** Why the request that starts relay mode cannot be relayed to a cluster, or null when it can. */
    private String refusal(RespRequest request) {
        String backend = target.backendName();
        if (request.argIs(0, "HELLO")) {
            return "NOPROTO RESP3 is not supported by cluster backend '" + backend + "' (replies would come from "
                    + "several nodes over one connection); use RESP2";
        }
        if (request.argIs(0, "CLIENT")) {
            return "ERR command 'CLIENT TRACKING' is not supported by cluster backend '" + backend
                    + "' (invalidations would come from several nodes over one connection)";
        }
        return null;
    }

    private static List<InetSocketAddress> nodes(ClusterLink link, SlotMap map, RespRequest request) {
        boolean subscribe = request.argIs(0, "SSUBSCRIBE");
        if (subscribe || request.argIs(0, "SUNSUBSCRIBE")) {
            if (request.argc() > 1) {
                InetSocketAddress node = map.owner(SlotHash.slot(request, 1));
                if (node == null) {
                    node = map.first();
                }
                if (subscribe && !link.shardRelays.contains(node)) {
                    link.shardRelays.add(node);
                }
                return List.of(node);
            }
            if (!link.shardRelays.isEmpty()) {
                return List.copyOf(link.shardRelays);
            }
        }
        if (link.relayPrimary == null) {
            link.relayPrimary = map.first();
        }
        return List.of(link.relayPrimary);
    }

    private UpstreamConnection connection(ClientSession client, ClusterLink link, InetSocketAddress node) {
        UpstreamConnection c = link.relays.get(node);
        if (c == null || !c.isUsable()) {
            c = connections.pool(client, node).dedicated(closed -> { });
            if (c == null) {
                return null;
            }
            c.relayTo(client);
            link.relays.put(node, c);
        }
        return c;
    }

    private static void refuse(ClientSession client, String error) {
        client.relayToClient(new ErrorRedisMessage(error));
        client.relayClosed();
    }
}
