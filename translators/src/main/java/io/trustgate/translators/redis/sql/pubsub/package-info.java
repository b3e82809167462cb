/**
 * Pub/sub and blocking-pop wake-ups across the gateway instances that share one SQL database: the
 * {@code PubSubTransport}s of the SQL keyspace engines (PostgreSQL LISTEN/NOTIFY, a polled table on MariaDB).
 * {@link io.trustgate.translators.redis.sql.pubsub.SqlPubSub} is the only public entry point; the engine in the
 * parent package hands its transports out, and nothing here depends on the engine's internals. The transports use
 * plain JDBC connections of their own, not the engine's pool: a listening connection lives for the whole run and
 * must be reopened by hand when it breaks, which a pool would hide.
 */
package io.trustgate.translators.redis.sql.pubsub;
