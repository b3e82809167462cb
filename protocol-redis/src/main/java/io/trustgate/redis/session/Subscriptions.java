package io.trustgate.redis.session;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.codec.RespVersion;
import io.trustgate.redis.codec.resp3.PushRedisMessage;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.pubsub.PubSubHub;
import io.trustgate.redis.pubsub.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local pub/sub mode of one client, on a backend whose {@link PubSubHub} the gateway runs: its channels and
 * patterns, the confirmations and messages in Redis's shapes (RESP2 arrays, RESP3 pushes), and the RESP2 rule that
 * a subscribed client may only (un)subscribe, PING, QUIT or RESET.
 *
 * <p>Commands run on the client's event loop; {@link #deliver} is called on publishers' threads and hops to it.
 * A subscriber that lets more than {@link #BACKLOG_LIMIT} bytes pile up is disconnected, as Redis's
 * {@code client-output-buffer-limit pubsub} hard limit does.
 */
final class Subscriptions implements Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
    /** Redis's default pubsub hard limit (32mb). */
    static final long BACKLOG_LIMIT = 32L * 1024 * 1024;
    private static final Set<String> ALLOWED_RESP2 = Set.of("SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE",
            "PUNSUBSCRIBE", "SUNSUBSCRIBE", "PING", "QUIT", "RESET");

    private final ClientSession session;
    private final PubSubHub hub;
    private final Set<String> channels = new LinkedHashSet<>();
    private final Set<String> patterns = new LinkedHashSet<>();
    /** Bytes handed to the event loop and not written yet. */
    private final AtomicLong inFlight = new AtomicLong();
    private volatile boolean dropped;

    Subscriptions(ClientSession session, PubSubHub hub) {
        this.session = session;
        this.hub = hub;
    }

    PubSubHub hub() {
        return hub;
    }

    boolean active() {
        return !channels.isEmpty() || !patterns.isEmpty();
    }

    /**
     * In RESP2 subscribed mode, answers what Redis allows no further (true when it did): PING as
     * {@code ["pong", arg]}, and an error for anything but (un)subscribing, QUIT and RESET.
     */
    boolean intercept(RespRequest request, CommandSpec spec) {
        if (session.protocol() != RespVersion.RESP2 || !active() || spec == null) {
            return false;
        }
        if (spec.name().equals("PING")) {
            byte[] arg = request.argc() > 1 ? request.argBytes(1) : new byte[0];
            request.release();
            session.reply(new ArrayRedisMessage(List.of(bulk("pong"), bulk(arg))));
            return true;
        }
        if (!ALLOWED_RESP2.contains(spec.name())) {
            request.release();
            session.reply(new ErrorRedisMessage("ERR Can't execute '" + spec.name().toLowerCase(Locale.ROOT)
                    + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"));
            return true;
        }
        return false;
    }

    /** SUBSCRIBE, PSUBSCRIBE, UNSUBSCRIBE, PUNSUBSCRIBE: one confirmation per name, as Redis sends them. */
    void execute(RespRequest request, CommandSpec spec) {
        try {
            switch (spec.name()) {
                case "SUBSCRIBE" -> {
                    for (int i = 1; i < request.argc(); i++) {
                        byte[] ch = request.argBytes(i);
                        if (channels.add(key(ch))) {
                            hub.subscribe(this, ch);
                        }
                        confirmListening("subscribe", ch);
                    }
                }
                case "PSUBSCRIBE" -> {
                    for (int i = 1; i < request.argc(); i++) {
                        byte[] p = request.argBytes(i);
                        if (patterns.add(key(p))) {
                            hub.psubscribe(this, p);
                        }
                        confirmListening("psubscribe", p);
                    }
                }
                case "UNSUBSCRIBE" -> unsubscribe(request, channels, "unsubscribe", false);
                case "PUNSUBSCRIBE" -> unsubscribe(request, patterns, "punsubscribe", true);
                default -> session.reply(new ErrorRedisMessage("ERR command '" + spec.name()
                        + "' is not supported by this backend (no sharded pub/sub)"));
            }
        } finally {
            request.release();
        }
    }

    private void unsubscribe(RespRequest request, Set<String> names, String kind, boolean pattern) {
        List<String> targets = new ArrayList<>();
        for (int i = 1; i < request.argc(); i++) {
            targets.add(key(request.argBytes(i)));
        }
        if (targets.isEmpty()) {
            if (names.isEmpty()) {
                confirm(kind, null);
                return;
            }
            targets.addAll(names);
        }
        for (String name : targets) {
            byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
            if (names.remove(name)) {
                if (pattern) {
                    hub.punsubscribe(this, bytes);
                } else {
                    hub.unsubscribe(this, bytes);
                }
            }
            confirm(kind, bytes);
        }
    }

    /** Leaves every subscription quietly (RESET, disconnect). */
    void clear() {
        for (String ch : channels) {
            hub.unsubscribe(this, ch.getBytes(StandardCharsets.ISO_8859_1));
        }
        for (String p : patterns) {
            hub.punsubscribe(this, p.getBytes(StandardCharsets.ISO_8859_1));
        }
        channels.clear();
        patterns.clear();
    }

    private void confirm(String kind, byte[] name) {
        session.reply(confirmation(kind, name));
    }

    private RedisMessage confirmation(String kind, byte[] name) {
        return shape(List.of(bulk(kind), name == null ? FullBulkStringRedisMessage.NULL_INSTANCE : bulk(name),
                new IntegerRedisMessage(channels.size() + patterns.size())));
    }

    /**
     * A (P)SUBSCRIBE confirmation, sent once the hub hears other gateway instances (at once for a single
     * instance, or when the transport already listens); if the listener cannot connect within
     * {@value #LISTEN_WAIT_SECONDS} s the confirmation goes out anyway and messages of other instances arrive once
     * it does.
     */
    private void confirmListening(String kind, byte[] name) {
        RedisMessage message = confirmation(kind, name);
        java.util.concurrent.CompletableFuture<Void> ready = hub.listening().toCompletableFuture();
        if (ready.isDone()) {
            session.reply(message);
            return;
        }
        ReplySlot slot = session.replies.newSlot();
        ready.copy().completeOnTimeout(null, LISTEN_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
                .whenComplete((v, e) -> session.eventLoop().execute(() -> slot.complete(message)));
    }

    private static final int LISTEN_WAIT_SECONDS = 5;

    @Override
    public void deliver(byte[] pattern, byte[] channel, byte[] message) {
        if (dropped) {
            return;
        }
        long size = 64L + channel.length + message.length + (pattern == null ? 0 : pattern.length);
        if (inFlight.addAndGet(size) > BACKLOG_LIMIT) {
            drop();
            return;
        }
        session.eventLoop().execute(() -> {
            inFlight.addAndGet(-size);
            if (dropped || !session.channel.isActive()) {
                return;
            }
            List<RedisMessage> parts = pattern == null
                    ? List.of(bulk("message"), bulk(channel), bulk(message))
                    : List.of(bulk("pmessage"), bulk(pattern), bulk(channel), bulk(message));
            session.reply(shape(parts));
            ChannelOutboundBuffer out = session.channel.unsafe().outboundBuffer();
            if (out != null && out.totalPendingWriteBytes() + inFlight.get() > BACKLOG_LIMIT) {
                drop();
            }
        });
    }

    private void drop() {
        if (dropped) {
            return;
        }
        dropped = true;
        LOG.warn("client {} closed for overcoming of output buffer limits (pub/sub backlog over {} bytes)",
                session.id(), BACKLOG_LIMIT);
        session.channel.close();
    }

    private RedisMessage shape(List<RedisMessage> parts) {
        return session.protocol() == RespVersion.RESP3 ? new PushRedisMessage(parts) : new ArrayRedisMessage(parts);
    }

    private static RedisMessage bulk(String s) {
        return bulk(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static RedisMessage bulk(byte[] b) {
        return new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(b));
    }

    private static String key(byte[] name) {
        return new String(name, StandardCharsets.ISO_8859_1);
    }
}
