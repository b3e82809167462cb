package io.trustgate.redis.passthrough;

import io.trustgate.redis.session.ReplySlot;

import java.util.ArrayDeque;

/**
 * Keeps one client's commands in order when they move from its shared connection to a connection of its own:
 * remembers the client's last command on the shared connection, and holds back work meant for another
 * connection until that command has been answered (all earlier shared ones were, since the shared connection
 * answers in order). Event-loop only.
 */
abstract class SharedOrder {

    /** The reply slot of the client's last command sent on its shared connection. */
    ReplySlot lastShared;
    private ArrayDeque<Runnable> waiting;

    /** Runs {@code action} once every shared command of this client has been answered, after any action
     *  already waiting. */
    final void afterShared(Runnable action) {
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

    /** True while some work waits for shared commands to be answered. */
    final boolean isWaiting() {
        return waiting != null;
    }

    private void runWaiting() {
        ArrayDeque<Runnable> actions = waiting;
        waiting = null;
        Runnable action;
        while ((action = actions.pollFirst()) != null) {
            action.run();
        }
    }
}
