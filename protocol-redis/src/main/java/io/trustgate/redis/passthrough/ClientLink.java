package io.trustgate.redis.passthrough;



/**
 * What one client holds on one passthrough backend: the reply slot of its last command on the shared
 * connection, its pinned connection (WATCH, blocking commands, a non-default db) with the db selected on it,
 * and its relay connection (SUBSCRIBE, MONITOR, RESP3, CLIENT TRACKING).
 *
 * <p>Order is kept across the move between connections: while its last shared command is still out, commands
 * meant for the pinned connection wait here; and a client moves back to the shared connection only once its
 * pinned connection owes nothing and holds no state (the pinned connection then returns to the pool).
 */
final class ClientLink extends SharedOrder {

    UpstreamConnection pinned;
    int pinnedDb;
    boolean watching;
    /** The pinned connection died while a WATCH was on it: the next EXEC cannot honour it. */
    boolean watchLost;
    UpstreamConnection relay;


    /** True when the pinned connection holds nothing this client still needs: no WATCH, db 0 on it and
     *  wanted, nothing in flight and nothing waiting to be sent. */
    boolean pinnedNoLongerNeeded(int clientDb) {
        return pinned != null && !watching && !watchLost && clientDb == 0 && pinnedDb == 0 && !isWaiting()
                && pinned.inflight() == 0 && pinned.isActive();
    }

    boolean usesPinned() {
        return pinned != null || isWaiting();
    }

    void close() {
        if (pinned != null) {
            pinned.close();
            pinned = null;
        }
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }
}
