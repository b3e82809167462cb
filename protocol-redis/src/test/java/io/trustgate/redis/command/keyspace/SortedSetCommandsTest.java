package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.spi.Capability;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class SortedSetCommandsTest {

    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final Harness r = new Harness();

    @Test
    void zaddFlagsFollowRedis() {
        assertThat(r.call("ZADD", "z", "1", "a", "2", "b")).isEqualTo(2L);
        assertThat(r.call("ZADD", "z", "NX", "5", "a", "3", "c")).isEqualTo(1L);
        assertThat(r.call("ZADD", "z", "XX", "CH", "7", "a", "8", "new")).isEqualTo(1L);
        assertThat(r.call("ZADD", "z", "GT", "CH", "1", "a", "9", "b")).isEqualTo(1L);
        assertThat(r.call("ZADD", "z", "LT", "CH", "1", "a", "100", "c")).isEqualTo(1L);
        assertThat(r.call("ZRANGE", "z", "0", "-1", "WITHSCORES"))
                .isEqualTo(List.of("a", "1", "c", "3", "b", "9"));
        assertThat(r.call("ZADD", "z", "INCR", "2", "a")).isEqualTo("3");
        assertThat(r.call("ZADD", "z", "INCR", "NX", "2", "a")).isNull();
        assertThat(r.call("ZADD", "none", "XX", "1", "a")).isEqualTo(0L);
        assertThat(r.call("EXISTS", "none")).isEqualTo(0L);
    }

    @Test
    void zaddErrorsComeInRedisOrder() {
        assertThat(r.call("ZADD", "z", "1", "a", "2")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("ZADD", "z", "NX", "XX", "1", "a"))
                .isEqualTo(err("ERR XX and NX options at the same time are not compatible"));
        assertThat(r.call("ZADD", "z", "GT", "LT", "1", "a"))
                .isEqualTo(err("ERR GT, LT, and/or NX options at the same time are not compatible"));
        assertThat(r.call("ZADD", "z", "INCR", "1", "a", "2", "b"))
                .isEqualTo(err("ERR INCR option supports a single increment-element pair"));
        for (String bad : new String[]{"x", "nan", "1e400", " 1", "1d", ""}) {
            assertThat(r.call("ZADD", "z", bad, "a")).as(bad).isEqualTo(err("ERR value is not a valid float"));
        }
        r.call("ZADD", "z", "inf", "a");
        assertThat(r.call("ZINCRBY", "z", "-inf", "a")).isEqualTo(err("ERR resulting score is not a number (NaN)"));
    }

    @Test
    void scoresPrintAsRedisPercent17g() {
        r.call("ZADD", "z", "0.1", "a", "1e20", "b", "-inf", "c", "0x10", "d", "-0", "e");
        assertThat(r.call("ZSCORE", "z", "a")).isEqualTo("0.10000000000000001");
        assertThat(r.call("ZSCORE", "z", "b")).isEqualTo("1e+20");
        assertThat(r.call("ZSCORE", "z", "c")).isEqualTo("-inf");
        assertThat(r.call("ZSCORE", "z", "d")).isEqualTo("16");
        assertThat(r.call("ZSCORE", "z", "e")).isEqualTo("0");
        assertThat(r.call("ZINCRBY", "z", "1.5", "new")).isEqualTo("1.5");
        assertThat(r.call("ZMSCORE", "z", "d", "x")).isEqualTo(Arrays.asList("16", null));
        assertThat(r.call("ZMSCORE", "none", "d")).isEqualTo(Arrays.asList((Object) null));
    }

    @Test
    void rankAndCard() {
        r.call("ZADD", "z", "1", "a", "2", "b", "2", "c");
        assertThat(r.call("ZRANK", "z", "c")).isEqualTo(2L);
        assertThat(r.call("ZREVRANK", "z", "c")).isEqualTo(0L);
        assertThat(r.call("ZRANK", "z", "x")).isNull();
        assertThat(r.call("ZCARD", "z")).isEqualTo(3L);
        assertThat(r.call("ZCARD", "none")).isEqualTo(0L);
    }

    @Test
    void zremAndPopsDeleteTheEmptiedKey() {
        r.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertThat(r.call("ZREM", "z", "a", "x")).isEqualTo(1L);
        assertThat(r.call("ZPOPMIN", "z")).isEqualTo(List.of("b", "2"));
        assertThat(r.call("ZPOPMAX", "z", "5")).isEqualTo(List.of("d", "4", "c", "3"));
        assertThat(r.call("EXISTS", "z")).isEqualTo(0L);
        assertThat(r.call("ZPOPMIN", "z")).isEqualTo(List.of());
        assertThat(r.call("ZPOPMIN", "z", "-1")).isEqualTo(err("ERR value is out of range, must be positive"));
        assertThat(r.call("ZPOPMIN", "z", "1", "2")).isEqualTo(err("ERR syntax error"));
    }

    @Test
    void zscanPairsMembersWithScores() {
        r.call("ZADD", "z", "1", "a", "2.5", "b");
        assertThat(r.call("ZSCAN", "z", "0")).isEqualTo(List.of("0", List.of("a", "1", "b", "2.5")));
    }

    @Test
    void wrongTypeAndRefusals() {
        r.call("SET", "s", "x");
        assertThat(r.call("ZADD", "s", "1", "a")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("ZPOPMIN", "s", "0")).isEqualTo(err(WRONGTYPE));
        assertThat(r.call("ZSCORE", "s", "a")).isEqualTo(err(WRONGTYPE));
        r.call("ZADD", "z", "1", "a");
        assertThat(r.call("TYPE", "z")).isEqualTo(Harness.simple("zset"));
        assertThat(r.call("BZPOPMIN", "z", "0"))
                .isEqualTo(err("ERR command 'BZPOPMIN' is not supported by backend 'embedded' (no blocking operations)"));
        Harness noZsets = new Harness(new MapKeyspaceEngine(EnumSet.of(Capability.STRINGS), 16));
        assertThat(noZsets.call("ZADD", "z", "1", "a"))
                .isEqualTo(err("ERR command 'ZADD' is not supported by backend 'embedded' (no sorted sets)"));
    }
}
