package io.trustgate.translators.redis.sql;

import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trustgate.translators.redis.sql.SqlEngineContract.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables written by the previous MariaDB schema (names as {@code VARBINARY(3000)}, indexed by their bytes) are
 * upgraded in place when an engine starts on them: the data stays readable and writable, hash fields and members
 * keep their identity, and names longer than 3000 bytes work afterwards. Uses the MariaDB at 127.0.0.1:3306
 * (database test); fails if it is not running.
 */
class MariaDbSchemaUpgradeIT {

    private final SqlEngineContract db = SqlEngineContract.mariadb();
    private final Tables t = Tables.withPrefix(db.prefix);

    @AfterEach
    void drop() {
        db.dropAll();
    }

    @Test
    void tablesOfThePreviousSchemaAreUpgradedAndKeepTheirData() {
        String fk = ", FOREIGN KEY (key_id) REFERENCES " + t.keys() + " (id) ON DELETE CASCADE) ENGINE=InnoDB";
        db.jdbi().useHandle(h -> {
            h.execute("CREATE TABLE " + t.keys() + " (id BIGINT PRIMARY KEY, db INT NOT NULL,"
                    + " name VARBINARY(3000) NOT NULL, type VARCHAR(8) NOT NULL, expire_at_ms BIGINT NULL,"
                    + " stamp BIGINT NOT NULL, UNIQUE KEY " + t.keys() + "_db_name (db, name),"
                    + " KEY " + t.keys() + "_db_id (db, id), KEY " + t.keys() + "_expiry (expire_at_ms))"
                    + " ENGINE=InnoDB");
            h.execute("CREATE TABLE " + t.hashes() + " (key_id BIGINT NOT NULL, field VARBINARY(3000) NOT NULL,"
                    + " value LONGBLOB NOT NULL, PRIMARY KEY (key_id, field)" + fk);
            h.execute("CREATE TABLE " + t.sets() + " (key_id BIGINT NOT NULL, member VARBINARY(3000) NOT NULL,"
                    + " PRIMARY KEY (key_id, member)" + fk);
            h.execute("CREATE TABLE " + t.zsets() + " (key_id BIGINT NOT NULL, member VARBINARY(3000) NOT NULL,"
                    + " score DOUBLE NULL, score_bits BIGINT NOT NULL, PRIMARY KEY (key_id, member)" + fk);
            h.execute("INSERT INTO " + t.keys() + " VALUES (1, 0, 'h', 'hash', NULL, 1), (2, 0, 's', 'set', NULL, 2),"
                    + " (3, 0, 'z', 'zset', NULL, 3)");
            h.execute("INSERT INTO " + t.hashes() + " VALUES (1, 'a', '1'), (1, 'b', '2')");
            h.execute("INSERT INTO " + t.sets() + " VALUES (2, 'x'), (2, 'y')");
            h.execute("INSERT INTO " + t.zsets() + " VALUES (3, 'm', 1, " + Double.doubleToLongBits(1) + "),"
                    + " (3, 'n', 2, " + Double.doubleToLongBits(2) + ")");
        });
        KeyspaceCommandExecutor redis = new KeyspaceCommandExecutor("sql", db.engine(Duration.ZERO));
        assertThat(call(redis, "HGET", "h", "b")).isEqualTo("2");
        assertThat(call(redis, "HSET", "h", "a", "10", "c", "3")).isEqualTo(1L);
        assertThat(call(redis, "HLEN", "h")).isEqualTo(3L);
        assertThat(call(redis, "HGET", "h", "a")).isEqualTo("10");
        assertThat(call(redis, "SADD", "s", "x", "z")).isEqualTo(1L);
        assertThat(call(redis, "SISMEMBER", "s", "y")).isEqualTo(1L);
        assertThat(call(redis, "ZSCORE", "z", "n")).isEqualTo("2");
        assertThat(call(redis, "ZADD", "z", "0", "m")).isEqualTo(0L);
        assertThat(call(redis, "ZRANGE", "z", "0", "-1")).isEqualTo(List.of("m", "n"));
        assertThat(call(redis, "SET", "h", "overwritten")).isEqualTo("OK");
        String longKey = "k".repeat(5000);
        assertThat(call(redis, "SET", longKey, "v")).isEqualTo("OK");
        assertThat(call(redis, "GET", longKey)).isEqualTo("v");
        // a second start finds the upgraded tables and leaves them as they are
        KeyspaceCommandExecutor again = new KeyspaceCommandExecutor("sql", db.engine(Duration.ZERO));
        assertThat(call(again, "GET", longKey)).isEqualTo("v");
        assertThat(call(again, "SCARD", "s")).isEqualTo(3L);
    }
}
