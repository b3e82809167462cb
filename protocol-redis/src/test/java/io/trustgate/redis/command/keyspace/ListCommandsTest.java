package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.Capability;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class ListCommandsTest {

    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final Harness r = new Harness();

    @Test
    void pushesAddAtEitherEndAndReturnTheLength() {
        assertThat(r.call("RPUSH", "l", "b", "c")).isEqualTo(2L);
        assertThat(r.call("LPUSH", "l", "a", "z")).isEqualTo(4L);
        assertThat(r.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("z", "a", "b", "c"));
        assertThat(r.call("LLEN", "l")).isEqualTo(4L);
    }

    @Test
    void pushxOnlyPushesToAnExistingList() {
        assertThat(r.call("LPUSHX", "l", "a")).isEqualTo(0L);
        assertThat(r.call("EXISTS", "l")).isEqualTo(0L);
        r.call("RPUSH", "l", "a");
        assertThat(r.call("RPUSHX", "l", "b")).isEqualTo(2L);
    }

    @Test
    void popsTakeFromEitherEndAndDeleteTheEmptiedList() {
        r.call("RPUSH", "l", "a", "b", "c");
        assertThat(r.call("LPOP", "l")).isEqualTo("a");
        assertThat(r.call("RPOP", "l")).isEqualTo("c");
        assertThat(r.call("RPOP", "l", "5")).isEqualTo(List.of("b"));
        assertThat(r.call("EXISTS", "l")).isEqualTo(0L);
        assertThat(r.call("LPOP", "l")).isNull();
        assertThat(r.call("LPOP", "l", "2")).isNull();
    }

    @Test
    void popWithCountZeroAnswersAnEmptyArray() {
        r.call("RPUSH", "l", "a");
        assertThat(r.call("LPOP", "l", "0")).isEqualTo(List.of());
        assertThat(r.call("LLEN", "l")).isEqualTo(1L);
    }

    @Test
    void popCountErrorsMatchRedis() {
        assertThat(r.call("LPOP", "l", "-1")).isEqualTo(err("ERR value is out of range, must be positive"));
        assertThat(r.call("LPOP", "l", "abc")).isEqualTo(err("ERR value is out of range, must be positive"));
        assertThat(r.call("LPOP", "l", "1", "2")).isEqualTo(err("ERR wrong number of arguments for 'lpop' command"));
    }

    @Test
    void lrangeAndLindexClampLikeRedis() {
        r.call("RPUSH", "l", "a", "b", "c");
        assertThat(r.call("LRANGE", "l", "-2", "100")).isEqualTo(List.of("b", "c"));
        assertThat(r.call("LRANGE", "l", "5", "10")).isEqualTo(List.of());
        assertThat(r.call("LRANGE", "l", "2", "1")).isEqualTo(List.of());
        assertThat(r.call("LRANGE", "nokey", "0", "-1")).isEqualTo(List.of());
        assertThat(r.call("LINDEX", "l", "-1")).isEqualTo("c");
        assertThat(r.call("LINDEX", "l", "3")).isNull();
        assertThat(r.call("LINDEX", "nokey", "abc")).isNull();
        assertThat(r.call("LINDEX", "l", "abc")).isEqualTo(err("ERR value is not an integer or out of range"));
    }

    @Test
    void listCommandsOnAStringAreWrongTypeAndViceVersa() {
        r.call("SET", "s", "x");
        r.call("RPUSH", "l", "a");
        assertThat(r.call("LPUSH", "s", "a")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("LLEN", "s")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("LRANGE", "s", "0", "-1")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("LPOP", "s", "0")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("APPEND", "l", "x")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("GET", "s")).isEqualTo("x");
    }

    @Test
    void pushKeepsTheTtl() {
        r.call("RPUSH", "l", "a");
        r.call("EXPIRE", "l", "100");
        r.call("RPUSH", "l", "b");
        assertThat(r.call("TTL", "l")).isEqualTo(100L);
    }

    @Test
    void listsAreRefusedByAnEngineWithoutThem() {
        Harness stringsOnly = new Harness(new MapKeyspaceEngine(EnumSet.of(Capability.STRINGS), 16));
        assertThat(stringsOnly.call("LPUSH", "l", "a"))
                .isEqualTo(err("ERR command 'LPUSH' is not supported by backend 'embedded' (no lists)"));
        assertThat(stringsOnly.executor.support("LPUSH")).isEqualTo(CommandSupport.REFUSED);
    }
}
