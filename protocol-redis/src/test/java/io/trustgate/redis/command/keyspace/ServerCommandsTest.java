package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import static io.trustgate.redis.command.keyspace.Harness.OK;
import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class ServerCommandsTest {

    private final Harness r = new Harness();

    @Test
    void dbsizeCountsTheSelectedDatabase() {
        r.call("MSET", "a", "1", "b", "2");
        r.callDb(1, "SET", "c", "3");
        assertThat(r.call("DBSIZE")).isEqualTo(2L);
        assertThat(r.callDb(1, "DBSIZE")).isEqualTo(1L);
    }

    @Test
    void flushdbEmptiesOnlyTheSelectedDatabase() {
        r.call("SET", "a", "1");
        r.callDb(1, "SET", "b", "2");
        assertThat(r.call("FLUSHDB", "ASYNC")).isEqualTo(OK);
        assertThat(r.call("DBSIZE")).isEqualTo(0L);
        assertThat(r.callDb(1, "DBSIZE")).isEqualTo(1L);
    }

    @Test
    void flushallEmptiesEveryDatabase() {
        r.call("SET", "a", "1");
        r.callDb(15, "SET", "b", "2");
        assertThat(r.call("FLUSHALL", "sync")).isEqualTo(OK);
        assertThat(r.callDb(15, "DBSIZE")).isEqualTo(0L);
        assertThat(r.call("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void flushAcceptsOnlySyncOrAsync() {
        r.call("SET", "a", "1");
        assertThat(r.call("FLUSHALL", "foo")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("FLUSHDB", "ASYNC", "SYNC")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("DBSIZE")).isEqualTo(1L);
    }

    @Test
    void waitAnswersZeroReplicasAtOnce() {
        assertThat(r.call("WAIT", "1", "0")).isEqualTo(0L);
        assertThat(r.call("WAIT", "0", "-1")).isEqualTo(err("ERR timeout is negative"));
        assertThat(r.call("WAIT", "0", "abc")).isEqualTo(err("ERR timeout is not an integer or out of range"));
        assertThat(r.call("WAIT", "x", "abc")).isEqualTo(err("ERR value is not an integer or out of range"));
        assertThat(r.executor.support("WAIT")).isEqualTo(CommandSupport.IGNORED);
    }

    @Test
    void pingAndEcho() {
        assertThat(r.call("PING")).isEqualTo(Harness.simple("PONG"));
        assertThat(r.call("PING", "hi")).isEqualTo("hi");
        assertThat(r.call("PING", "a", "b")).isEqualTo(err("ERR wrong number of arguments for 'ping' command"));
        assertThat(r.call("ECHO", "x")).isEqualTo("x");
    }
}
