package io.trustgate.s3.auth;

import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A value that depends only on the epoch second, such as a formatted timestamp: computed when the second changes
 * instead of on every request. The caller passes the current second, so each user keeps its own clock (the HTTP
 * {@code Date} header the system clock, the signer an injected {@link java.time.Clock}). Thread-safe without locks:
 * callers racing at the turn of a second may each compute the value, and the last to publish wins; a value is never
 * returned for a second other than the one asked for. Public because the HTTP layer formats its {@code Date} header
 * with it.
 *
 * @param <T> the value; immutable
 */
public final class PerSecond<T> {

    private record Entry<T>(long second, T value) {
    }

    private final LongFunction<T> compute;
    private volatile Entry<T> entry = new Entry<>(Long.MIN_VALUE, null);

    /** @param compute the value for an epoch second; called whenever the second asked for changes */
    public PerSecond(LongFunction<T> compute) {
        this.compute = Objects.requireNonNull(compute, "compute");
    }

    /** The value for {@code epochSecond}, computed now unless it is the second asked for last. */
    public T at(long epochSecond) {
        Entry<T> e = entry;
        if (e.second() != epochSecond) {
            e = new Entry<>(epochSecond, compute.apply(epochSecond));
            entry = e;
        }
        return e.value();
    }
}
