package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class RandomPicksTest {

    private final Harness r = new Harness();

    @Test
    void drawsWithRepeatsNameEachDistinctElementByItsFirstDraw() {
        int[] draws = RandomPicks.withRepeats(2, 50);
        assertThat(draws).hasSize(50).contains(0).containsOnly(0, 1);
        assertThat(draws[0]).isZero();
        int next = 0;
        for (int d : draws) {
            assertThat(d).isLessThanOrEqualTo(next);
            next = Math.max(next, d + 1);
        }
        assertThat(RandomPicks.withRepeats(1, 5)).containsOnly(0);
        assertThat(RandomPicks.picks(-6, () -> 3, n -> List.of("x", "y", "z").subList(0, (int) n))).hasSize(6)
                .isSubsetOf("x", "y", "z");
    }

    @Test
    void hrandfieldShapes() {
        r.call("HSET", "h", "a", "1", "b", "2");
        assertThat(r.call("HRANDFIELD", "none")).isNull();
        assertThat(r.call("HRANDFIELD", "none", "3")).isEqualTo(List.of());
        assertThat(r.call("HRANDFIELD", "h")).isIn("a", "b");
        assertThat((List<Object>) r.call("HRANDFIELD", "h", "5", "WITHVALUES")).containsExactlyInAnyOrder("a", "1", "b", "2");
        assertThat((List<Object>) r.call("HRANDFIELD", "h", "-5")).hasSize(5);
        assertThat((List<Object>) r.call("HRANDFIELD", "h", "-5", "WITHVALUES")).hasSize(10);
        assertThat(r.call("HRANDFIELD", "h", "1", "WITHSCORES")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("HRANDFIELD", "h", "-9223372036854775808")).isEqualTo(
                err("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"));
        assertThat(r.call("HRANDFIELD", "h", "-9223372036854775807", "WITHVALUES"))
                .isEqualTo(err("ERR value is out of range"));
    }

    @Test
    void spopRemovesAndDeletesTheEmptiedSet() {
        r.call("SADD", "s", "a", "b", "c");
        assertThat(r.call("SPOP", "s")).isIn("a", "b", "c");
        assertThat((List<Object>) r.call("SPOP", "s", "5")).hasSize(2);
        assertThat(r.call("EXISTS", "s")).isEqualTo(0L);
        assertThat(r.call("SPOP", "s")).isNull();
        assertThat(r.call("SPOP", "s", "2")).isEqualTo(List.of());
        assertThat(r.call("SPOP", "s", "x")).isEqualTo(err("ERR value is out of range, must be positive"));
        assertThat(r.call("SPOP", "s", "1", "2")).isEqualTo(err("ERR syntax error"));
    }

    @Test
    void srandmemberLeavesTheSetAlone() {
        r.call("SADD", "s", "a", "b");
        assertThat((List<Object>) r.call("SRANDMEMBER", "s", "-4")).hasSize(4);
        assertThat((List<Object>) r.call("SRANDMEMBER", "s", "4")).containsExactlyInAnyOrder("a", "b");
        assertThat(r.call("SRANDMEMBER", "s", "0")).isEqualTo(List.of());
        assertThat(r.call("SRANDMEMBER", "none")).isNull();
        assertThat(r.call("SCARD", "s")).isEqualTo(2L);
    }

    @Test
    void zrandmemberWithScores() {
        r.call("ZADD", "z", "1.5", "a");
        assertThat(r.call("ZRANDMEMBER", "z", "1", "WITHSCORES")).isEqualTo(List.of("a", "1.5"));
        assertThat(r.call("ZRANDMEMBER", "z")).isEqualTo("a");
        assertThat(r.call("ZRANDMEMBER", "none", "1")).isEqualTo(List.of());
    }
}
