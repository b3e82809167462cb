package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.OK;
import static io.trustgate.redis.command.keyspace.Harness.err;
import static io.trustgate.redis.command.keyspace.Harness.simple;
import static org.assertj.core.api.Assertions.assertThat;

class KeyCommandsTest {

    private final Harness r = new Harness();

    @Test
    void delAndUnlinkCountOnlyExistingKeysOnce() {
        r.call("MSET", "a", "1", "b", "2");
        assertThat(r.call("DEL", "a", "a", "nokey")).isEqualTo(1L);
        assertThat(r.call("UNLINK", "b", "a")).isEqualTo(1L);
        assertThat(r.call("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void existsAndTouchCountRepeatedKeysEachTime() {
        r.call("SET", "a", "1");
        assertThat(r.call("EXISTS", "a", "a", "nokey")).isEqualTo(2L);
        assertThat(r.call("TOUCH", "a", "nokey", "a")).isEqualTo(2L);
    }

    @Test
    void typeNamesEachKind() {
        r.call("SET", "s", "1");
        r.call("RPUSH", "l", "1");
        assertThat(r.call("TYPE", "s")).isEqualTo(simple("string"));
        assertThat(r.call("TYPE", "l")).isEqualTo(simple("list"));
        assertThat(r.call("TYPE", "nokey")).isEqualTo(simple("none"));
    }

    @Test
    void renameMovesValueAndTtlAndReplacesTheTarget() {
        r.call("SET", "a", "1", "EX", "100");
        r.call("RPUSH", "b", "x");
        assertThat(r.call("RENAME", "a", "b")).isEqualTo(OK);
        assertThat(r.call("GET", "b")).isEqualTo("1");
        assertThat(r.call("TTL", "b")).isEqualTo(100L);
        assertThat(r.call("EXISTS", "a")).isEqualTo(0L);
    }

    @Test
    void renameOfAMissingKeyIsAnError() {
        assertThat(r.call("RENAME", "nokey", "x")).isEqualTo(err("ERR no such key"));
        assertThat(r.call("RENAMENX", "nokey", "x")).isEqualTo(err("ERR no such key"));
    }

    @Test
    void renameToItselfIsANoOp() {
        r.call("SET", "a", "1");
        assertThat(r.call("RENAME", "a", "a")).isEqualTo(OK);
        assertThat(r.call("RENAMENX", "a", "a")).isEqualTo(0L);
        assertThat(r.call("GET", "a")).isEqualTo("1");
    }

    @Test
    void renamenxDoesNotOverwrite() {
        r.call("MSET", "a", "1", "b", "2");
        assertThat(r.call("RENAMENX", "a", "b")).isEqualTo(0L);
        assertThat(r.call("RENAMENX", "a", "c")).isEqualTo(1L);
        assertThat(r.call("MGET", "a", "b", "c")).isEqualTo(java.util.Arrays.asList(null, "2", "1"));
    }

    @Test
    void copyDuplicatesWithinAndAcrossDatabases() {
        r.call("SET", "a", "1", "EX", "100");
        assertThat(r.call("COPY", "a", "b")).isEqualTo(1L);
        assertThat(r.call("COPY", "a", "b")).isEqualTo(0L);
        r.call("SET", "a", "2");
        assertThat(r.call("COPY", "a", "b", "REPLACE")).isEqualTo(1L);
        assertThat(r.call("GET", "b")).isEqualTo("2");
        assertThat(r.call("COPY", "b", "b", "DB", "3")).isEqualTo(1L);
        assertThat(r.callDb(3, "GET", "b")).isEqualTo("2");
        assertThat(r.call("COPY", "nokey", "x")).isEqualTo(0L);
    }

    @Test
    void copiedListsAreIndependent() {
        r.call("RPUSH", "l", "a");
        r.call("COPY", "l", "m");
        r.call("RPUSH", "m", "b");
        assertThat(r.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a"));
        assertThat(r.call("LRANGE", "m", "0", "-1")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void copyErrorsMatchRedis() {
        r.call("SET", "a", "1");
        assertThat(r.call("COPY", "a", "a")).isEqualTo(err("ERR source and destination objects are the same"));
        assertThat(r.call("COPY", "a", "b", "DB", "16")).isEqualTo(err("ERR DB index is out of range"));
        assertThat(r.call("COPY", "a", "b", "DB", "-1")).isEqualTo(err("ERR DB index is out of range"));
        assertThat(r.call("COPY", "a", "b", "DB", "x")).isEqualTo(err("ERR value is not an integer or out of range"));
        assertThat(r.call("COPY", "a", "b", "DB")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("COPY", "a", "b", "REPLACE", "foo")).isEqualTo(err("ERR syntax error"));
    }

    @Test
    void moveOnlyWhenAbsentInTheTarget() {
        r.call("SET", "a", "1", "EX", "100");
        assertThat(r.call("MOVE", "a", "2")).isEqualTo(1L);
        assertThat(r.call("EXISTS", "a")).isEqualTo(0L);
        assertThat(r.callDb(2, "TTL", "a")).isEqualTo(100L);
        r.call("SET", "a", "local");
        assertThat(r.call("MOVE", "a", "2")).isEqualTo(0L);
        assertThat(r.call("GET", "a")).isEqualTo("local");
        assertThat(r.call("MOVE", "nokey", "2")).isEqualTo(0L);
    }

    @Test
    void moveErrorsMatchRedis() {
        assertThat(r.call("MOVE", "a", "0")).isEqualTo(err("ERR source and destination objects are the same"));
        assertThat(r.call("MOVE", "a", "99")).isEqualTo(err("ERR DB index is out of range"));
        assertThat(r.call("MOVE", "a", "x")).isEqualTo(err("ERR value is not an integer or out of range"));
    }

    @Test
    void databasesAreSeparate() {
        r.callDb(0, "SET", "k", "zero");
        r.callDb(1, "SET", "k", "one");
        assertThat(r.callDb(0, "GET", "k")).isEqualTo("zero");
        assertThat(r.callDb(1, "GET", "k")).isEqualTo("one");
        assertThat(r.callDb(16, "GET", "k")).isEqualTo(err("ERR DB index is out of range"));
    }
}
