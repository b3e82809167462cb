package io.trustgate.translators.redis.sql;

/** Names of any length on the PostgreSQL at 127.0.0.1:5432 (database test); fails if it is not running. */
class PostgresLongNamesIT extends SqlLongNamesTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.postgres();
    }
}
