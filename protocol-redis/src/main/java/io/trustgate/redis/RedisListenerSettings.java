package io.trustgate.redis;

import io.trustgate.redis.codec.RespLimits;

/**
 * The protocol options of one Redis listener.
 *
 * @param name     listener name (metrics, logs)
 * @param password when non-null, clients must AUTH with it (user {@code default}), like Redis' requirepass
 * @param limits   request size limits
 */
public record RedisListenerSettings(String name, String password, RespLimits limits) {
}
