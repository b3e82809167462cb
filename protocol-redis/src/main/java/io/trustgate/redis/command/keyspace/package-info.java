/**
 * Redis command semantics, written once, on top of the keyspace engine SPI ({@code io.trustgate.redis.spi}).
 *
 * <p>Public: {@link io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor} (runs a command, WATCH and EXEC
 * for one backend), {@link io.trustgate.redis.command.keyspace.CommandSupport} and
 * {@link io.trustgate.redis.command.keyspace.WatchSnapshot}, which the session layer and the gateway's capability
 * report use. Everything else is package-private: the command table (arity and flags read from
 * {@code redis-commands.txt}, generated from Redis 7.0), one class per command family ({@code StringCommands},
 * {@code KeyCommands}, {@code ListEditCommands}, {@code HashCommands}, {@code SetAlgebraCommands},
 * {@code SortedSetRangeCommands}, {@code MultiPopCommands}, and {@code CommandIntrospection} and
 * {@code ServerInfoCommands} for what clients ask about the server, the former's docs read from
 * {@code redis-command-docs.txt}...) whose handlers check arguments in Redis's order and throw
 * {@code CommandException} with Redis's exact error text, and helpers for Redis's number, score, glob and
 * long-double rules. Replies are Netty's RESP2 messages plus the RESP3 map, set, double, pairs and verbatim classes
 * where Redis 7 answers with those; the connection's encoder downgrades them for RESP2 clients. Engines must not depend on this
 * package; it depends only on the SPI, the codec's request and RESP3 message types and Netty's Redis messages.
 */
package io.trustgate.redis.command.keyspace;
