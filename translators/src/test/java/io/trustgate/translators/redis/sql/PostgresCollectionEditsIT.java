package io.trustgate.translators.redis.sql;

/** Row-level collection edits on the PostgreSQL at 127.0.0.1:5432 (database test); fails if it is not running. */
class PostgresCollectionEditsIT extends SqlCollectionEditsTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.postgres();
    }
}
