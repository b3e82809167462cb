package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.OK;
import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class ListEditCommandsTest {

    private final Harness r = new Harness();

    @Test
    void lsetReplacesByIndex() {
        r.call("RPUSH", "l", "a", "b", "c");
        assertThat(r.call("LSET", "l", "-1", "C")).isEqualTo(OK);
        assertThat(r.call("LSET", "l", "3", "x")).isEqualTo(err("ERR index out of range"));
        assertThat(r.call("LSET", "none", "0", "x")).isEqualTo(err("ERR no such key"));
        assertThat(r.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "b", "C"));
    }

    @Test
    void linsertAnswersTheNewLengthOrMinusOne() {
        r.call("RPUSH", "l", "a", "c");
        assertThat(r.call("LINSERT", "l", "BEFORE", "c", "b")).isEqualTo(3L);
        assertThat(r.call("LINSERT", "l", "after", "c", "d")).isEqualTo(4L);
        assertThat(r.call("LINSERT", "l", "AFTER", "x", "y")).isEqualTo(-1L);
        assertThat(r.call("LINSERT", "none", "AFTER", "x", "y")).isEqualTo(0L);
        assertThat(r.call("LINSERT", "l", "MIDDLE", "x", "y")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "b", "c", "d"));
    }

    @Test
    void lremFromEitherEndAndDeletesTheEmptiedList() {
        r.call("RPUSH", "l", "a", "b", "a", "b", "a");
        assertThat(r.call("LREM", "l", "-1", "a")).isEqualTo(1L);
        assertThat(r.call("LREM", "l", "1", "b")).isEqualTo(1L);
        assertThat(r.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "a", "b"));
        assertThat(r.call("LREM", "l", "0", "a")).isEqualTo(2L);
        assertThat(r.call("LREM", "l", "0", "b")).isEqualTo(1L);
        assertThat(r.call("EXISTS", "l")).isEqualTo(0L);
    }

    @Test
    void ltrimClampsLikeRedis() {
        r.call("RPUSH", "l", "a", "b", "c", "d");
        assertThat(r.call("LTRIM", "l", "1", "-2")).isEqualTo(OK);
        assertThat(r.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("b", "c"));
        assertThat(r.call("LTRIM", "l", "5", "2")).isEqualTo(OK);
        assertThat(r.call("EXISTS", "l")).isEqualTo(0L);
    }

    @Test
    void lposWithRankCountAndMaxlen() {
        r.call("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
        assertThat(r.call("LPOS", "l", "c")).isEqualTo(2L);
        assertThat(r.call("LPOS", "l", "c", "RANK", "-1")).isEqualTo(7L);
        assertThat(r.call("LPOS", "l", "c", "COUNT", "0")).isEqualTo(List.of(2L, 6L, 7L));
        assertThat(r.call("LPOS", "l", "c", "RANK", "2", "COUNT", "0", "MAXLEN", "7")).isEqualTo(List.of(6L));
        assertThat(r.call("LPOS", "l", "x")).isNull();
        assertThat(r.call("LPOS", "none", "x", "COUNT", "1")).isEqualTo(List.of());
        assertThat(r.call("LPOS", "l", "c", "RANK", "0")).isEqualTo(err("ERR RANK can't be zero: use 1 to start from "
                + "the first match, 2 from the second ... or use negative to start from the end of the list"));
        assertThat(r.call("LPOS", "l", "c", "COUNT", "-1")).isEqualTo(err("ERR COUNT can't be negative"));
        assertThat(r.call("LPOS", "l", "c", "MAXLEN", "x")).isEqualTo(err("ERR MAXLEN can't be negative"));
    }

    @Test
    void lmoveAndRpoplpushMoveBetweenListsAndRotate() {
        r.call("RPUSH", "src", "a", "b", "c");
        assertThat(r.call("LMOVE", "src", "dst", "LEFT", "RIGHT")).isEqualTo("a");
        assertThat(r.call("RPOPLPUSH", "src", "dst")).isEqualTo("c");
        assertThat(r.call("LMOVE", "dst", "dst", "LEFT", "RIGHT")).isEqualTo("c");
        assertThat(r.call("LRANGE", "dst", "0", "-1")).isEqualTo(List.of("a", "c"));
        assertThat(r.call("LMOVE", "src", "dst", "UP", "LEFT")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("RPOPLPUSH", "src", "dst")).isEqualTo("b");
        assertThat(r.call("EXISTS", "src")).isEqualTo(0L);
        assertThat(r.call("RPOPLPUSH", "src", "dst")).isNull();
        r.call("SET", "str", "x");
        assertThat(r.call("LMOVE", "dst", "str", "LEFT", "LEFT"))
                .isEqualTo(err("WRONGTYPE Operation against a key holding the wrong kind of value"));
        assertThat(r.call("LLEN", "dst")).isEqualTo(3L);
    }

    @Test
    void blockingMovesStayRefused() {
        assertThat(r.call("BLMOVE", "a", "b", "LEFT", "LEFT", "0"))
                .isEqualTo(err("ERR command 'BLMOVE' is not supported by backend 'embedded' (no blocking operations)"));
        assertThat(r.call("BRPOPLPUSH", "a", "b", "0")).isEqualTo(
                err("ERR command 'BRPOPLPUSH' is not supported by backend 'embedded' (no blocking operations)"));
    }
}
