package io.trustgate.translators.redis.sql;

/** The engine contract on the MariaDB at 127.0.0.1:3306 (database test); fails if it is not running. */
class MariaDbKeyspaceEngineIT extends SqlKeyspaceEngineTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.mariadb();
    }
}
