package io.trustgate.translators.redis.sql;

/** The engine contract on the PostgreSQL at 127.0.0.1:5432 (database test); fails if it is not running. */
class PostgresKeyspaceEngineIT extends SqlKeyspaceEngineTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.postgres();
    }
}
