package io.trustgate.redis.session;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.RedisListenerSettings;
import io.trustgate.redis.codec.RespProtocolError;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.codec.RespVersion;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.CommandTable;
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.redis.route.RouteTarget;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one client connection and the decision of what each of its requests means: answered here
 * (connection commands), queued (inside MULTI), relayed (the client is in a connection-wide mode), or routed
 * to a backend. Lives on the connection's event loop; not thread-safe.
 */
public final class ClientSession {

    private static final AtomicLong IDS = new AtomicLong();
    /** Beyond this many owed replies the session stops reading from the client until some are written. */
    private static final int MAX_PENDING = 8192;
    private static final int RESUME_PENDING = 1024;

    final Channel channel;
    final ReplyQueue replies;
    final SessionContext context;
    final RedisRouter router;
    final RedisListenerSettings settings;
    final RedisMetrics metrics;
    /** Owed replies as last seen on the event loop; read by the shutdown drain from another thread. */
    volatile int pendingEstimate;
    final CommandTable table = CommandTable.standard();
    final long id = IDS.incrementAndGet();
    final long createdMillis = System.currentTimeMillis();
    final Transaction transaction = new Transaction(this);
    private final ConnectionCommands connectionCommands = new ConnectionCommands(this);

    String name;
    String libName;
    String libVersion;
    int db;
    boolean authenticated;
    /** The version the gateway's own replies are encoded in; HELLO and RESET change it. */
    private RespVersion protocol = RespVersion.RESP2;
    private boolean closing;
    private boolean readPaused;
    private Object[] targetStates = new Object[4];

    /** Set when the client entered a connection-wide mode: every request goes to this target as is. */
    RouteTarget relayTarget;
    private ReplyQueue.StreamSlot relaySlot;
    /**
     * The reply of a blocking command the client is parked on, on a target that holds the client meanwhile: its
     * later requests wait in {@link #held} until that reply is answered, as Redis processes nothing of a
     * blocked client.
     */
    private ReplySlot blockedOn;
    private final java.util.ArrayDeque<Object> held = new java.util.ArrayDeque<>();
    /** Set when the client subscribed on a backend whose pub/sub the gateway runs (local pub/sub mode). */
    private Subscriptions subscriptions;
    CommandSpec lastCommand;

    public ClientSession(Channel channel, SessionContext context) {
        this.channel = channel;
        this.replies = new ReplyQueue(channel);
        this.context = context;
        this.router = context.router();
        this.settings = context.settings();
        this.metrics = context.metrics();
        this.authenticated = settings.password() == null;
        replies.onDrain(this::afterDrain);
    }

    // ---- what route targets may use ------------------------------------------------------------------------

