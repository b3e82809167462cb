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

        /** A short name for metrics: {@code default}, {@code session:*}, {@code db3}, {@code session:*@db3}. */
        public String label() {
            String keys = keyPrefix == null ? null : keyPrefix + "*";
            if (db == null) {
                return keys == null ? "default" : keys;
            }
            return keys == null ? "db" + db : keys + "@db" + db;
        }
    }

    private final List<Route> routes;
    private final Candidate[][] byDb = new Candidate[DATABASES][];
    /** Index of the db's only route when it has a single default route and nothing else, else -1. */
    private final int[] onlyRoute = new int[DATABASES];
    private final int[] defaultRoute = new int[DATABASES];

    private record Candidate(byte[] prefix, RouteTarget target, int index) {
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
            defaultRoute[db] = -1;
            onlyRoute[db] = -1;
            for (int i = 0; i < candidates.length; i++) {
                Route r = matching.get(i);
                byte[] prefix = r.keyPrefix() == null ? new byte[0]
                        : r.keyPrefix().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int index = indexOf(r);
                candidates[i] = new Candidate(prefix, r.target(), index);
                if (prefix.length == 0 && defaultRoute[db] < 0) {
                    defaultRoute[db] = index;
                }
            }
            byDb[db] = candidates;
            if (candidates.length == 1 && candidates[0].prefix.length == 0) {
                onlyRoute[db] = candidates[0].index;
            }
        }
    }

    private int indexOf(Route route) {
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i) == route) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a route of this router: " + route);
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route at {@code index} (as {@link #select} returns it). */
    public Route route(int index) {
        return routes.get(index);
    }

    /** Whether any route serves {@code db}. */
    public boolean servesDb(int db) {
        return db >= 0 && db < DATABASES && byDb[db].length > 0;
    }

    /** The route for commands without keys on {@code db}, or null. */
    public RouteTarget defaultTarget(int db) {
        int i = defaultRoute[db];
        return i < 0 ? null : routes.get(i).target();
    }

    /** The index of the route for commands without keys on {@code db}, or -1. */
    public int defaultRoute(int db) {
        return defaultRoute[db];
    }

    /**
     * The target for {@code request} on {@code db}.
     *
     * @param spec the command, or null for a command the table does not know (routed as keyless)
     * @throws RouteException when no route matches or the keys span backends
     */
    public RouteTarget route(int db, RespRequest request, CommandSpec spec) {
        return routes.get(select(db, request, spec)).target();
    }

    /**
     * Like {@link #route} but returns the index of the chosen route (the first matching one of its keys; all
     * keys must lead to the same backend).
     *
     * @throws RouteException when no route matches or the keys span backends
     */
    public int select(int db, RespRequest request, CommandSpec spec) {
        int only = onlyRoute[db];
        if (only >= 0) {
            return only;
        }
        if (spec == null || !spec.hasKeys()) {
            return keyless(db, request);
        }
        Candidate[] candidates = byDb[db];
        Candidate[] found = new Candidate[1];
        boolean known = KeyFinder.forEachKey(spec, request, arg -> {
            Candidate match = null;
            for (Candidate c : candidates) {
                if (c.matches(request, arg)) {
                    match = c;
                    break;
                }
            }
            if (match == null) {
                throw new RouteException("ERR no route for key '" + request.argString(arg) + "' on db " + db);
            }
            if (found[0] == null) {
                found[0] = match;
            } else if (found[0].target != match.target) {
                throw new RouteException("ERR keys in '" + spec.name().toLowerCase(java.util.Locale.ROOT)
                        + "' span backends '" + found[0].target.backendName() + "' and '"
                        + match.target.backendName() + "'; keys of one command must route to one backend");
            }
        });
        if (found[0] == null || !known) {
            return keyless(db, request);
        }
        return found[0].index;
    }

    private int keyless(int db, RespRequest request) {
        int t = defaultRoute[db];
        if (t < 0) {
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
