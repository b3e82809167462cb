package io.trustgate.translators.redis.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.translators.redis.sql.SqlEngineContract.b;
import static org.assertj.core.api.Assertions.assertThat;

/** Field operations on the PostgreSQL at 127.0.0.1:5432 (database test); fails if it is not running. */
class PostgresFieldOperationsIT extends SqlFieldOperationsTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.postgres();
    }

    /** xmin of each row of a collection: it changes exactly when the row is rewritten. */
    private List<String> versions(String table, String key) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT CAST(x.xmin AS TEXT) FROM " + table + " x JOIN "
                        + t.keys() + " k ON k.id = x.key_id WHERE k.name = :n ORDER BY 1")
                .bind("n", b(key)).mapTo(String.class).list());
    }

    @Test
    void writingOneFieldOrMemberLeavesTheOtherRowsUntouched() {
        redis("HSET", "h", "a", "1", "b", "2", "c", "3");
        redis("SADD", "s", "a", "b", "c");
        redis("ZADD", "z", "1", "a", "2", "b", "3", "c");
        List<String> h = versions(t.hashes(), "h");
        List<String> s = versions(t.sets(), "s");
        List<String> z = versions(t.zsets(), "z");
        redis("HSET", "h", "b", "20");
        redis("SADD", "s", "d");
        redis("ZADD", "z", "20", "b");
        assertThat(versions(t.hashes(), "h")).hasSize(3);
        assertThat(versions(t.hashes(), "h").stream().filter(h::contains).count()).isEqualTo(2);
        assertThat(versions(t.sets(), "s").stream().filter(s::contains).count()).isEqualTo(3);
        assertThat(versions(t.zsets(), "z").stream().filter(z::contains).count()).isEqualTo(2);
    }
}
