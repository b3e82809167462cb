package io.trustgate.translators.redis.sql;

/** The set algebra in the database, on the MariaDb at 127.0.0.1 (database test); fails if it is not running. */
class MariaDbSetAlgebraIT extends SqlSetAlgebraTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.mariadb();
    }
}
