/**
 * What Redis commands are: the command table (arity, flags, key positions, generated from a real server) and
 * the key finder, and the Redis version the gateway announces ({@code RedisVersion}). Command semantics for backends that trustgate implements itself live in
 * {@code command.keyspace}; passthrough never interprets commands beyond this table.
 */
package io.trustgate.redis.command;
