package io.trustgate.translators.redis.sql;

/** The sorted-set algebra in the database, on the Postgres at 127.0.0.1 (database test); fails if it is not running. */
class PostgresSortedSetAlgebraIT extends SqlSortedSetAlgebraTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.postgres();
    }
}
