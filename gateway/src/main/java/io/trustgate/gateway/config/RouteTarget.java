package io.trustgate.gateway.config;

import java.util.List;
import java.util.Objects;

/**
 * Where a route sends traffic: today one primary backend. This is the seam for mirroring: a later issue adds a
 * nullable {@code shadow} backend here (primary answers, shadow receives a copy) without touching
 * {@link RouteConfig} or its callers.
 */
public record RouteTarget(String primary) {

    public RouteTarget {
        Objects.requireNonNull(primary, "primary");
    }

    /** Every backend this target sends to, primary first. */
    public List<String> backends() {
        return List.of(primary);
    }
}
