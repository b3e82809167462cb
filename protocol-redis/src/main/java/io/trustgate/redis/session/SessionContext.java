package io.trustgate.redis.session;

import io.trustgate.redis.RedisListenerSettings;
import io.trustgate.redis.route.RedisRouter;

/** What every session of one listener shares: its routes, options, meters and the list of its clients. */
public record SessionContext(RedisRouter router, RedisListenerSettings settings, RedisMetrics metrics,
                             ClientRegistry clients) {
}
