package io.trustgate.translators.redis.differential;

/** {@link DifferentialProperties} on MariaDB at 127.0.0.1:3306 (database test); fails if it is not running. */
class MariaDbDifferentialPropertyIT extends DifferentialProperties {

    @Override
    Backend backend() {
        return Backend.MARIADB;
    }
}
