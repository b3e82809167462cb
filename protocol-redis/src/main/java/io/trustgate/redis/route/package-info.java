/**
 * Routing: the {@link io.trustgate.redis.route.RouteTarget} contract that every Redis backend implements, and
 * the per-listener {@link io.trustgate.redis.route.RedisRouter} that picks a target by db and key prefix, and the
 * {@link io.trustgate.redis.route.BackendProfile} that says, per backend kind, what each command gets (native,
 * emulated, ignored, refused), read by {@code trustgate capabilities} and {@code docs/compatibility.md}.
 * Keyspace targets park blocking pops ({@code BlockingWaiters}) and answer PUBLISH/PUBSUB on their
 * {@link io.trustgate.redis.pubsub.PubSubHub} ({@code PubSubCommands}); both reach other gateway instances on the
 * same backend through one {@code InstanceLink} (the engine's pub/sub transport: messages, and key-ready signals
 * for the pushes {@code Feeds} names); see docs/keyspace-blocking-and-pubsub.md.
 * Depends on {@code codec}, {@code command}, {@code pubsub} and {@code session}; nothing here touches the network.
 */
package io.trustgate.redis.route;
