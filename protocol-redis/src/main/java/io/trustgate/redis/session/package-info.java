/**
 * Per-connection state and the meaning of each request: the {@link io.trustgate.redis.session.ClientSession}
 * (auth, db, name, MULTI queue, WATCH, relay mode, local pub/sub mode in {@code Subscriptions}), the ordered {@link io.trustgate.redis.session.ReplyQueue},
 * connection commands answered by the gateway, and the thin Netty {@link io.trustgate.redis.session.ClientHandler}.
 *
 * <p>Public: what route targets need ({@code ClientSession}'s accessors, {@code ReplySlot}) and what the
 * frontend wires ({@code ClientHandler}, {@code SessionContext}, {@code RedisMetrics}, {@code ClientRegistry}), and
 * {@code SessionCommands}, the declaration of the commands the session answers itself, which capability reports
 * read.
 */
package io.trustgate.redis.session;
