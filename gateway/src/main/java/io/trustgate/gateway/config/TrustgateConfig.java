package io.trustgate.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated, immutable configuration of one gateway process. Obtain it from {@link ConfigLoader};
 * the constructor is public for tests that need, say, an ephemeral port, and checks only that the parts are
 * present and that routes name known backends (the loader does the full validation).
 */
public final class TrustgateConfig {

    /** How long SIGTERM waits for in-flight commands when the YAML has no {@code shutdown.grace}. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** The most event-loop threads {@code eventLoop.threads} may ask for. */
    public static final int MAX_EVENT_LOOP_THREADS = 256;

    private final AdminConfig admin;
    private final Duration shutdownGrace;
    private final int eventLoopThreads;
    private final List<ListenerConfig> listeners;
    private final List<BackendConfig> backends;
    private final List<RouteConfig> routes;
    private final Path source;
    private final Map<String, BackendConfig> backendsByName = new LinkedHashMap<>();

    /**
     * @param source the YAML file this came from, or null for the built-in defaults
     */
    public TrustgateConfig(AdminConfig admin, Duration shutdownGrace, List<ListenerConfig> listeners,
                           List<BackendConfig> backends, List<RouteConfig> routes, Path source) {
        this(admin, shutdownGrace, 0, listeners, backends, routes, source);
    }

    /**
     * @param eventLoopThreads the event-loop threads asked for, or 0 for the default ({@link #eventLoopThreads()})
     * @param source           the YAML file this came from, or null for the built-in defaults
     */
    public TrustgateConfig(AdminConfig admin, Duration shutdownGrace, int eventLoopThreads,
                           List<ListenerConfig> listeners, List<BackendConfig> backends, List<RouteConfig> routes,
                           Path source) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.shutdownGrace = Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (eventLoopThreads < 0 || eventLoopThreads > MAX_EVENT_LOOP_THREADS) {
            throw new IllegalArgumentException("eventLoopThreads " + eventLoopThreads);
        }
        this.eventLoopThreads = eventLoopThreads;
        this.listeners = List.copyOf(listeners);
        this.backends = List.copyOf(backends);
        this.routes = List.copyOf(routes);
        this.source = source;
        for (BackendConfig b : this.backends) {
            backendsByName.put(b.name(), b);
        }
        for (RouteConfig r : this.routes) {
            for (String b : r.target().backends()) {
                if (!backendsByName.containsKey(b)) {
                    throw new IllegalArgumentException("route on listener '" + r.listener()
                            + "' names unknown backend '" + b + "'");
                }
            }
        }
    }

    public AdminConfig admin() {
        return admin;
    }

    /** How long a graceful shutdown waits for in-flight commands before closing connections. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /**
     * The event-loop threads shared by every listener, the admin port and every backend connection: as configured
     * ({@code eventLoop.threads}), else one per core and at least two.
     */
    public int eventLoopThreads() {
        return eventLoopThreads > 0 ? eventLoopThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    public List<ListenerConfig> listeners() {
        return listeners;
    }

    public List<BackendConfig> backends() {
        return backends;
    }

    /** All routes, in file order. */
    public List<RouteConfig> routes() {
        return routes;
    }

    /** The file this configuration was read from; empty for the built-in defaults. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** The routes of one listener, in file order; empty for an unknown listener. */
    public List<RouteConfig> routesFor(String listenerName) {
        return routes.stream().filter(r -> r.listener().equals(listenerName)).toList();
    }

    /**
     * The backend with this name.
     *
     * @throws IllegalArgumentException if there is none (never for a name taken from a route of this config)
     */
    public BackendConfig backend(String name) {
        BackendConfig b = backendsByName.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no backend named '" + name + "'; have " + backendsByName.keySet());
        }
        return b;
    }

    @Override
    public String toString() {
        return "TrustgateConfig[source=" + (source == null ? "defaults" : source) + ", admin=" + admin
                + ", shutdownGrace=" + shutdownGrace + ", eventLoopThreads=" + eventLoopThreads + ", listeners=" + listeners + ", backends=" + backends
                + ", routes=" + routes + "]";
    }
}
