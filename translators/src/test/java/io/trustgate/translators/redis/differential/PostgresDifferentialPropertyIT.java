package io.trustgate.translators.redis.differential;

/** {@link DifferentialProperties} on PostgreSQL at 127.0.0.1:5432 (database test); fails if it is not running. */
class PostgresDifferentialPropertyIT extends DifferentialProperties {

    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
