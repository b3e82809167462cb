package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.Capability;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.OK;
import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class HashCommandsTest {

    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final Harness r = new Harness();

    @Test
    void hsetCountsNewFieldsAndHmsetAnswersOk() {
        assertThat(r.call("HSET", "h", "a", "1", "b", "2")).isEqualTo(2L);
        assertThat(r.call("HSET", "h", "a", "10", "c", "3")).isEqualTo(1L);
        assertThat(r.call("HMSET", "h", "d", "4")).isEqualTo(OK);
        assertThat(r.call("HSET", "h", "a")).isEqualTo(err("ERR wrong number of arguments for 'hset' command"));
        assertThat(r.call("HMSET", "h", "a", "1", "b")).isEqualTo(err("ERR wrong number of arguments for 'hmset' command"));
        assertThat(r.call("HGET", "h", "a")).isEqualTo("10");
        assertThat(r.call("HLEN", "h")).isEqualTo(4L);
    }

    @Test
    void readersAnswerForMissingKeysAndFields() {
        r.call("HSET", "h", "a", "1");
        assertThat(r.call("HGET", "h", "x")).isNull();
        assertThat(r.call("HGET", "none", "x")).isNull();
        assertThat(r.call("HMGET", "h", "a", "x")).isEqualTo(java.util.Arrays.asList("1", null));
        assertThat(r.call("HGETALL", "none")).isEqualTo(List.of());
        assertThat(r.call("HGETALL", "h")).isEqualTo(List.of("a", "1"));
        assertThat(r.call("HKEYS", "h")).isEqualTo(List.of("a"));
        assertThat(r.call("HVALS", "h")).isEqualTo(List.of("1"));
        assertThat(r.call("HEXISTS", "h", "a")).isEqualTo(1L);
        assertThat(r.call("HSTRLEN", "h", "a")).isEqualTo(1L);
        assertThat(r.call("HSTRLEN", "h", "x")).isEqualTo(0L);
    }

    @Test
    void hsetnxOnlySetsAbsentFields() {
        assertThat(r.call("HSETNX", "h", "a", "1")).isEqualTo(1L);
        assertThat(r.call("HSETNX", "h", "a", "2")).isEqualTo(0L);
        assertThat(r.call("HGET", "h", "a")).isEqualTo("1");
    }

    @Test
    void hdelDeletesTheKeyWithItsLastField() {
        r.call("HSET", "h", "a", "1", "b", "2");
        assertThat(r.call("HDEL", "h", "a", "x")).isEqualTo(1L);
        assertThat(r.call("HDEL", "h", "b")).isEqualTo(1L);
        assertThat(r.call("EXISTS", "h")).isEqualTo(0L);
        assertThat(r.call("HDEL", "h", "b")).isEqualTo(0L);
    }

    @Test
    void hincrbyChecksTheStoredValueAndOverflow() {
        assertThat(r.call("HINCRBY", "h", "n", "5")).isEqualTo(5L);
        assertThat(r.call("HINCRBY", "h", "n", "-7")).isEqualTo(-2L);
        r.call("HSET", "h", "s", "abc");
        assertThat(r.call("HINCRBY", "h", "s", "1")).isEqualTo(err("ERR hash value is not an integer"));
        assertThat(r.call("HINCRBY", "h", "n", "x")).isEqualTo(err("ERR value is not an integer or out of range"));
        r.call("HSET", "h", "max", "9223372036854775807");
        assertThat(r.call("HINCRBY", "h", "max", "1")).isEqualTo(err("ERR increment or decrement would overflow"));
    }

    @Test
    void hincrbyfloatPrintsLikeRedisAndRefusesInfinity() {
        assertThat(r.call("HINCRBYFLOAT", "h", "f", "0.1")).isEqualTo("0.1");
        assertThat(r.call("HINCRBYFLOAT", "h", "f", "0.2")).isEqualTo("0.3");
        assertThat(r.call("HINCRBYFLOAT", "h", "g", "3.0e3")).isEqualTo("3000");
        assertThat(r.call("HINCRBYFLOAT", "h", "f", "inf")).isEqualTo(err("ERR value is NaN or Infinity"));
        assertThat(r.call("HINCRBYFLOAT", "h", "f", "abc")).isEqualTo(err("ERR value is not a valid float"));
        r.call("HSET", "h", "s", "abc");
        assertThat(r.call("HINCRBYFLOAT", "h", "s", "1")).isEqualTo(err("ERR hash value is not a float"));
    }

    @Test
    void writesKeepTheTtl() {
        r.call("HSET", "h", "a", "1");
        r.call("EXPIRE", "h", "100");
        r.call("HSET", "h", "b", "2");
        r.call("HINCRBY", "h", "a", "1");
        assertThat(r.call("TTL", "h")).isEqualTo(100L);
    }

    @Test
    void hscanReturnsEverythingInOnePageFilteredByMatch() {
        r.call("HSET", "h", "a1", "x", "b1", "y");
        assertThat(r.call("HSCAN", "h", "0", "MATCH", "a*", "COUNT", "1")).isEqualTo(List.of("0", List.of("a1", "x")));
        assertThat(r.call("HSCAN", "none", "0", "COUNT", "0")).isEqualTo(List.of("0", List.of()));
        assertThat(r.call("HSCAN", "h", "0", "COUNT", "0")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("HSCAN", "h", "0", "TYPE", "hash")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("HSCAN", "h", "x")).isEqualTo(err("ERR invalid cursor"));
    }

    @Test
    void hashCommandsOnOtherTypesAreWrongType() {
        r.call("SET", "s", "x");
        for (String[] cmd : new String[][]{{"HSET", "s", "f", "v"}, {"HGET", "s", "f"}, {"HGETALL", "s"},
                {"HDEL", "s", "f"}, {"HLEN", "s"}, {"HINCRBY", "s", "f", "1"}, {"HSCAN", "s", "0"},
                {"HRANDFIELD", "s"}}) {
            assertThat(r.call(cmd)).as(String.join(" ", cmd)).isEqualTo(err(WRONGTYPE));
        }
        r.call("HSET", "h", "f", "v");
        assertThat(r.call("GET", "h")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("TYPE", "h")).isEqualTo(Harness.simple("hash"));
    }

    @Test
    void hashesAreRefusedByAnEngineWithoutThem() {
        Harness stringsOnly = new Harness(new MapKeyspaceEngine(EnumSet.of(Capability.STRINGS), 16));
        assertThat(stringsOnly.call("HSET", "h", "f", "v"))
                .isEqualTo(err("ERR command 'HSET' is not supported by backend 'embedded' (no hashes)"));
    }
}
