/**
 * RESP framing: the request decoder (multibulk and inline, zero-copy, with size limits), the reply frame scanner
 * used by passthrough, and small writers. Nothing here decides anything or holds session state.
 *
 * <p>Public: {@link io.trustgate.redis.codec.RespRequest}, {@link io.trustgate.redis.codec.RespRequestDecoder},
 * {@link io.trustgate.redis.codec.RespFrameScanner}, {@link io.trustgate.redis.codec.RespWriter} and the limit and
 * error types, because the session, passthrough and keyspace packages use them. Replies the gateway composes
 * itself are {@code RedisMessage}s (netty-codec-redis's RESP2 types and the RESP3 types of {@code resp3}), written
 * by {@link io.trustgate.redis.codec.RespEncoder} in the version a {@link io.trustgate.redis.codec.RespVersion}
 * marker last selected on the connection.
 */
package io.trustgate.redis.codec;
