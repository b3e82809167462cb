package io.trustgate.translators.redis.sql;

/** Row-level collection edits on the MariaDB at 127.0.0.1:3306 (database test); fails if it is not running. */
class MariaDbCollectionEditsIT extends SqlCollectionEditsTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.mariadb();
    }
}
