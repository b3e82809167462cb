package io.trustgate.translators.redis.sql;

/** Per-key locking on the PostgreSQL at 127.0.0.1:5432 (database test); fails if it is not running. */
class PostgresConcurrencyIT extends SqlConcurrencyTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.postgres();
    }
}
