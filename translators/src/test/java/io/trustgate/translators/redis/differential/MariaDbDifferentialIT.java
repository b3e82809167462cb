package io.trustgate.translators.redis.differential;

/** {@link DifferentialTests} on MariaDB at 127.0.0.1:3306 (database test); fails if it is not running. */
class MariaDbDifferentialIT extends DifferentialTests {

    @Override
    Backend backend() {
        return Backend.MARIADB;
    }
}
