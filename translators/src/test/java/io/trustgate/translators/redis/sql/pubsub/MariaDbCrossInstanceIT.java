package io.trustgate.translators.redis.sql.pubsub;

import io.trustgate.translators.redis.sql.SqlKeyspaceEngine;

/** Two gateways on the MariaDB at 127.0.0.1:3306 (database test), over the polled message table; fails if down. */
class MariaDbCrossInstanceIT extends CrossInstanceTests {

    @Override
    SqlKeyspaceEngine.Kind kind() {
        return SqlKeyspaceEngine.Kind.MARIADB;
    }

    @Override
    String url() {
        return "jdbc:mariadb://127.0.0.1:3306/test";
    }

    @Override
    String user() {
        return "root";
    }
}
