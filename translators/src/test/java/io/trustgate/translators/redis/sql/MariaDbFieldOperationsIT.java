package io.trustgate.translators.redis.sql;

import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;

import java.time.Duration;

/**
 * Field operations on the MariaDB at 127.0.0.1:3306 (database test); fails if it is not running. A MariaDB value
 * is bounded by the server's {@code max_allowed_packet} (16 MiB by default in 10.11, read by each connection when
 * it opens), so the large-value test raises the global limit to 64 MiB first if it is lower and uses an engine
 * whose connections open afterwards.
 */
class MariaDbFieldOperationsIT extends SqlFieldOperationsTests {

    private static final long PACKET = 64L * 1024 * 1024;

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.mariadb();
    }

    @Override
    KeyspaceCommandExecutor largeValueExecutor() {
        db.jdbi().useHandle(h -> {
            long current = h.createQuery("SELECT @@GLOBAL.max_allowed_packet").mapTo(Long.class).one();
            if (current < PACKET) {
                h.execute("SET GLOBAL max_allowed_packet = " + PACKET);
            }
        });
        return new KeyspaceCommandExecutor("sql", db.engine(Duration.ZERO));
    }
}
