package io.trustgate.redis.passthrough;

import io.trustgate.redis.session.ReplySlot;

import java.util.ArrayDeque;

/**
 * What one client holds on one passthrough backend: the reply slot of its last command on the shared
 * connection, its pinned connection (WATCH, blocking commands, a non-default db) with the db selected on it,
 * and its relay connection (SUBSCRIBE, MONITOR, RESP3, CLIENT TRACKING).
 *
 * <p>Order is kept across the move between connections: while its last shared command is still out, commands
 * meant for the pinned connection wait here; and a client moves back to the shared connection only once its
 * pinned connection owes nothing and holds no state (the pinned connection then returns to the pool).
 */
final class ClientLink {

    ReplySlot lastShared;
    UpstreamConnection pinned;
    int pinnedDb;
    boolean watching;
    /** The pinned connection died while a WATCH was on it: the next EXEC cannot honour it. */
    boolean watchLost;
    UpstreamConnection relay;
    private ArrayDeque<Runnable> waiting;

    /** Runs {@code action} once every shared command of this client has been answered. */
    void afterShared(Runnable action) {
        if (waiting != null) {
            waiting.addLast(action);
            return;
        }
        if (lastShared == null || lastShared.isDone()) {
            action.run();
            return;
        }
        waiting = new ArrayDeque<>();
        waiting.addLast(action);
        lastShared.whenDone(this::runWaiting);
    }

    private void runWaiting() {
        ArrayDeque<Runnable> actions = waiting;
        waiting = null;
        Runnable action;
        while ((action = actions.pollFirst()) != null) {
            action.run();
        }
    }

    /** True when the pinned connection holds nothing this client still needs: no WATCH, db 0 on it and
     *  wanted, nothing in flight and nothing waiting to be sent. */
    boolean pinnedNoLongerNeeded(int clientDb) {
        return pinned != null && !watching && !watchLost && clientDb == 0 && pinnedDb == 0 && waiting == null
                && pinned.inflight() == 0 && pinned.isActive();
    }

    boolean usesPinned() {
        return pinned != null || waiting != null;
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
