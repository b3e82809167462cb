package io.trustgate.translators.redis.sql.pubsub;

import io.trustgate.redis.spi.PubSubTransport;

import java.time.Duration;

/**
 * The pub/sub transports of the SQL keyspace engines, which carry PUBLISH and key-ready signals between the
 * gateway instances sharing one database and table prefix: LISTEN/NOTIFY on PostgreSQL, a polled message table on
 * MariaDB. Each transport opens two connections of its own (one sends, one listens), outside the engine's pool.
 */
public final class SqlPubSub {

    /** How often a MariaDB instance polls the message table. */
    public static final Duration MARIADB_POLL_INTERVAL = Duration.ofMillis(50);

    /** For capability reports ({@code KeyspaceEngine.pubSubFanOut()}). */
    public static final String POSTGRES_FAN_OUT = "LISTEN/NOTIFY";
    public static final String MARIADB_FAN_OUT = "a message table each instance polls every "
            + MARIADB_POLL_INTERVAL.toMillis() + " ms (no LISTEN/NOTIFY in MariaDB)";

    private SqlPubSub() {
    }

    /** A LISTEN/NOTIFY transport for the gateways whose tables start with {@code tablePrefix}; connects on start. */
    public static PubSubTransport postgres(String url, String user, String password, String tablePrefix) {
        return new PostgresPubSubTransport(url, user, password, tablePrefix);
    }

    /** A polling transport for the gateways whose tables start with {@code tablePrefix}; connects on start. */
    public static PubSubTransport mariadb(String url, String user, String password, String tablePrefix,
                                          Duration pollInterval) {
        return new MariaDbPubSubTransport(url, user, password, tablePrefix, pollInterval);
    }
}
