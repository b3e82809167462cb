/**
 * Redis on PostgreSQL and MariaDB: {@link io.trustgate.translators.redis.sql.SqlKeyspaceEngine}, a
 * {@link io.trustgate.redis.spi.KeyspaceEngine} that keeps every key in readable tables (one row per key in
 * {@code <prefix>keys}, one row per string, hash field, list element, set member or sorted-set member in a table per
 * type) and runs each unit of work on its own bounded executor through Jdbi and HikariCP: reads in autocommit or
 * one snapshot, writes in one transaction that locks the keys it touches. The schema is created on first use;
 * {@code docs/redis-on-sql.md} documents it, the locking and why it is serializable.
 * Only the engine class (and its {@code Kind}) is public, so the gateway can construct it; the dialects
 * ({@link io.trustgate.translators.redis.sql.SqlDialect}), the per-transaction keyspace and its row helpers are
 * package-private. Redis command semantics are not here: they live in protocol-redis and run on top.
 */
package io.trustgate.translators.redis.sql;
