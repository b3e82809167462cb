package io.trustgate.redis.passthrough;

import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one client holds on a cluster backend: the reply slot of its last command on the shared connections,
 * its pinned connections (one per node: WATCH, blocking commands), its WATCH, its relay connections (pub/sub,
 * MONITOR), and the commands that arrived before the slot map was known.
 *
 * <p>As with {@link ClientLink}, a client moves from shared to pinned connections at most once and never back,
 * so its commands to one node keep their order: while its last shared command is still out, commands meant
 * for a pinned connection wait here. Lives on the client's event loop.
 */
final class ClusterLink extends SharedOrder {

    /** A command parked until the slot map is known: {@code go} runs it, {@code abort} answers it unavailable. */
    record Deferred(Runnable go, Runnable abort) {
    }

    /** Set once the client used a pinned connection; from then on all its commands go pinned. */
    boolean pinnedMode;
    final Map<InetSocketAddress, UpstreamConnection> pinned = new HashMap<>(4);
    boolean watching;
    /** The node whose pinned connection holds the WATCH. */
    InetSocketAddress watchNode;
    /** That pinned connection died while the WATCH was on it: the next EXEC cannot honour it. */
    boolean watchLost;
    final Map<InetSocketAddress, UpstreamConnection> relays = new HashMap<>(4);
    /** Where the client's classic pub/sub and MONITOR go, fixed when it first needs one. */
    InetSocketAddress relayPrimary;
    /** Relay nodes that got an SSUBSCRIBE (where a bare SUNSUBSCRIBE must go). */
    final List<InetSocketAddress> shardRelays = new ArrayList<>(2);
    ArrayDeque<Deferred> deferred;
    ScheduledFuture<?> deferTimer;


    boolean usesPinned() {
        return pinnedMode || isWaiting();
    }

    /** Takes the parked commands (null when none), cancelling their timer. */
    ArrayDeque<Deferred> takeDeferred() {
        ArrayDeque<Deferred> taken = deferred;
        deferred = null;
        if (deferTimer != null) {
            deferTimer.cancel(false);
            deferTimer = null;
        }
        return taken;
    }

    void close() {
        ArrayDeque<Deferred> parked = takeDeferred();
        if (parked != null) {
            parked.forEach(d -> d.abort().run());
        }
        List<UpstreamConnection> open = new ArrayList<>(pinned.values());
        open.addAll(relays.values());
        pinned.clear();
        relays.clear();
        open.forEach(UpstreamConnection::close);
    }
}
