package io.trustgate.redis.route;

import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.KeyFinder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The routing table of one Redis listener: picks a backend by logical db and key prefix. Pure and immutable.
 *
 * <p>For each db the candidate routes are ordered most specific first: longer prefix first, and at equal prefix
 * a route that names the db before one that matches any db. A keyed command goes where its keys' route points;
 * if its keys point to two backends the command is refused, since no backend could answer it whole. A command
 * without keys goes to the db's default route (the one without a prefix). When a db has a single default route
 * and nothing else, keys are not even looked at.
 */
public final class RedisRouter {

    public static final int DATABASES = 16;

    /** One route. {@code keyPrefix} and {@code db} are null when the route matches any. The target is a single
     *  backend today; online migration will add a shadow target here. */
    public record Route(String keyPrefix, Integer db, RouteTarget target) {
        boolean matchesDb(int d) {
            return db == null || db == d;
        }
    }

    private final List<Route> routes;
    private final Candidate[][] byDb = new Candidate[DATABASES][];
    private final RouteTarget[] onlyTarget = new RouteTarget[DATABASES];
    private final RouteTarget[] defaultTarget = new RouteTarget[DATABASES];

    private record Candidate(byte[] prefix, RouteTarget target) {
        boolean matches(RespRequest request, int arg) {
            if (prefix.length == 0) {
                return true;
            }
            if (request.argLength(arg) < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (request.argByte(arg, i) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    public RedisRouter(List<Route> routes) {
        this.routes = List.copyOf(routes);
        for (int db = 0; db < DATABASES; db++) {
            int d = db;
            List<Route> matching = new ArrayList<>(routes.stream().filter(r -> r.matchesDb(d)).toList());
            matching.sort(Comparator.<Route>comparingInt(r -> r.keyPrefix() == null ? 0 : r.keyPrefix().length())
                    .reversed()
                    .thenComparing(r -> r.db() == null ? 1 : 0));
            Candidate[] candidates = new Candidate[matching.size()];
            for (int i = 0; i < candidates.length; i++) {
                Route r = matching.get(i);
                byte[] prefix = r.keyPrefix() == null ? new byte[0]
                        : r.keyPrefix().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                candidates[i] = new Candidate(prefix, r.target());
                if (prefix.length == 0 && defaultTarget[db] == null) {
                    defaultTarget[db] = r.target();
                }
            }
            byDb[db] = candidates;
            if (candidates.length == 1 && candidates[0].prefix.length == 0) {
                onlyTarget[db] = candidates[0].target;
            }
        }
    }

    public List<Route> routes() {
        return routes;
    }

    /** Whether any route serves {@code db}. */
    public boolean servesDb(int db) {
        return db >= 0 && db < DATABASES && byDb[db].length > 0;
    }

    /** The route for commands without keys on {@code db}, or null. */
    public RouteTarget defaultTarget(int db) {
        return defaultTarget[db];
    }

    /**
     * The target for {@code request} on {@code db}.
     *
     * @param spec the command, or null for a command the table does not know (routed as keyless)
     * @throws RouteException when no route matches or the keys span backends
     */
    public RouteTarget route(int db, RespRequest request, CommandSpec spec) {
        RouteTarget only = onlyTarget[db];
        if (only != null) {
            return only;
        }
        if (spec == null || !spec.hasKeys()) {
            return keyless(db, request);
        }
        Candidate[] candidates = byDb[db];
        RouteTarget[] found = new RouteTarget[1];
        boolean known = KeyFinder.forEachKey(spec, request, arg -> {
            RouteTarget t = null;
            for (Candidate c : candidates) {
                if (c.matches(request, arg)) {
                    t = c.target;
                    break;
                }
            }
            if (t == null) {
                throw new RouteException("ERR no route for key '" + request.argString(arg) + "' on db " + db);
            }
            if (found[0] == null) {
                found[0] = t;
            } else if (found[0] != t) {
                throw new RouteException("ERR keys in '" + spec.name().toLowerCase(java.util.Locale.ROOT)
                        + "' span backends '" + found[0].backendName() + "' and '" + t.backendName()
                        + "'; keys of one command must route to one backend");
            }
        });
        if (found[0] == null || !known) {
            return keyless(db, request);
        }
        return found[0];
    }

    private RouteTarget keyless(int db, RespRequest request) {
        RouteTarget t = defaultTarget[db];
        if (t == null) {
            throw new RouteException("ERR no default route on db " + db + " for '"
                    + request.argString(0).toLowerCase(java.util.Locale.ROOT) + "' (a command without keys)");
        }
        return t;
    }

    /** A command that no route can take; the message is the Redis error to send. */
    public static final class RouteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RouteException(String message) {
            super(message, null, false, false);
        }
    }
}
