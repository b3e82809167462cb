/**
 * Pub/sub for backends the gateway serves itself: {@link io.trustgate.redis.pubsub.PubSubHub} (one per keyspace
 * route target) keeps channel and pattern subscribers and delivers PUBLISH to them; a
 * {@link io.trustgate.redis.spi.PubSubTransport} carries messages to other instances. Public only for the session
 * layer and route targets; nothing here knows the session or the codec.
 */
package io.trustgate.redis.pubsub;
