/**
 * Redis compatibility suites: real, unchanged clients (Lettuce, Jedis, redis-py, redis-cli) and a raw socket
 * against a gateway started in-process from a YAML file, once per test class ({@link
 * io.trustgate.compat.redis.GatewayFixture}). Every suite runs over every {@link io.trustgate.compat.redis.Target};
 * a new backend joins all of them by one enum constant. Test-only; nothing depends on this package.
 */
package io.trustgate.compat.redis;
