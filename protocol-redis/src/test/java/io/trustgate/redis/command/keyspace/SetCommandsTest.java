package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class SetCommandsTest {

    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final Harness r = new Harness();

    @SuppressWarnings("unchecked")
    private List<Object> members(String key) {
        return (List<Object>) r.call("SMEMBERS", key);
    }

    @Test
    void saddAndSremCountChangesAndTheEmptiedSetIsDeleted() {
        assertThat(r.call("SADD", "s", "a", "b", "a")).isEqualTo(2L);
        assertThat(r.call("SADD", "s", "b", "c")).isEqualTo(1L);
        assertThat(members("s")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(r.call("SREM", "s", "a", "x")).isEqualTo(1L);
        assertThat(r.call("SREM", "s", "b", "c")).isEqualTo(2L);
        assertThat(r.call("EXISTS", "s")).isEqualTo(0L);
        assertThat(r.call("SREM", "s", "a")).isEqualTo(0L);
    }

    @Test
    void membershipQueries() {
        r.call("SADD", "s", "a", "b");
        assertThat(r.call("SISMEMBER", "s", "a")).isEqualTo(1L);
        assertThat(r.call("SISMEMBER", "none", "a")).isEqualTo(0L);
        assertThat(r.call("SMISMEMBER", "s", "a", "x", "b")).isEqualTo(List.of(1L, 0L, 1L));
        assertThat(r.call("SMISMEMBER", "none", "a")).isEqualTo(List.of(0L));
        assertThat(r.call("SCARD", "s")).isEqualTo(2L);
        assertThat(r.call("SCARD", "none")).isEqualTo(0L);
        assertThat(r.call("SMEMBERS", "none")).isEqualTo(List.of());
    }

    @Test
    void smoveFollowsRedisOrderOfChecks() {
        r.call("SADD", "s", "a", "b");
        r.call("SET", "str", "x");
        assertThat(r.call("SMOVE", "none", "str", "a")).isEqualTo(0L);
        assertThat(r.call("SMOVE", "s", "str", "a")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("SMOVE", "s", "s", "a")).isEqualTo(1L);
        assertThat(r.call("SMOVE", "s", "s", "x")).isEqualTo(0L);
        assertThat(r.call("SMOVE", "s", "t", "x")).isEqualTo(0L);
        assertThat(r.call("SMOVE", "s", "t", "a")).isEqualTo(1L);
        assertThat(r.call("SMOVE", "s", "t", "b")).isEqualTo(1L);
        assertThat(r.call("EXISTS", "s")).isEqualTo(0L);
        assertThat(members("t")).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void sscanReturnsMembersMatchingThePattern() {
        r.call("SADD", "s", "a1", "a2", "b1");
        @SuppressWarnings("unchecked")
        List<Object> page = (List<Object>) r.call("SSCAN", "s", "0", "MATCH", "a*");
        assertThat(page.get(0)).isEqualTo("0");
        assertThat((List<Object>) page.get(1)).containsExactlyInAnyOrder("a1", "a2");
    }

    @Test
    void setCommandsOnOtherTypesAreWrongType() {
        r.call("SET", "str", "x");
        assertThat(r.call("SADD", "str", "a")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("SMEMBERS", "str")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("SCARD", "str")).isEqualTo(err(WRONGTYPE));
        r.call("SADD", "s", "a");
        assertThat(r.call("TYPE", "s")).isEqualTo(Harness.simple("set"));
        assertThat(r.call("LLEN", "s")).isEqualTo(err(WRONGTYPE));
    }
}
