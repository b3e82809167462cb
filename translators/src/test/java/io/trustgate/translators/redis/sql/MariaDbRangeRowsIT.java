package io.trustgate.translators.redis.sql;

/** Sorted-set ranges by score and by member in the database, on the MariaDb at 127.0.0.1 (database test); fails if it is not running. */
class MariaDbRangeRowsIT extends SqlRangeRowsTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.mariadb();
    }
}
