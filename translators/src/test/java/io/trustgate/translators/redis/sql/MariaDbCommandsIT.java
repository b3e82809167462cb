package io.trustgate.translators.redis.sql;

/** Redis commands on the MariaDB at 127.0.0.1:3306 (database test); fails if it is not running. */
class MariaDbCommandsIT extends SqlCommandsTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.mariadb();
    }
}
