package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class SortedSetRangeCommandsTest {

    private final Harness r = new Harness();

    @BeforeEach
    void data() {
        r.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        r.call("ZADD", "lex", "0", "a", "0", "b", "0", "c", "0", "d");
    }

    @Test
    void byRank() {
        assertThat(r.call("ZRANGE", "z", "1", "2")).isEqualTo(List.of("b", "c"));
        assertThat(r.call("ZRANGE", "z", "-2", "100", "WITHSCORES")).isEqualTo(List.of("d", "4", "e", "5"));
        assertThat(r.call("ZRANGE", "z", "0", "1", "REV")).isEqualTo(List.of("e", "d"));
        assertThat(r.call("ZREVRANGE", "z", "0", "0", "WITHSCORES")).isEqualTo(List.of("e", "5"));
        assertThat(r.call("ZRANGE", "z", "3", "1")).isEqualTo(List.of());
    }

    @Test
    void byScoreWithExclusiveBoundsReverseAndLimit() {
        assertThat(r.call("ZRANGE", "z", "(1", "3", "BYSCORE")).isEqualTo(List.of("b", "c"));
        assertThat(r.call("ZRANGE", "z", "3", "(1", "BYSCORE", "REV")).isEqualTo(List.of("c", "b"));
        assertThat(r.call("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "2")).isEqualTo(List.of("b", "c"));
        assertThat(r.call("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "2")).isEqualTo(List.of());
        assertThat(r.call("ZREVRANGEBYSCORE", "z", "+inf", "4", "WITHSCORES")).isEqualTo(List.of("e", "5", "d", "4"));
        assertThat(r.call("ZCOUNT", "z", "(1", "(5")).isEqualTo(3L);
    }

    @Test
    void byLex() {
        assertThat(r.call("ZRANGEBYLEX", "lex", "[b", "(d")).isEqualTo(List.of("b", "c"));
        assertThat(r.call("ZRANGE", "lex", "+", "-", "BYLEX", "REV", "LIMIT", "1", "2")).isEqualTo(List.of("c", "b"));
        assertThat(r.call("ZREVRANGEBYLEX", "lex", "+", "(b")).isEqualTo(List.of("d", "c"));
        assertThat(r.call("ZLEXCOUNT", "lex", "-", "+")).isEqualTo(4L);
        assertThat(r.call("ZRANGEBYLEX", "lex", "+", "-")).isEqualTo(List.of());
    }

    /** Answers taken from Redis 7.0 for members whose score order is not their byte order (listpack encoding). */
    @Test
    void lexRangeOverMixedScoresSelectsWhatRedisDoes() {
        r.call("ZADD", "mixed", "1", "x", "-1", "y", "5", "a");
        assertThat(r.call("ZRANGEBYLEX", "mixed", "-", "[z")).isEqualTo(List.of("y", "x", "a"));
        assertThat(r.call("ZRANGEBYLEX", "mixed", "[b", "[z")).isEqualTo(List.of());
        assertThat(r.call("ZREVRANGEBYLEX", "mixed", "[z", "[b")).isEqualTo(List.of());
        assertThat(r.call("ZLEXCOUNT", "mixed", "[b", "[z")).isEqualTo(0L);
        assertThat(r.call("ZREMRANGEBYLEX", "mixed", "[a", "[x")).isEqualTo(0L);
        assertThat(r.call("ZCARD", "mixed")).isEqualTo(3L);
    }

    @Test
    void optionErrorsAreRedis() {
        assertThat(r.call("ZRANGE", "z", "0", "-1", "LIMIT", "0", "1"))
                .isEqualTo(err("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"));
        assertThat(r.call("ZRANGE", "z", "-", "+", "BYLEX", "WITHSCORES"))
                .isEqualTo(err("ERR syntax error, WITHSCORES not supported in combination with BYLEX"));
        assertThat(r.call("ZRANGEBYSCORE", "z", "a", "b")).isEqualTo(err("ERR min or max is not a float"));
        assertThat(r.call("ZRANGEBYLEX", "z", "a", "b")).isEqualTo(err("ERR min or max not valid string range item"));
        assertThat(r.call("ZRANGE", "z", "0", "-1", "BYSCORE", "BYLEX")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("ZRANGEBYSCORE", "z", "0", "1", "REV")).isEqualTo(err("ERR syntax error"));
    }

    @Test
    void removalsByRangeDeleteTheEmptiedKey() {
        assertThat(r.call("ZREMRANGEBYSCORE", "z", "(1", "2")).isEqualTo(1L);
        assertThat(r.call("ZREMRANGEBYRANK", "z", "-1", "-1")).isEqualTo(1L);
        assertThat(r.call("ZRANGE", "z", "0", "-1")).isEqualTo(List.of("a", "c", "d"));
        assertThat(r.call("ZREMRANGEBYLEX", "lex", "-", "+")).isEqualTo(4L);
        assertThat(r.call("EXISTS", "lex")).isEqualTo(0L);
        assertThat(r.call("ZREMRANGEBYRANK", "z", "0", "-1")).isEqualTo(3L);
        assertThat(r.call("EXISTS", "z")).isEqualTo(0L);
    }

    @Test
    void zrangestoreStoresTheRangeAndDeletesTheDestinationWhenEmpty() {
        r.call("ZADD", "src", "1", "a", "2", "b", "3", "c");
        r.call("SET", "dst", "old");
        r.call("EXPIRE", "dst", "100");
        assertThat(r.call("ZRANGESTORE", "dst", "src", "+inf", "(1", "BYSCORE", "REV", "LIMIT", "0", "1")).isEqualTo(1L);
        assertThat(r.call("ZRANGE", "dst", "0", "-1", "WITHSCORES")).isEqualTo(List.of("c", "3"));
        assertThat(r.call("TTL", "dst")).isEqualTo(-1L);
        assertThat(r.call("ZRANGESTORE", "dst", "src", "5", "9")).isEqualTo(0L);
        assertThat(r.call("EXISTS", "dst")).isEqualTo(0L);
        assertThat(r.call("ZRANGESTORE", "dst", "src", "0", "-1", "WITHSCORES")).isEqualTo(err("ERR syntax error"));
        r.call("SET", "s", "v");
        assertThat(r.call("ZRANGESTORE", "dst", "s", "0", "-1")).isEqualTo(err(CommandException.WRONG_TYPE));
    }
}