    public Channel channel() {
        return channel;
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public long id() {
        return id;
    }

    /** The logical database the client selected. */
    public int db() {
        return db;
    }

    /** The RESP version this client negotiated with HELLO (RESP2 until then, and after RESET). */
    public RespVersion protocol() {
        return protocol;
    }

    /** Per-client state a target keeps (pinned connection, WATCH snapshot); null until set. */
    public Object targetState(RouteTarget target) {
        int i = target.id();
        return i < targetStates.length ? targetStates[i] : null;
    }

    public void targetState(RouteTarget target, Object state) {
        int i = target.id();
        if (i >= targetStates.length) {
            targetStates = java.util.Arrays.copyOf(targetStates, Math.max(i + 1, targetStates.length * 2));
        }
        targetStates[i] = state;
    }

    /** A frame from the client's relay connection, forwarded in order after every reply already owed. */
    public void relayToClient(Object message) {
        if (relaySlot == null) {
            ReferenceCountUtil.release(message);
            return;
        }
        relaySlot.stream(message);
    }

    /** The backend side of a relay connection ended; the client's connection ends with it, as it would with
     *  Redis itself. */
    public void relayClosed() {
        if (!closing) {
            closing = true;
            channel.flush();
            channel.close();
        }
    }

    // ---- the request path ----------------------------------------------------------------------------------

    /** Netty starts handing over what one read brought: replies are flushed once, at {@link #readComplete()}. */
    void readStarted() {
        replies.beginReadBatch();
    }

    void readComplete() {
        replies.endReadBatch();
    }

    void onMessage(Object message) {
        if (closing) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (blockedOn != null) {
            // Reading goes on (so a disconnect is still seen) until a pipeline of held requests grows large.
            held.addLast(message);
            if (held.size() > RESUME_PENDING) {
                channel.config().setAutoRead(false);
            }
            return;
        }
        if (message instanceof RespProtocolError error) {
            metrics.error("protocol");
            replies.reply(new ErrorRedisMessage(error.redisError()));
            quit();
            return;
        }
        RespRequest request = (RespRequest) message;
        try {
            dispatch(request);
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(request);
            throw e;
        }
        int pending = replies.pending();
        pendingEstimate = pending;
        if (pending > MAX_PENDING && !readPaused) {
            readPaused = true;
            channel.config().setAutoRead(false);
        }
    }

    private void dispatch(RespRequest request) {
        CommandSpec spec = table.lookup(request);
        metrics.command(spec);
        lastCommand = spec;
        if (relayTarget != null) {
            relay(request, spec);
            return;
        }
        if (subscriptions != null && subscriptions.intercept(request, spec)) {
            return;
        }
        if (!authenticated && !ConnectionCommands.allowedBeforeAuth(spec)) {
            metrics.error("auth");
            request.release();
            replies.reply(new ErrorRedisMessage("NOAUTH Authentication required."));
            return;
        }
        if (connectionCommands.handles(spec)) {
            connectionCommands.execute(spec, request);
            return;
        }
        if (transaction.isOpen()) {
            transaction.queue(request, spec);
            return;
        }
        if (spec != null && spec.subscribes()) {
            if (!subscribeLocally(request, spec)) {
                enterRelay(request, spec);
            }
            return;
        }
        if (spec != null && spec.name().equals("MONITOR")) {
            enterRelay(request, spec);
            return;
        }
        route(request, spec);
    }

    /** Routes an ordinary command to its backend. */
    void route(RespRequest request, CommandSpec spec) {
        int index;
        try {
            index = router.select(db, request, spec);
        } catch (RedisRouter.RouteException e) {
            metrics.error("route");
            request.release();
            replies.reply(new ErrorRedisMessage(e.getMessage()));
            return;
        }
        RedisRouter.Route route = router.route(index);
        ReplySlot slot = replies.newSlot();
        slot.timeWith(metrics.latency(index, route));
        route.target().execute(this, request, spec, slot);
        if (spec != null && spec.blocking() && !slot.isDone() && route.target().holdsBlockedClient()) {
            blockedOn = slot;
            slot.whenDone(() -> eventLoop().execute(this::unblocked));
        }
    }

    /** The blocking command was answered: runs the requests that came after it, in order, until one blocks. */
    private void unblocked() {
        blockedOn = null;
        Object next;
        while (blockedOn == null && !closing && (next = held.pollFirst()) != null) {
            onMessage(next);
        }
        if (blockedOn == null && !closing && !readPaused) {
            channel.config().setAutoRead(true);
        }
    }

    /** (P)SUBSCRIBE and (P)UNSUBSCRIBE on a backend whose pub/sub the gateway runs; false to relay instead. */
    private boolean subscribeLocally(RespRequest request, CommandSpec spec) {
        if (subscriptions == null) {
            RouteTarget target = router.defaultTarget(db);
            io.trustgate.redis.pubsub.PubSubHub hub = target == null ? null : target.pubSubHub();
            if (hub == null) {
                return false;
            }
            subscriptions = new Subscriptions(this, hub);
        }
        subscriptions.execute(request, spec);
        return true;
    }

    /** Hands the connection to a backend connection of its own (SUBSCRIBE, MONITOR, CLIENT TRACKING, HELLO 3). */
    void enterRelay(RespRequest request, CommandSpec spec) {
        RouteTarget target = router.defaultTarget(db);
        if (target == null) {
            request.release();
            replies.reply(new ErrorRedisMessage("ERR no default route on db " + db + " for '"
                    + commandName(request, spec).toLowerCase(java.util.Locale.ROOT) + "'"));
            return;
        }
        String reason = target.relayUnsupportedReason(request);
        if (reason != null && spec != null && spec.name().equals("HELLO")) {
            // Clients (Lettuce) fall back to RESP2 on NOPROTO, so RESP3 is refused in Redis' own words.
            request.release();
            replies.reply(new ErrorRedisMessage("NOPROTO unsupported protocol version"));
            return;
        }
        if (reason != null) {
            metrics.error("refused");
            String name = commandName(request, spec);
            if (name.equals("CLIENT") && request.argc() > 1) {
                name = "CLIENT " + request.argString(1).toUpperCase(java.util.Locale.ROOT);
            }
            replies.reply(new ErrorRedisMessage("ERR command '" + name
                    + "' is not supported by backend '" + target.backendName() + "' (" + reason + ")"));
            request.release();
            return;
        }
        transaction.discardWatch();
        relayTarget = target;
        relaySlot = replies.newStreamSlot();
        target.relay(this, request);
    }

    private void relay(RespRequest request, CommandSpec spec) {
        relayTarget.relay(this, request);
    }

    static String commandName(RespRequest request, CommandSpec spec) {
        return spec != null ? spec.name() : request.name();
    }

    /** Switches the encoding of every reply written after those already owed (HELLO, RESET), as Redis does. */
    void switchProtocol(RespVersion version) {
        if (version != protocol) {
            protocol = version;
            replies.reply(version);
        }
    }

    /** Answers a command right here. */
    void reply(RedisMessage message) {
        replies.reply(message);
    }

    /** Stops reading; closes once every owed reply has been written. */
    void quit() {
        closing = true;
        channel.config().setAutoRead(false);
        replies.closeWhenDrained();
    }

    private void afterDrain() {
        pendingEstimate = replies.pending();
        maybeResumeReading();
    }

    private void maybeResumeReading() {
        if (readPaused && replies.pending() < RESUME_PENDING && channel.isWritable()) {
            readPaused = false;
            channel.config().setAutoRead(true);
        }
    }

    void writabilityChanged() {
        if (!channel.isWritable()) {
            if (!readPaused) {
                readPaused = true;
                channel.config().setAutoRead(false);
            }
        } else {
            maybeResumeReading();
        }
    }

    void closed() {
        closing = true;
        held.forEach(ReferenceCountUtil::release);
        held.clear();
        if (subscriptions != null) {
            subscriptions.clear();
        }
        transaction.close();
        replies.close();
        for (RouteTarget target : router.routes().stream().map(RedisRouter.Route::target).distinct().toList()) {
            target.clientClosed(this);
        }
    }

    /** RESET: back to a fresh connection's state. */
    void reset() {
        transaction.close();
        if (subscriptions != null) {
            subscriptions.clear();
        }
        db = 0;
        name = null;
        authenticated = settings.password() == null;
        switchProtocol(RespVersion.RESP2);
    }
}
