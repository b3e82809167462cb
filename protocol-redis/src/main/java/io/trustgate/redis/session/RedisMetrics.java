package io.trustgate.redis.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.CommandTable;
import io.trustgate.redis.route.RedisRouter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one Redis listener: connections, commands by name, latency per route target (backend), and
 * errors. Meters are created once and cached, so the hot path only increments.
 *
 * <p>Names: {@code trustgate_redis_connections}, {@code trustgate_redis_connections_accepted_total},
 * {@code trustgate_redis_commands_total{command}}, {@code trustgate_redis_command_duration_seconds{route,backend}}
 * (a histogram), {@code trustgate_redis_errors_total{kind}}; all tagged with {@code listener}.
 */
public final class RedisMetrics {

    private final MeterRegistry registry;
    private final String listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter accepted;
    private final AtomicReferenceArray<Counter> commands;
    private final Counter unknownCommands;
    private final ConcurrentHashMap<String, Timer> latency = new ConcurrentHashMap<>();
    /** The same timers indexed by route index, so the per-command lookup is an array read. */
    private volatile Timer[] latencyByRoute = new Timer[8];
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();

    public RedisMetrics(MeterRegistry registry, String listener) {
        this.registry = registry;
        this.listener = listener;
        Gauge.builder("trustgate.redis.connections", connections, AtomicInteger::get)
                .description("Open client connections").tag("listener", listener).register(registry);
        accepted = Counter.builder("trustgate.redis.connections.accepted").tag("listener", listener)
                .description("Client connections accepted").register(registry);
        commands = new AtomicReferenceArray<>(CommandTable.standard().all().size());
        unknownCommands = commandCounter("unknown");
    }

    public MeterRegistry registry() {
        return registry;
    }

    void connectionOpened() {
        connections.incrementAndGet();
        accepted.increment();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    public int openConnections() {
        return connections.get();
    }

    void command(CommandSpec spec) {
        if (spec == null) {
            unknownCommands.increment();
            return;
        }
        Counter c = commands.get(spec.index());
        if (c == null) {
            c = commandCounter(spec.name().toLowerCase(java.util.Locale.ROOT));
            commands.set(spec.index(), c);
        }
        c.increment();
    }

    private Counter commandCounter(String name) {
        return Counter.builder("trustgate.redis.commands").tag("listener", listener).tag("command", name)
                .description("Commands received").register(registry);
    }

    /** The latency timer of commands that took route {@code index} of this listener's router. */
    Timer latency(int index, RedisRouter.Route route) {
        Timer[] byRoute = latencyByRoute;
        if (index < byRoute.length && byRoute[index] != null) {
            return byRoute[index];
        }
        Timer timer = latency.computeIfAbsent(route.label() + "\u0000" + route.target().backendName(),
                key -> Timer.builder("trustgate.redis.command.duration")
                        .description("Time from a command's arrival to its reply")
                        .tag("listener", listener).tag("route", route.label())
                        .tag("backend", route.target().backendName())
                        .publishPercentileHistogram()
                        .register(registry));
        synchronized (this) {
            Timer[] grown = java.util.Arrays.copyOf(latencyByRoute, Math.max(latencyByRoute.length, index + 1));
            grown[index] = timer;
            latencyByRoute = grown;
        }
        return timer;
    }

    /** Counts an error answered to a client, by kind (protocol, auth, route, refused, backend). */
    void error(String kind) {
        errors.computeIfAbsent(kind, k -> Counter.builder("trustgate.redis.errors").tag("listener", listener)
                .tag("kind", k).description("Errors answered to clients, by kind").register(registry)).increment();
    }
}
