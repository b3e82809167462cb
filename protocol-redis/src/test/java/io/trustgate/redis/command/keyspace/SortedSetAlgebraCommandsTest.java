package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class SortedSetAlgebraCommandsTest {

    private final Harness r = new Harness();

    @BeforeEach
    void data() {
        r.call("ZADD", "a", "1", "x", "2", "y");
        r.call("ZADD", "b", "10", "y", "20", "z");
        r.call("SADD", "s", "x", "z");
    }

    @Test
    void unionSumsByDefaultAndTakesSetsAsScoreOne() {
        assertThat(r.call("ZUNIONSTORE", "d", "3", "a", "b", "s")).isEqualTo(3L);
        assertThat(r.call("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo(List.of("x", "2", "y", "12", "z", "21"));
    }

    @Test
    void weightsAndAggregates() {
        r.call("ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "2", "0.5", "AGGREGATE", "MAX");
        assertThat(r.call("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo(List.of("x", "2", "y", "5", "z", "10"));
        r.call("ZINTERSTORE", "d", "2", "a", "b", "AGGREGATE", "MIN");
        assertThat(r.call("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo(List.of("y", "2"));
    }

    @Test
    void infinitiesThatCancelGiveZero() {
        r.call("ZADD", "p", "inf", "m");
        r.call("ZADD", "n", "-inf", "m");
        r.call("ZUNIONSTORE", "d", "2", "p", "n");
        assertThat(r.call("ZSCORE", "d", "m")).isEqualTo("0");
        r.call("ZUNIONSTORE", "d", "1", "p", "WEIGHTS", "0");
        assertThat(r.call("ZSCORE", "d", "m")).isEqualTo("0");
    }

    @Test
    void emptyResultDeletesTheDestination() {
        r.call("SET", "d", "v");
        assertThat(r.call("ZINTERSTORE", "d", "2", "a", "none")).isEqualTo(0L);
        assertThat(r.call("EXISTS", "d")).isEqualTo(0L);
    }

    @Test
    void argumentErrors() {
        assertThat(r.call("ZUNIONSTORE", "d", "0", "a"))
                .isEqualTo(err("ERR at least 1 input key is needed for 'zunionstore' command"));
        assertThat(r.call("ZUNIONSTORE", "d", "3", "a", "b")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "x"))
                .isEqualTo(err("ERR weight value is not a float"));
        assertThat(r.call("ZUNIONSTORE", "d", "2", "a", "b", "AGGREGATE", "avg")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("ZUNIONSTORE", "d", "2", "a", "b", "WITHSCORES")).isEqualTo(err("ERR syntax error"));
        r.call("SET", "str", "v");
        assertThat(r.call("ZUNIONSTORE", "d", "2", "a", "str"))
                .isEqualTo(err("WRONGTYPE Operation against a key holding the wrong kind of value"));
    }

    @Test
    void readOnlyFormsAndCardinality() {
        assertThat(r.call("ZINTER", "2", "a", "b", "WITHSCORES")).isEqualTo(List.of("y", "12"));
        assertThat(r.call("ZDIFF", "2", "a", "b")).isEqualTo(List.of("x"));
        assertThat(r.call("ZINTERCARD", "2", "a", "s")).isEqualTo(1L);
    }
}
