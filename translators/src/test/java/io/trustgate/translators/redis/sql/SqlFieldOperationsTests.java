package io.trustgate.translators.redis.sql;

import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.trustgate.translators.redis.sql.SqlEngineContract.b;
import static io.trustgate.translators.redis.sql.SqlEngineContract.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The field, element and member operations (HSET writes one row, LPUSH inserts below the head...) with Redis's
 * semantics, the rows they leave behind, and values of tens of MB through the command layer.
 */
abstract class SqlFieldOperationsTests extends SqlCommandFixture {

    final Tables t = Tables.withPrefix(db.prefix);

    /** The positions of a list's rows, in order, read with plain SQL. */
    List<Long> positions(String key) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT l.idx FROM " + t.lists() + " l JOIN " + t.keys()
                        + " k ON k.id = l.key_id WHERE k.name = :n ORDER BY l.idx")
                .bind("n", b(key)).mapTo(Long.class).list());
    }

    @Test
    void pushesGrowAtBothEndsWithoutRenumberingAndPopsDeleteOnlyTheEnds() {
        assertThat(redis("RPUSH", "l", "a", "b")).isEqualTo(2L);
        assertThat(redis("LPUSH", "l", "y", "z")).isEqualTo(4L);
        assertThat(positions("l")).containsExactly(-2L, -1L, 0L, 1L); // a and b kept positions 0 and 1
        assertThat(redis("LRANGE", "l", "0", "-1")).isEqualTo(List.of("z", "y", "a", "b"));
        assertThat(redis("LINDEX", "l", "-1")).isEqualTo("b");
        assertThat(redis("LRANGE", "l", "1", "2")).isEqualTo(List.of("y", "a"));
        assertThat(redis("LPOP", "l")).isEqualTo("z");
        assertThat(redis("RPOP", "l", "2")).isEqualTo(List.of("b", "a"));
        assertThat(positions("l")).containsExactly(-1L);
        assertThat(redis("LLEN", "l")).isEqualTo(1L);
        assertThat(redis("LPUSHX", "nope", "x")).isEqualTo(0L);
        assertThat(redis("RPUSH", "l", "c", "d")).isEqualTo(3L);
        assertThat(redis("LSET", "l", "1", "C")).isEqualTo("OK"); // one row changes, nothing is renumbered
        assertThat(redis("LPUSH", "l", "x")).isEqualTo(4L);
        assertThat(redis("LRANGE", "l", "0", "-1")).isEqualTo(List.of("x", "y", "C", "d"));
        assertThat(redis("LPOP", "l", "10")).isEqualTo(List.of("x", "y", "C", "d"));
        assertThat(redis("EXISTS", "l")).isEqualTo(0L);
        assertThat(redis("RPOP", "l")).isNull();
    }

    @Test
    void hashFieldWritesKeepTheOtherFieldsAndTheExpiry() {
        assertThat(redis("HSET", "h", "a", "1", "b", "2", "a", "3")).isEqualTo(2L);
        assertThat(redis("HGET", "h", "a")).isEqualTo("3");
        assertThat(redis("EXPIRE", "h", "100")).isEqualTo(1L);
        assertThat(redis("HSET", "h", "c", "4")).isEqualTo(1L);
        assertThat(redis("TTL", "h")).isEqualTo(100L);
        assertThat(redis("HSETNX", "h", "c", "5")).isEqualTo(0L);
        assertThat(redis("HINCRBY", "h", "b", "40")).isEqualTo(42L);
        assertThat(redis("HMGET", "h", "a", "nope", "b")).isEqualTo(Arrays.asList("3", null, "42"));
        assertThat(redis("HLEN", "h")).isEqualTo(3L);
        assertThat(redis("HSTRLEN", "h", "b")).isEqualTo(2L);
        assertThat(redis("HDEL", "h", "a", "a", "nope")).isEqualTo(1L);
        assertThat(redis("HEXISTS", "h", "a")).isEqualTo(0L);
        assertThat(redis("HDEL", "h", "b", "c")).isEqualTo(2L);
        assertThat(redis("EXISTS", "h")).isEqualTo(0L);
        redis("SET", "s", "x");
        assertThat(redis("HGET", "s", "a")).asString().startsWith("WRONGTYPE");
        assertThat(redis("HSET", "s", "a", "1")).asString().startsWith("WRONGTYPE");
        assertThat(redis("HGET", "nope", "a")).isNull();
    }

    @Test
    void setAndSortedSetMemberWritesFollowRedis() {
        assertThat(redis("SADD", "s", "a", "b", "a")).isEqualTo(2L);
        assertThat(redis("SADD", "s", "b", "c")).isEqualTo(1L);
        assertThat(redis("SISMEMBER", "s", "c")).isEqualTo(1L);
        assertThat(redis("SMISMEMBER", "s", "a", "x")).isEqualTo(List.of(1L, 0L));
        assertThat(redis("SCARD", "s")).isEqualTo(3L);
        assertThat(redis("SREM", "s", "a", "b", "c", "d")).isEqualTo(3L);
        assertThat(redis("EXISTS", "s")).isEqualTo(0L);

        assertThat(redis("ZADD", "z", "1", "a", "2", "a", "5", "b")).isEqualTo(2L);
        assertThat(redis("ZSCORE", "z", "a")).isEqualTo("2");
        assertThat(redis("ZADD", "z", "GT", "CH", "1", "a", "3", "b", "9", "c")).isEqualTo(1L);
        assertThat(redis("ZADD", "z", "XX", "CH", "7", "a", "8", "nope")).isEqualTo(1L);
        assertThat(redis("ZADD", "z", "NX", "INCR", "1", "a")).isNull();
        assertThat(redis("ZADD", "z", "INCR", "-inf", "b")).isEqualTo("-inf");
        assertThat(redis("ZINCRBY", "z", "1.5", "a")).isEqualTo("8.5");
        assertThat(redis("ZRANGE", "z", "0", "-1", "WITHSCORES"))
                .isEqualTo(List.of("b", "-inf", "a", "8.5", "c", "9"));
        assertThat(redis("ZMSCORE", "z", "a", "x")).isEqualTo(Arrays.asList("8.5", null));
        assertThat(redis("ZCARD", "z")).isEqualTo(3L);
        assertThat(redis("ZREM", "z", "a", "b", "c")).isEqualTo(3L);
        assertThat(redis("EXISTS", "z")).isEqualTo(0L);
        assertThat(redis("ZADD", "z", "XX", "1", "a")).isEqualTo(0L);
        assertThat(redis("EXISTS", "z")).isEqualTo(0L);
        redis("SET", "str", "x");
        assertThat(redis("ZSCORE", "str", "a")).asString().startsWith("WRONGTYPE");
        assertThat(redis("SISMEMBER", "str", "a")).asString().startsWith("WRONGTYPE");
    }

    @Test
    void fieldWritesChangeTheStampSoWatchSeesThem() {
        redis("HSET", "h", "a", "1");
        var watched = redis.watch(0, List.of(b("h")));
        redis("HSET", "h", "b", "2");
        assertThat(SqlEngineContract.exec(redis, watched, List.of(List.of("HGET", "h", "a")))).isNull();
    }

    @Test
    void valuesOfTensOfMegabytesRoundTripThroughCommands() {
        byte[] big = new byte[24 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        String text = new String(big, java.nio.charset.StandardCharsets.US_ASCII);
        KeyspaceCommandExecutor r = largeValueExecutor();
        assertThat(call(r, "SET", "big", text)).isEqualTo("OK");
        assertThat(call(r, "STRLEN", "big")).isEqualTo((long) big.length);
        assertThat(call(r, "GET", "big")).isEqualTo(text);
        assertThat(call(r, "HSET", "bigh", "f", text)).isEqualTo(1L);
        assertThat(call(r, "HGET", "bigh", "f")).isEqualTo(text);
        assertThat(call(r, "RPUSH", "bigl", "small", text)).isEqualTo(2L);
        assertThat(call(r, "LINDEX", "bigl", "1")).isEqualTo(text);
    }

    /** The executor for the large-value test; a database may first need a larger packet limit. */
    KeyspaceCommandExecutor largeValueExecutor() {
        return redis;
    }
}
