package io.trustgate.gateway.config;

import java.util.Objects;

/**
 * One routing rule: requests arriving on {@code listener} that satisfy {@code match} go to {@code target}.
 * A validated configuration guarantees that listener and backends exist, that the backend types fit the
 * listener's protocol, and that each listener has exactly one default route and no two routes with the same
 * match.
 */
public record RouteConfig(String listener, RouteMatch match, RouteTarget target) {

    public RouteConfig {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(target, "target");
    }

    /** The primary backend's name. */
    public String backend() {
        return target.primary();
    }

    /** The key prefix this route requires, or null. */
    public String keyPrefix() {
        return match.keyPrefix();
    }

    /** The database this route requires, or null. */
    public Integer db() {
        return match.db();
    }

    /** Whether this is the listener's default route (no match). */
    public boolean isDefault() {
        return match.isAny();
    }
}
