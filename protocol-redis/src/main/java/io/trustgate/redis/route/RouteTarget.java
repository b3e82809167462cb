package io.trustgate.redis.route;

import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.session.ClientSession;
import io.trustgate.redis.session.ReplySlot;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend as the session layer sees it: something that answers commands for a client. Passthrough to Redis,
 * passthrough to a Redis Cluster and the keyspace engines each implement it.
 *
 * <p>Every method is called on the client's event loop. Methods that take a {@link RespRequest} take ownership
 * of it and release it when done. Each answers exactly once through the {@link ReplySlot} it is given (from any
 * thread is not allowed: hop back to {@code client.eventLoop()} first).
 *
 * <p>Per-client state (a pinned connection, a WATCH snapshot) is kept in the session under {@link #id()}.
 */
public interface RouteTarget {

    AtomicInteger IDS = new AtomicInteger();

    /** Small dense number, unique per target in this process, used to index per-client state. */
    int id();

    /** The configured backend name, used in errors and metrics. */
    String backendName();

    /** An ordinary command (not MULTI/EXEC/WATCH and not a relay-mode command). */
    void execute(ClientSession client, RespRequest request, CommandSpec spec, ReplySlot slot);

    /** EXEC of a transaction the session queued: run {@code queued} atomically, honouring this client's WATCH,
     *  and answer with the EXEC reply (an array, or a null array when a watched key changed). */
    void exec(ClientSession client, List<RespRequest> queued, ReplySlot slot);

    /**
     * The error this backend gives when {@code request} is queued inside MULTI (a command it refuses, say), or
     * null to queue it. Passthrough leaves queue-time checks to the real server.
     */
    default String queueError(RespRequest request) {
        return null;
    }

    /**
     * The error SELECT gets when this backend, as the default route of {@code db}, cannot serve that db (a
     * cluster serves db 0 only), or null when it can.
     */
    default String selectError(int db) {
        return null;
    }

    /** WATCH keys on behalf of {@code client}; answers +OK or an error. */
    void watch(ClientSession client, RespRequest request, ReplySlot slot);

    /** Forgets this client's WATCH (after EXEC, DISCARD, UNWATCH or RESET). Local only; answers nothing. */
    void unwatch(ClientSession client);

    /**
     * Null when this backend can hand the client a connection of its own for the connection-wide mode that
     * {@code request} starts (SUBSCRIBE, MONITOR, CLIENT TRACKING, HELLO 3); otherwise the reason it cannot,
     * which the session turns into a refusal naming the command and the backend ({@code -NOPROTO} for HELLO).
     * Must not keep or release {@code request}.
     */
    String relayUnsupportedReason(RespRequest request);

    /**
     * True when the gateway composes every reply of this backend itself, so a client that says {@code HELLO 3}
     * can be answered in RESP3 by the gateway's encoder (keyspace engines). False by default: passthrough
     * forwards the backend's own bytes, so it either relays HELLO 3 to a connection of the client's own (see
     * {@link #relayUnsupportedReason}) or refuses it with {@code -NOPROTO}.
     */
    default boolean speaksResp3() {
        return false;
    }

    /**
     * The hub that serves SUBSCRIBE and PUBLISH in the gateway itself (keyspace backends), or null when
     * subscribing hands the client a connection of its own ({@link #relay}).
     */
    default io.trustgate.redis.pubsub.PubSubHub pubSubHub() {
        return null;
    }

    /**
     * True when a client parked on a blocking command of this target must not run its later requests until that
     * command is answered (Redis processes nothing of a blocked client). The session then holds them. Keyspace
     * targets say true; passthrough says false, since the backend Redis holds the client itself.
     */
    default boolean holdsBlockedClient() {
        return false;
    }

    /**
     * True when this target runs every command on the caller's thread under one engine-wide lock (the embedded
     * engine): its clients gain nothing from being spread over several event loops, whose threads would only
     * queue on that lock. A listener whose every route says true serves all its clients on one event loop.
     */
    default boolean runsInlineUnderOneLock() {
        return false;
    }

    /** Sends {@code request} on the client's relay connection (created on first use). Every frame the backend
     *  sends on it from now on goes to the client as is, through {@link ClientSession#relayToClient(Object)}. */
    void relay(ClientSession client, RespRequest request);

    /** The client went away: release what it held. */
    void clientClosed(ClientSession client);

    /** True while the backend is reachable, for the admin /ready endpoint. */
    boolean isReady();

    /** Closes connections and pools. */
    void close();
}
