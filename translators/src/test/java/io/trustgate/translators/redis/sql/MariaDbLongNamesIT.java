package io.trustgate.translators.redis.sql;

/** Names of any length on the MariaDB at 127.0.0.1:3306 (database test); fails if it is not running. */
class MariaDbLongNamesIT extends SqlLongNamesTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.mariadb();
    }
}
