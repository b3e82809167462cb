package io.trustgate.redis.pubsub;

import io.trustgate.redis.spi.PubSubTransport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The subscribers of one keyspace route target: channel to subscribers, pattern to subscribers. PUBLISH delivers
 * to this instance's subscribers and hands the message to the {@link PubSubTransport}, which carries it to other
 * instances; their messages come back through {@link #deliverLocally}.
 *
 * <p>Thread-safe: subscribe and publish are called from any event loop. Channel names are kept as ISO-8859-1
 * strings, a lossless view of their bytes.
 */
public final class PubSubHub implements AutoCloseable {

    private final Map<String, Set<Subscriber>> channels = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> patterns = new ConcurrentHashMap<>();
    private final Supplier<PubSubTransport> transports;
    private volatile PubSubTransport transport;

    /** A hub whose transport is asked for and started on first use, so building a route target starts nothing. */
    public PubSubHub(Supplier<PubSubTransport> transports) {
        this.transports = transports;
    }

    private PubSubTransport transport() {
        PubSubTransport t = transport;
        if (t == null) {
            synchronized (this) {
                t = transport;
                if (t == null) {
                    t = transports.get();
                    t.start(this::deliverLocally);
                    transport = t;
                }
            }
        }
        return t;
    }

    /**
     * Completes once messages of other instances reach this hub (starts the transport). A subscription is
     * confirmed only then, so a message another instance publishes after the confirmation is not missed.
     */
    public java.util.concurrent.CompletionStage<Void> listening() {
        return transport().listening();
    }

    /** Subscribes to a channel; false when {@code s} already was. */
    public boolean subscribe(Subscriber s, byte[] channel) {
        transport();
        return add(channels, key(channel), s);
    }

    public boolean unsubscribe(Subscriber s, byte[] channel) {
        return remove(channels, key(channel), s);
    }

    public boolean psubscribe(Subscriber s, byte[] pattern) {
        transport();
        return add(patterns, key(pattern), s);
    }

    public boolean punsubscribe(Subscriber s, byte[] pattern) {
        return remove(patterns, key(pattern), s);
    }

    /** PUBLISH: delivers here and to other instances; answers how many subscriptions of this instance got it. */
    public long publish(byte[] channel, byte[] message) {
        long n = deliverLocally(channel, message);
        transport().publish(channel, message);
        return n;
    }

    /** Delivers to this instance's subscribers only; the number of deliveries (as PUBLISH counts them). */
    public long deliverLocally(byte[] channel, byte[] message) {
        long n = 0;
        Set<Subscriber> direct = channels.get(key(channel));
        if (direct != null) {
            for (Subscriber s : direct) {
                s.deliver(null, channel, message);
                n++;
            }
        }
        if (!patterns.isEmpty()) {
            for (Map.Entry<String, Set<Subscriber>> e : patterns.entrySet()) {
                byte[] pattern = bytes(e.getKey());
                if (Glob.matches(pattern, channel)) {
                    for (Subscriber s : e.getValue()) {
                        s.deliver(pattern, channel, message);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** PUBSUB CHANNELS: active channels (with at least one subscriber), matching {@code pattern} when non-null. */
    public List<byte[]> channels(byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (Map.Entry<String, Set<Subscriber>> e : channels.entrySet()) {
            byte[] name = bytes(e.getKey());
            if (!e.getValue().isEmpty() && (pattern == null || Glob.matches(pattern, name))) {
                out.add(name);
            }
        }
        return out;
    }

    /** PUBSUB NUMSUB for one channel. */
    public long numsub(byte[] channel) {
        Set<Subscriber> set = channels.get(key(channel));
        return set == null ? 0 : set.size();
    }

    /** PUBSUB NUMPAT: the number of distinct patterns subscribed to. */
    public long numpat() {
        long n = 0;
        for (Set<Subscriber> set : patterns.values()) {
            n += set.isEmpty() ? 0 : 1;
        }
        return n;
    }

    @Override
    public void close() {
        PubSubTransport t = transport;
        if (t != null) {
            t.close();
        }
    }

    private static boolean add(Map<String, Set<Subscriber>> map, String key, Subscriber s) {
        boolean[] added = new boolean[1];
        map.compute(key, (k, set) -> {
            Set<Subscriber> live = set == null ? ConcurrentHashMap.newKeySet() : set;
            added[0] = live.add(s);
            return live;
        });
        return added[0];
    }

    private static boolean remove(Map<String, Set<Subscriber>> map, String key, Subscriber s) {
        boolean[] removed = new boolean[1];
        map.computeIfPresent(key, (k, set) -> {
            removed[0] = set.remove(s);
            return set.isEmpty() ? null : set;
        });
        return removed[0];
    }

    private static String key(byte[] name) {
        return new String(name, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.ISO_8859_1);
    }
}
