package io.trustgate.translators.redis.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TablesTest {

    @Test
    void namesEveryTableWithThePrefix() {
        Tables t = Tables.withPrefix("redis_");
        assertThat(t.keys()).isEqualTo("redis_keys");
        assertThat(t.readable()).isEqualTo("redis_readable");
        assertThat(t.child("zset")).isEqualTo("redis_zsets");
        assertThat(t.child("string")).isEqualTo("redis_strings");
    }

    @Test
    void rejectsPrefixesThatCouldInjectSql() {
        assertThatThrownBy(() -> Tables.withPrefix("x; DROP TABLE y; --")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tables.withPrefix("Upper_")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tables.withPrefix("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bothDialectsCreateTheSameTablesAndTheReadableView() {
        Tables t = Tables.withPrefix("p_");
        for (SqlDialect d : new SqlDialect[] {new PostgresDialect(), new MariaDbDialect()}) {
            String ddl = String.join("\n", d.schema(t));
            assertThat(ddl).contains("p_keys", "p_strings", "p_hashes", "p_lists", "p_sets", "p_zsets",
                    "VIEW p_readable");
        }
        assertThat(String.join("\n", new MariaDbDialect().schema(t))).contains("p_lock"); // its key-lock stripes
        assertThat(t.stamps()).isEqualTo("p_stamps");
        assertThat(new MariaDbDialect().readableScore(Double.POSITIVE_INFINITY)).isNull();
        assertThat(new PostgresDialect().readableScore(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
