/**
 * Routing: the {@link io.trustgate.redis.route.RouteTarget} contract that every Redis backend implements, and
 * the per-listener {@link io.trustgate.redis.route.RedisRouter} that picks a target by db and key prefix.
 * Depends on {@code codec}, {@code command} and {@code session}; nothing here touches the network.
 */
package io.trustgate.redis.route;
