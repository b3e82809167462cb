package io.trustgate.translators.redis.differential;

/** {@link DifferentialTests} on PostgreSQL at 127.0.0.1:5432 (database test); fails if it is not running. */
class PostgresDifferentialIT extends DifferentialTests {

    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
