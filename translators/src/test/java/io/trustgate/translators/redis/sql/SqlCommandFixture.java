package io.trustgate.translators.redis.sql;

import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;

import static io.trustgate.translators.redis.sql.SqlEngineContract.call;

/**
 * What the SQL command suites share: one engine over this class's own fresh tables (the database comes from the
 * concrete {@code Postgres*IT} / {@code MariaDb*IT}), a command executor on it, and the tables dropped after each
 * test.
 */
abstract class SqlCommandFixture {

    final SqlEngineContract db = contract();
    final SqlKeyspaceEngine engine = db.engine(Duration.ZERO);
    final KeyspaceCommandExecutor redis = new KeyspaceCommandExecutor("sql", engine);

    abstract SqlEngineContract contract();

    @AfterEach
    void drop() {
        db.dropAll();
    }

    /** Runs one command through the executor and returns its reply as plain Java values. */
    Object redis(String... args) {
        return call(redis, args);
    }
}
