package io.trustgate.redis.route;

import io.trustgate.redis.command.keyspace.WatchSnapshot;
import io.trustgate.redis.session.ReplySlot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;

/**
 * What one client holds on one keyspace backend: its WATCH snapshot, and the order of its commands.
 *
 * <p>An engine may answer on its own threads (the SQL engines do), so two commands of one client could otherwise
 * run at the same time and a pipelined {@code SET k v} / {@code GET k} could read the old value. Commands of one
 * client therefore start one after another: the next starts once the previous one's reply slot is answered, or,
 * on an engine that {@linkplain io.trustgate.redis.spi.KeyspaceEngine#appliesInline() runs units inline} (the
 * in-memory one), as soon as the previous one returned, even when its reply waits for the engine's log. Commands
 * of different clients still run concurrently. Event-loop only.
 */
final class KeyspaceClient {

    private static final Logger LOG = LoggerFactory.getLogger(KeyspaceClient.class);

    WatchSnapshot watched;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private boolean busy;
    private boolean draining;

    /** Runs {@code start} (which answers {@code slot}) once every earlier command of this client is answered. */
    void inOrder(ReplySlot slot, Runnable start) {
        if (busy) {
            waiting.addLast(() -> begin(slot, start));
        } else {
            begin(slot, start);
        }
    }

    /** True when every earlier command of this client is answered: the caller may start the next one itself,
     *  between {@link #startedInline()} and {@link #returned}, instead of handing {@link #inOrder} a closure. */
    boolean idle() {
        return !busy && waiting.isEmpty();
    }

    /** A command started inline (after {@link #idle()} said so). */
    void startedInline() {
        busy = true;
    }

    /** The command started inline returned: the next one may start once {@code slot} is answered (now, if it is). */
    void returned(ReplySlot slot) {
        if (slot.isDone()) {
            next();
        } else {
            slot.whenDone(this::next);
        }
    }

    /** The command started inline returned and has run, whether or not its reply is ready: the next may start. */
    void returnedApplied() {
        next();
    }

    /** Answers {@code slot} with an internal error when its command threw before answering. */
    static void failed(ReplySlot slot, Throwable e) {
        // A command that throws before it answers must not leave this client waiting forever behind it.
        LOG.error("command failed before it answered", e);
        if (!slot.isDone()) {
            slot.fail("ERR internal error: " + e);
        }
    }

    /** Runs {@code action}, which answers nothing, once every earlier command of this client is answered. */
    void afterPrevious(Runnable action) {
        if (busy) {
            waiting.addLast(action);
        } else {
            action.run();
        }
    }

    private void begin(ReplySlot slot, Runnable start) {
        busy = true;
        slot.whenDone(this::next);
        try {
            start.run();
        } catch (RuntimeException | Error e) {
            failed(slot, e);
        }
    }

    private void next() {
        busy = false;
        if (draining) {
            return;
        }
        draining = true;
        try {
            Runnable r;
            while (!busy && (r = waiting.pollFirst()) != null) {
                r.run();
            }
        } finally {
            draining = false;
        }
    }

    int waiting() {
        return waiting.size();
    }
}
