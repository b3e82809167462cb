/**
 * The Redis protocol module's entry points: {@link io.trustgate.redis.RedisFrontend} (one per listener) and
 * its settings. The gateway builds route targets from {@code passthrough} (and keyspace backends from
 * {@code translators}) and hands them to a frontend with the listener's routes.
 *
 * <p>This module knows RESP and Redis semantics only; it never imports another protocol module.
 */
package io.trustgate.redis;
