package io.trustgate.redis.session;

import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.redis.route.RouteTarget;

import java.util.ArrayList;
import java.util.List;

/**
 * MULTI/EXEC/DISCARD and WATCH for one client, the same way for every backend.
 *
 * <p>The gateway queues the transaction itself: MULTI and the +QUEUED replies are answered here, after checking
 * each command as Redis would at queue time (unknown command, wrong arity), and all queued commands must route
 * to one backend. EXEC hands the whole batch to that backend, which runs it atomically (passthrough sends
 * MULTI, the commands and EXEC on the client's pinned connection, where its WATCH lives; keyspace engines run
 * it as one atomic batch). A queue-time error makes EXEC answer EXECABORT, as Redis does.
 */
final class Transaction {

    private static final SimpleStringRedisMessage QUEUED = new SimpleStringRedisMessage("QUEUED");
    private static final SimpleStringRedisMessage OK = new SimpleStringRedisMessage("OK");

    private final ClientSession session;
    private boolean open;
    private boolean dirty;
    private final List<RespRequest> queued = new ArrayList<>();
    private RouteTarget target;
    /** The router index of the route that chose {@link #target}, for EXEC's latency metric; -1 when none. */
    private int routeIndex = -1;
    private RouteTarget watchTarget;
    private int watchRouteIndex = -1;

    Transaction(ClientSession session) {
        this.session = session;
    }

    boolean isOpen() {
        return open;
    }

    void multi() {
        if (open) {
            session.reply(new ErrorRedisMessage("ERR MULTI calls can not be nested"));
            return;
        }
        open = true;
        dirty = false;
        target = null;
        routeIndex = -1;
        session.reply(OK);
    }

    void queue(RespRequest request, CommandSpec spec) {
        if (spec == null) {
            refuse(request, ConnectionCommands.unknownCommand(request));
            return;
        }
        if (!spec.arityAccepts(request.argc())) {
            refuse(request, spec.arityError());
            return;
        }
        RouteTarget routed = null;
        int index = -1;
        if (!spec.hasKeys() && target != null) {
            routed = target;
        } else if (spec.hasKeys()) {
            try {
                index = session.router.select(session.db, request, spec);
                routed = session.router.route(index).target();
            } catch (RedisRouter.RouteException e) {
                refuse(request, e.getMessage());
                return;
            }
        }
        RouteTarget checker = routed != null ? routed : target != null ? target
                : session.router.defaultTarget(session.db);
        String queueError = checker == null ? null : checker.queueError(request);
        if (queueError != null) {
            refuse(request, queueError);
            return;
        }
        if (routed != null) {
            if (target == null) {
                target = routed;
                routeIndex = index;
            } else if (target != routed) {
                refuse(request, "ERR transaction spans backends '" + target.backendName() + "' and '"
                        + routed.backendName() + "'; a transaction must stay on one backend");
                return;
            }
        }
        queued.add(request);
        session.reply(QUEUED);
    }

    private void refuse(RespRequest request, String error) {
        request.release();
        dirty = true;
        session.reply(new ErrorRedisMessage(error));
    }

    void exec() {
        if (!open) {
            session.reply(new ErrorRedisMessage("ERR EXEC without MULTI"));
            return;
        }
        open = false;
        if (dirty) {
            releaseQueued();
            discardWatch();
            session.reply(new ErrorRedisMessage("EXECABORT Transaction discarded because of previous errors."));
            return;
        }
        RouteTarget runOn = target != null ? target : watchTarget != null ? watchTarget
                : session.router.defaultTarget(session.db);
        if (watchTarget != null && runOn != watchTarget) {
            releaseQueued();
            discardWatch();
            session.reply(new ErrorRedisMessage("EXECABORT WATCH was on backend '" + watchTarget.backendName()
                    + "' but the transaction runs on '" + runOn.backendName() + "'; both must be on one backend"));
            return;
        }
        if (runOn == null) {
            if (queued.isEmpty()) {
                session.reply(ArrayRedisMessage.EMPTY_INSTANCE);
            } else {
                releaseQueued();
                session.reply(new ErrorRedisMessage("ERR no default route on db " + session.db));
            }
            return;
        }
        List<RespRequest> batch = List.copyOf(queued);
        queued.clear();
        ReplySlot slot = session.replies.newSlot();
        int timedAs = routeIndex >= 0 ? routeIndex : watchTarget != null ? watchRouteIndex
                : session.router.defaultRoute(session.db);
        if (timedAs >= 0) {
            slot.timeWith(session.metrics.latency(timedAs, session.router.route(timedAs)));
        }
        runOn.exec(session, batch, slot);
        watchTarget = null;
        runOn.unwatch(session);
    }

    void discard() {
        if (!open) {
            session.reply(new ErrorRedisMessage("ERR DISCARD without MULTI"));
            return;
        }
        open = false;
        releaseQueued();
        discardWatch();
        session.reply(OK);
    }

    void watch(RespRequest request, CommandSpec spec) {
        if (open) {
            request.release();
            session.reply(new ErrorRedisMessage("ERR WATCH inside MULTI is not allowed"));
            return;
        }
        RouteTarget routed;
        int index;
        try {
            index = session.router.select(session.db, request, spec);
            routed = session.router.route(index).target();
        } catch (RedisRouter.RouteException e) {
            request.release();
            session.reply(new ErrorRedisMessage(e.getMessage()));
            return;
        }
        if (watchTarget != null && watchTarget != routed) {
            request.release();
            session.reply(new ErrorRedisMessage("ERR WATCH keys span backends '" + watchTarget.backendName()
                    + "' and '" + routed.backendName() + "'"));
            return;
        }
        watchTarget = routed;
        watchRouteIndex = index;
        ReplySlot slot = session.replies.newSlot();
        routed.watch(session, request, slot);
    }

    void unwatch() {
        discardWatch();
        session.reply(OK);
    }

    void discardWatch() {
        if (watchTarget != null) {
            watchTarget.unwatch(session);
            watchTarget = null;
        }
    }

    private void releaseQueued() {
        queued.forEach(RespRequest::release);
        queued.clear();
    }

    void close() {
        open = false;
        releaseQueued();
        discardWatch();
    }
}
