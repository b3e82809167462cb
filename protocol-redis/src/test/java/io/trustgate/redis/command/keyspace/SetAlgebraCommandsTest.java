package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class SetAlgebraCommandsTest {

    private final Harness r = new Harness();

    @BeforeEach
    void sets() {
        r.call("SADD", "a", "1", "2", "3");
        r.call("SADD", "b", "2", "3", "4");
    }

    @Test
    void interUnionDiff() {
        assertThat((List<Object>) r.call("SINTER", "a", "b")).containsExactlyInAnyOrder("2", "3");
        assertThat((List<Object>) r.call("SUNION", "a", "b", "none")).containsExactlyInAnyOrder("1", "2", "3", "4");
        assertThat((List<Object>) r.call("SDIFF", "a", "b")).containsExactly("1");
        assertThat(r.call("SINTER", "a", "none")).isEqualTo(List.of());
        assertThat(r.call("SDIFF", "none", "a")).isEqualTo(List.of());
    }

    @Test
    void everyKeyIsTypeCheckedEvenAfterAMissingOne() {
        r.call("SET", "str", "x");
        assertThat(r.call("SINTER", "none", "str"))
                .isEqualTo(err("WRONGTYPE Operation against a key holding the wrong kind of value"));
    }

    @Test
    void storeReplacesTheDestinationDropsItsTtlAndDeletesOnEmpty() {
        r.call("SET", "d", "x", "EX", "100");
        assertThat(r.call("SUNIONSTORE", "d", "a", "b")).isEqualTo(4L);
        assertThat(r.call("TYPE", "d")).isEqualTo(Harness.simple("set"));
        assertThat(r.call("TTL", "d")).isEqualTo(-1L);
        assertThat(r.call("SINTERSTORE", "d", "a", "none")).isEqualTo(0L);
        assertThat(r.call("EXISTS", "d")).isEqualTo(0L);
        assertThat(r.call("SDIFFSTORE", "d", "a", "b")).isEqualTo(1L);
    }

    @Test
    void sintercardHonoursLimitAndChecksNumkeys() {
        assertThat(r.call("SINTERCARD", "2", "a", "b")).isEqualTo(2L);
        assertThat(r.call("SINTERCARD", "2", "a", "b", "LIMIT", "1")).isEqualTo(1L);
        assertThat(r.call("SINTERCARD", "0", "a")).isEqualTo(err("ERR numkeys should be greater than 0"));
        assertThat(r.call("SINTERCARD", "3", "a", "b"))
                .isEqualTo(err("ERR Number of keys can't be greater than number of args"));
        assertThat(r.call("SINTERCARD", "1", "a", "LIMIT", "-1")).isEqualTo(err("ERR LIMIT can't be negative"));
        assertThat(r.call("SINTERCARD", "1", "a", "FOO", "1")).isEqualTo(err("ERR syntax error"));
    }
}
