package io.trustgate.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a bound {@link ConfigDocument.Root} into a frozen {@link TrustgateConfig}: fills defaults, parses sizes,
 * durations and addresses, and checks every rule that spans fields (unique names, references, protocol fit,
 * route coverage, port clashes). It collects every problem before throwing, so one run shows them all.
 * Single use: one instance per validation.
 */
final class ConfigValidator {

    static final int MAX_DB = 15;
    static final int MAX_CONNECTIONS = 256;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final String NAME_EXPECTED = "expected letters, digits, '-' or '_' (e.g. redis-main)";

    private final Origins origins;
    private final List<String> problems = new ArrayList<>();
    private final BackendValidator backends;
    /** listener name → its path (first occurrence), for problems found after binding. */
    private final Map<String, String> listenerPathByName = new HashMap<>();

    private final S3OptionsValidator s3;

    private ConfigValidator(Origins origins, Map<String, String> env) {
        this.origins = origins;
        this.backends = new BackendValidator(this);
        this.s3 = new S3OptionsValidator(this, env);
    }

    static TrustgateConfig validate(ConfigDocument.Root root, Origins origins, Path source) {
        return validate(root, origins, source, Map.of());
    }

    /** @param env the process environment, for the {@code TRUSTGATE_S3_*} default credentials */
    static TrustgateConfig validate(ConfigDocument.Root root, Origins origins, Path source, Map<String, String> env) {
        return new ConfigValidator(origins, env).run(root, source);
    }

    private TrustgateConfig run(ConfigDocument.Root root, Path source) {
        AdminConfig admin = admin(root.admin());
        Duration grace = TrustgateConfig.DEFAULT_SHUTDOWN_GRACE;
        if (root.shutdown() != null && root.shutdown().grace() != null) {
            grace = duration(root.shutdown().grace(), "shutdown.grace", grace);
        }
        int eventLoopThreads = eventLoopThreads(root.eventLoop());
        List<ListenerConfig> listeners = listeners(root.listeners());
        List<BackendConfig> backendList = backends.all(root.backends());
        List<RouteConfig> routes = routes(root.routes(), listeners, root.backends());
        checkCoverage(listeners, routes);
        checkPorts(admin, listeners);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TrustgateConfig(admin, grace, eventLoopThreads, listeners, backendList, routes, source);
    }

    /** {@code eventLoop.threads}: 0 (the default) when absent. */
    private int eventLoopThreads(ConfigDocument.EventLoop eventLoop) {
        if (eventLoop == null || eventLoop.threads() == null) {
            return 0;
        }
        int threads = eventLoop.threads();
        if (threads < 1 || threads > TrustgateConfig.MAX_EVENT_LOOP_THREADS) {
            problem("eventLoop.threads", "must be between 1 and " + TrustgateConfig.MAX_EVENT_LOOP_THREADS
                    + ", got " + threads);
            return 0;
        }
        return threads;
    }

    // ---- shared helpers (BackendValidator uses them too) -------------------------------------------------

    void problem(String path, String message) {
        problems.add(origins.problem(path, message));
    }

    boolean validName(String name, String path) {
        if (name == null) {
            problem(path, "missing; " + NAME_EXPECTED);
            return false;
        }
        if (!NAME.matcher(name).matches()) {
            problem(path, "invalid name '" + name + "'; " + NAME_EXPECTED);
            return false;
        }
        return true;
    }

    Duration duration(String text, String path, Duration fallback) {
        try {
            return Units.parseDuration(text);
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return fallback;
        }
    }

    int port(Integer port, String path) {
        if (port == null) {
            problem(path, "missing; expected a port 1-65535");
            return 0;
        }
        if (port < 1 || port > 65535) {
            problem(path, "out of range: " + port + "; expected a port 1-65535");
            return 0;
        }
        return port;
    }

