package io.trustgate.translators.redis.sql;

import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trustgate.translators.redis.sql.SqlEngineContract.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables written by the previous PostgreSQL schema ({@code UNIQUE (db, name)} on keys and {@code PRIMARY KEY
 * (key_id, field|member)} on hashes, sets and zsets, which index the names themselves) are upgraded in place when an
 * engine starts on them: the data stays readable and writable, fields and members keep their identity, and names
 * longer than a B-tree entry work afterwards. Uses the PostgreSQL at 127.0.0.1:5432 (database test); fails if it is
 * not running.
 */
class PostgresSchemaUpgradeIT {

    private final SqlEngineContract db = SqlEngineContract.postgres();
    private final Tables t = Tables.withPrefix(db.prefix);

    @AfterEach
    void drop() {
        db.dropAll();
    }

    @Test
    void tablesOfThePreviousSchemaAreUpgradedAndKeepTheirData() {
        String fk = " NOT NULL REFERENCES " + t.keys() + "(id) ON DELETE CASCADE";
        db.jdbi().useHandle(h -> {
            h.execute("CREATE TABLE " + t.keys() + " (id BIGINT PRIMARY KEY, db INT NOT NULL, name BYTEA NOT NULL,"
                    + " type VARCHAR(8) NOT NULL, expire_at_ms BIGINT, stamp BIGINT NOT NULL, UNIQUE (db, name))");
            h.execute("CREATE INDEX " + t.keys() + "_db_id ON " + t.keys() + " (db, id)");
            h.execute("CREATE TABLE " + t.strings() + " (key_id BIGINT PRIMARY KEY REFERENCES " + t.keys()
                    + "(id) ON DELETE CASCADE, value BYTEA NOT NULL)");
            h.execute("CREATE TABLE " + t.hashes() + " (key_id BIGINT" + fk + ", field BYTEA NOT NULL,"
                    + " value BYTEA NOT NULL, PRIMARY KEY (key_id, field))");
            h.execute("CREATE TABLE " + t.sets() + " (key_id BIGINT" + fk + ", member BYTEA NOT NULL,"
                    + " PRIMARY KEY (key_id, member))");
            h.execute("CREATE TABLE " + t.zsets() + " (key_id BIGINT" + fk + ", member BYTEA NOT NULL,"
                    + " score DOUBLE PRECISION, score_bits BIGINT NOT NULL, PRIMARY KEY (key_id, member))");
            h.execute("INSERT INTO " + t.keys() + " VALUES (1, 0, 'h', 'hash', NULL, 1), (2, 0, 's', 'set', NULL, 2),"
                    + " (3, 0, 'z', 'zset', NULL, 3), (4, 0, 'str', 'string', NULL, 4)");
            h.execute("INSERT INTO " + t.strings() + " VALUES (4, 'old')");
            h.execute("INSERT INTO " + t.hashes() + " VALUES (1, 'a', '1'), (1, 'b', '2')");
            h.execute("INSERT INTO " + t.sets() + " VALUES (2, 'x'), (2, 'y')");
            h.execute("INSERT INTO " + t.zsets() + " VALUES (3, 'm', 1, " + Double.doubleToLongBits(1) + "),"
                    + " (3, 'n', 2, " + Double.doubleToLongBits(2) + ")");
        });
        KeyspaceCommandExecutor redis = new KeyspaceCommandExecutor("sql", db.engine(Duration.ZERO));
        assertThat(call(redis, "GET", "str")).isEqualTo("old");
        assertThat(call(redis, "SET", "str", "new")).isEqualTo("OK");
        assertThat(call(redis, "HGET", "h", "b")).isEqualTo("2");
        assertThat(call(redis, "HSET", "h", "a", "10", "c", "3")).isEqualTo(1L);
        assertThat(call(redis, "HLEN", "h")).isEqualTo(3L);
        assertThat(call(redis, "HGET", "h", "a")).isEqualTo("10");
        assertThat(call(redis, "SADD", "s", "x", "z")).isEqualTo(1L);
        assertThat(call(redis, "SISMEMBER", "s", "y")).isEqualTo(1L);
        assertThat(call(redis, "ZSCORE", "z", "n")).isEqualTo("2");
        assertThat(call(redis, "ZADD", "z", "0", "m")).isEqualTo(0L);
        assertThat(call(redis, "ZRANGE", "z", "0", "-1")).isEqualTo(List.of("m", "n"));
        String longKey = SqlLongNamesTests.longName(10 * 1024, 'k');
        assertThat(call(redis, "SET", longKey, "v")).isEqualTo("OK");
        assertThat(call(redis, "GET", longKey)).isEqualTo("v");
        String longField = SqlLongNamesTests.longName(10 * 1024, 'f');
        assertThat(call(redis, "HSET", "h", longField, "long")).isEqualTo(1L);
        assertThat(call(redis, "HGET", "h", longField)).isEqualTo("long");
        // the names' own constraints are gone, the hash indexes stand in for them, and the tables stay plain SQL
        db.jdbi().useHandle(h -> {
            assertThat(h.createQuery("SELECT count(*) FROM pg_constraint WHERE contype IN ('u', 'p')"
                            + " AND conrelid IN (to_regclass(:h), to_regclass(:s), to_regclass(:z))")
                    .bind("h", t.hashes()).bind("s", t.sets()).bind("z", t.zsets()).mapTo(Long.class).one())
                    .isZero();
            assertThat(h.createQuery("SELECT count(*) FROM pg_indexes WHERE indexname LIKE :p"
                            + " AND indexdef LIKE '%sha256%'")
                    .bind("p", db.prefix + "%").mapTo(Long.class).one()).isEqualTo(4L);
            assertThat(h.createQuery("SELECT convert_from(s.value, 'UTF8') FROM " + t.keys() + " k JOIN "
                            + t.strings() + " s ON s.key_id = k.id WHERE k.name = 'str'")
                    .mapTo(String.class).one()).isEqualTo("new");
        });
        // a second start finds the upgraded tables and leaves them as they are
        KeyspaceCommandExecutor again = new KeyspaceCommandExecutor("sql", db.engine(Duration.ZERO));
        assertThat(call(again, "GET", longKey)).isEqualTo("v");
        assertThat(call(again, "SCARD", "s")).isEqualTo(3L);
        assertThat(call(again, "HLEN", "h")).isEqualTo(4L);
    }
}
