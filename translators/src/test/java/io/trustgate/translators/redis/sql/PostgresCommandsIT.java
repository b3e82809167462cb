package io.trustgate.translators.redis.sql;

/** Redis commands on the PostgreSQL at 127.0.0.1:5432 (database test); fails if it is not running. */
class PostgresCommandsIT extends SqlCommandsTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.postgres();
    }
}
