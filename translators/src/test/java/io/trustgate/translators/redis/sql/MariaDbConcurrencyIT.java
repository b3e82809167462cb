package io.trustgate.translators.redis.sql;

/** Per-key locking on the MariaDB at 127.0.0.1:3306 (database test); fails if it is not running. */
class MariaDbConcurrencyIT extends SqlConcurrencyTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.mariadb();
    }
}