    String host(String host, String path, String fallback) {
        if (host == null) {
            return fallback;
        }
        if (host.isBlank()) {
            problem(path, "empty; expected a host name or IP address, e.g. " + fallback);
        }
        return host.trim();
    }

    /** Flags repeated names; {@code names} holds index → name (null for unnamed items). */
    void checkUnique(String list, List<String> names) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null) {
                continue;
            }
            Integer previous = first.putIfAbsent(name, i);
            if (previous != null) {
                problem(FieldPath.field(FieldPath.item(list, i), "name"), "duplicate name '" + name
                        + "'; expected names unique among " + list + " (first used by " + list + "[" + previous
                        + "] at " + origins.at(FieldPath.item(list, previous)) + ")");
            }
        }
    }

    /** Null-safe view of an optional list, reporting a missing or empty required list. */
    <T> List<T> required(List<T> list, String path, String expected) {
        if (list == null) {
            problem(path, "missing; expected " + expected);
            return List.of();
        }
        if (list.isEmpty()) {
            problem(path, "empty; expected " + expected);
        }
        return list;
    }

    // ---- sections -----------------------------------------------------------------------------------------

    private AdminConfig admin(ConfigDocument.Admin raw) {
        if (raw == null) {
            return new AdminConfig(AdminConfig.DEFAULT_HOST, AdminConfig.DEFAULT_PORT);
        }
        String host = host(raw.host(), "admin.host", AdminConfig.DEFAULT_HOST);
        int port = raw.port() == null ? AdminConfig.DEFAULT_PORT : port(raw.port(), "admin.port");
        return new AdminConfig(host, port);
    }

    private List<ListenerConfig> listeners(List<ConfigDocument.Listener> raw) {
        List<ConfigDocument.Listener> list = required(raw, "listeners", "a list of listeners with name, "
                + "protocol and port");
        List<ListenerConfig> result = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = FieldPath.item("listeners", i);
            ConfigDocument.Listener l = list.get(i);
            if (l == null) {
                problem(path, "empty item; expected a mapping with name, protocol and port");
                names.add(null);
                continue;
            }
            names.add(validName(l.name(), FieldPath.field(path, "name")) ? l.name() : null);
            Protocol protocol = null;
            if (l.protocol() == null) {
                problem(FieldPath.field(path, "protocol"), "missing; expected one of: " + protocols());
            } else {
                protocol = Protocol.byId(l.protocol()).orElse(null);
                if (protocol == null) {
                    problem(FieldPath.field(path, "protocol"), "unknown value '" + l.protocol()
                            + "'; expected one of: " + protocols());
                }
            }
            String host = host(l.host(), FieldPath.field(path, "host"), ListenerConfig.DEFAULT_HOST);
            int port = port(l.port(), FieldPath.field(path, "port"));
            RedisListenerOptions redis = redisOptions(l.redis(), FieldPath.field(path, "redis"));
            S3ListenerOptions s3Options = null;
            if (protocol == Protocol.S3) {
                s3Options = s3.validate(l.s3(), FieldPath.field(path, "s3"));
                if (l.redis() != null) {
                    problem(FieldPath.field(path, "redis"), "not allowed on an s3 listener; expected s3: options");
                }
            } else if (l.s3() != null) {
                problem(FieldPath.field(path, "s3"), "only allowed on an s3 listener (protocol: s3)");
            }
            if (l.name() != null) {
                listenerPathByName.putIfAbsent(l.name(), path);
            }
            if (l.name() != null && protocol != null) {
                result.add(new ListenerConfig(l.name(), protocol, host, port, redis, s3Options));
            }
        }
        checkUnique("listeners", names);
        return result;
    }

    private RedisListenerOptions redisOptions(ConfigDocument.RedisOptions raw, String path) {
        if (raw == null) {
            return RedisListenerOptions.DEFAULTS;
        }
        if (raw.password() != null && raw.password().isEmpty()) {
            problem(FieldPath.field(path, "password"), "empty; expected a password, or remove the key for none");
        }
        long bulk = RedisListenerOptions.DEFAULT_MAX_BULK_LENGTH;
        if (raw.maxBulkLength() != null) {
            bulk = size(raw.maxBulkLength(), FieldPath.field(path, "maxBulkLength"), Long.MAX_VALUE, bulk);
        }
        int array = RedisListenerOptions.DEFAULT_MAX_ARRAY_LENGTH;
        if (raw.maxArrayLength() != null) {
            array = raw.maxArrayLength();
            if (array < 1) {
                problem(FieldPath.field(path, "maxArrayLength"), "out of range: " + array
                        + "; expected a count of at least 1");
            }
        }
        int inline = RedisListenerOptions.DEFAULT_MAX_INLINE_LENGTH;
        if (raw.maxInlineLength() != null) {
            inline = (int) size(raw.maxInlineLength(), FieldPath.field(path, "maxInlineLength"),
                    Integer.MAX_VALUE, inline);
        }
        return new RedisListenerOptions(raw.password(), bulk, array, inline);
    }

    private long size(String text, String path, long max, long fallback) {
        try {
            long value = Units.parseSize(text);
            if (value < 1 || value > max) {
                problem(path, "out of range: " + text + "; expected at least 1 byte and at most " + max);
                return fallback;
            }
            return value;
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return fallback;
        }
    }

    private List<RouteConfig> routes(List<ConfigDocument.Route> raw, List<ListenerConfig> listeners,
                                     List<ConfigDocument.Backend> rawBackends) {
        List<ConfigDocument.Route> list = required(raw, "routes", "a list of routes with listener and backend");
        Map<String, ListenerConfig> listenerByName = listeners.stream()
                .collect(Collectors.toMap(ListenerConfig::name, Function.identity(), (a, b) -> a));
        Map<String, BackendType> typeByName = backends.typesByName(rawBackends);
        Map<String, Map<RouteMatch, Integer>> seen = new HashMap<>();
        List<RouteConfig> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = FieldPath.item("routes", i);
            ConfigDocument.Route r = list.get(i);
            if (r == null) {
                problem(path, "empty item; expected a mapping with listener and backend");
                continue;
            }
            ListenerConfig listener = listenerByName.get(r.listener());
            if (r.listener() == null) {
                problem(FieldPath.field(path, "listener"), "missing; expected one of: " + listenerByName.keySet());
            } else if (listener == null) {
                problem(FieldPath.field(path, "listener"), "unknown listener '" + r.listener()
                        + "'; expected one of: " + String.join(", ", listenerByName.keySet()));
            }
            BackendType type = typeByName.get(r.backend());
            if (r.backend() == null) {
                problem(FieldPath.field(path, "backend"), "missing; expected one of: " + typeByName.keySet());
            } else if (type == null) {
                problem(FieldPath.field(path, "backend"), "unknown backend '" + r.backend()
                        + "'; expected one of: " + String.join(", ", typeByName.keySet()));
            } else if (listener != null && !type.serves(listener.protocol())) {
                problem(FieldPath.field(path, "backend"), "backend '" + r.backend() + "' has type " + type
                        + ", which cannot serve " + listener.protocol() + " listener '" + listener.name()
                        + "'; expected a backend of type: " + servingTypes(listener.protocol()));
            }
            RouteMatch match = match(r.match(), FieldPath.field(path, "match"),
                    listener == null ? null : listener.protocol());
            if (listener != null && match != null) {
                Integer previous = seen.computeIfAbsent(listener.name(), k -> new LinkedHashMap<>())
                        .putIfAbsent(match, i);
                if (previous != null) {
                    problem(match.isAny() ? path : FieldPath.field(path, "match"), (match.isAny()
                            ? "second default route (no match)" : "same match as another route")
                            + " for listener '" + listener.name() + "'; expected each match once per listener"
                            + " (first in routes[" + previous + "] at " + origins.at(FieldPath.item("routes",
                            previous)) + ")");
                }
            }
            if (r.listener() != null && r.backend() != null && match != null) {
                result.add(new RouteConfig(r.listener(), match, new RouteTarget(r.backend())));
            }
        }
        return result;
    }

    /** The route's match, {@link RouteMatch#ANY} without one, or null (reported) for an empty mapping. */
    private RouteMatch match(ConfigDocument.Match raw, String path, Protocol protocol) {
        if (raw == null) {
            return RouteMatch.ANY;
        }
        if (protocol == Protocol.S3) {
            if (raw.keyPrefix() != null || raw.db() != null) {
                problem(path, "keyPrefix and db are Redis matches; expected bucket on an s3 listener");
            }
            if (raw.bucket() == null) {
                problem(path, "empty; expected bucket: a name or a glob such as logs-* (omit match for the "
                        + "default route)");
                return null;
            }
            s3.bucketPattern(raw.bucket(), FieldPath.field(path, "bucket"));
            return new RouteMatch(null, null, raw.bucket());
        }
        if (raw.bucket() != null) {
            problem(FieldPath.field(path, "bucket"), "only allowed on routes of an s3 listener");
        }
        if (raw.keyPrefix() == null && raw.db() == null) {
            problem(path, "empty; expected keyPrefix and/or db (omit match for the default route)");
            return null;
        }
        if (raw.keyPrefix() != null && raw.keyPrefix().isEmpty()) {
            problem(FieldPath.field(path, "keyPrefix"), "empty; expected a non-empty prefix such as \"user:\"");
        }
        if (raw.db() != null && (raw.db() < 0 || raw.db() > MAX_DB)) {
            problem(FieldPath.field(path, "db"), "out of range: " + raw.db() + "; expected 0.." + MAX_DB);
        }
        return new RouteMatch(raw.keyPrefix(), raw.db());
    }

    private void checkCoverage(List<ListenerConfig> listeners, List<RouteConfig> routes) {
        for (ListenerConfig l : listeners) {
            List<RouteConfig> own = routes.stream().filter(r -> r.listener().equals(l.name())).toList();
            String path = listenerPath(l);
            if (own.isEmpty()) {
                problem(path, "no route for listener '" + l.name() + "'; expected a route with listener: "
                        + l.name());
            } else if (l.protocol() == Protocol.REDIS && own.stream().noneMatch(RouteConfig::isDefault)) {
                problem(path, "no default route for listener '" + l.name() + "'; expected one route without "
                        + "match to take keyless commands and unmatched keys");
            }
        }
    }

    private void checkPorts(AdminConfig admin, List<ListenerConfig> listeners) {
        Map<Integer, String> owners = new HashMap<>();
        Map<Integer, String> hosts = new HashMap<>();
        owners.put(admin.port(), "admin");
        hosts.put(admin.port(), admin.host());
        for (ListenerConfig l : listeners) {
            String owner = owners.get(l.port());
            if (l.port() != 0 && owner != null && overlap(hosts.get(l.port()), l.host())) {
                problem(FieldPath.field(listenerPath(l), "port"), "port " + l.port() + " is already used by "
                        + owner + "; expected a free port");
            } else {
                owners.put(l.port(), "listener '" + l.name() + "'");
                hosts.put(l.port(), l.host());
            }
        }
    }

    private String listenerPath(ListenerConfig l) {
        return listenerPathByName.getOrDefault(l.name(), "listeners");
    }

    private static boolean overlap(String a, String b) {
        return a.equals(b) || wildcard(a) || wildcard(b);
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
    }

    private static String protocols() {
        return java.util.Arrays.stream(Protocol.values()).map(Protocol::id).collect(Collectors.joining(", "));
    }

    private static String servingTypes(Protocol protocol) {
        return java.util.Arrays.stream(BackendType.values()).filter(t -> t.serves(protocol))
                .map(BackendType::id).collect(Collectors.joining(", "));
    }
}
