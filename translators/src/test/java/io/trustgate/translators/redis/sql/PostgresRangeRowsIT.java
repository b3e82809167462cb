package io.trustgate.translators.redis.sql;

/** Sorted-set ranges by score and by member in the database, on the Postgres at 127.0.0.1 (database test); fails if it is not running. */
class PostgresRangeRowsIT extends SqlRangeRowsTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.postgres();
    }
}
