package io.trustgate.gateway.config;

/**
 * Which requests a route takes. Both parts are optional; a request matches when every present part matches.
 * {@link #ANY} (both absent) marks the listener's default route.
 *
 * @param keyPrefix the key must start with this (non-empty) prefix, or null
 * @param db        the client's selected database must be this one (0..15), or null
 * @param bucket    S3 only: the bucket name, exact or a glob with {@code *} and {@code ?}, or null
 */
public record RouteMatch(String keyPrefix, Integer db, String bucket) {

    /** Matches everything: the default route. */
    public static final RouteMatch ANY = new RouteMatch(null, null, null);

    /** A Redis match (no bucket). */
    public RouteMatch(String keyPrefix, Integer db) {
        this(keyPrefix, db, null);
    }

    public boolean isAny() {
        return keyPrefix == null && db == null && bucket == null;
    }
}
