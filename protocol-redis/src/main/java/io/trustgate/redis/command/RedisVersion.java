package io.trustgate.redis.command;

/**
 * The Redis version the gateway announces for the backends whose replies it composes itself (HELLO's
 * {@code version}, INFO's {@code redis_version}): one constant, so clients that check it see one answer.
 */
public final class RedisVersion {

    /** What HELLO and INFO report. */
    public static final String ANNOUNCED = "7.2.0";

    private RedisVersion() {
    }
}
