/**
 * The RESP3 reply types netty-codec-redis lacks: map, set, double, boolean, null, big number, verbatim string,
 * push and blob error, plus pairs (WITHSCORES: nested in RESP3, flat in RESP2), one immutable {@link io.netty.handler.codec.redis.RedisMessage} class per wire type. They
 * are public because command handlers in other packages build replies from them; what reaches the wire is
 * decided by {@link io.trustgate.redis.codec.RespEncoder}, which writes them natively to a connection that said
 * {@code HELLO 3} and downgrades them as Redis does for a RESP2 connection. Aggregates own their children and
 * release them when released themselves. Nothing here depends on the session, command or route packages.
 */
package io.trustgate.redis.codec.resp3;
