package io.trustgate.translators.redis.sql;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key names, hash fields and members far beyond what a B-tree entry holds (about 2700 bytes on PostgreSQL, 3072 on
 * InnoDB), which both dialects index by their SHA-256: every command finds exactly the name it was given, names
 * that differ only in their last byte stay apart, ordered commands compare the whole names, and reads coalesced
 * into one statement (ReadBatcher) answer as they do alone.
 */
abstract class SqlLongNamesTests extends SqlCommandFixture {

    /** Names of {@code length} random letters: incompressible enough that no database can index them whole. */
    static String longName(int length, char last) {
        StringBuilder s = new StringBuilder(length);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < length - 1; i++) {
            s.append((char) ('a' + rnd.nextInt(26)));
        }
        return s.append(last).toString();
    }

    @Test
    void namesOfTenKilobytesAndOneMegabyteWork() {
        for (int length : new int[] {10 * 1024, 1024 * 1024}) {
            String key = longName(length, 'k');
            String twin = key.substring(0, length - 1) + 'K'; // differs only in its last byte
            assertThat(redis("SET", key, "v")).isEqualTo("OK");
            assertThat(redis("SET", twin, "w")).isEqualTo("OK");
            assertThat(redis("GET", key)).isEqualTo("v");
            assertThat(redis("GET", twin)).isEqualTo("w");
            assertThat(redis("MGET", twin, key, key + "x")).isEqualTo(java.util.Arrays.asList("w", "v", null));
            assertThat(redis("EXISTS", key, twin)).isEqualTo(2L);
            assertThat(redis("RENAME", twin, twin + "2")).isEqualTo("OK");
            assertThat(redis("GET", twin + "2")).isEqualTo("w");
            assertThat(redis("DEL", key, twin, twin + "2")).isEqualTo(2L);

            String field = longName(length, 'f');
            String fieldTwin = field.substring(0, length - 1) + 'F';
            assertThat(redis("HSET", key, field, "1", fieldTwin, "2")).isEqualTo(2L);
            assertThat(redis("HSET", key, field, "3")).isEqualTo(0L);
            assertThat(redis("HGET", key, field)).isEqualTo("3");
            assertThat(redis("HGET", key, fieldTwin)).isEqualTo("2");
            assertThat(redis("HDEL", key, fieldTwin)).isEqualTo(1L);
            assertThat(redis("HLEN", key)).isEqualTo(1L);
            assertThat(redis("DEL", key)).isEqualTo(1L);

            assertThat(redis("SADD", key, field, fieldTwin, field)).isEqualTo(2L);
            assertThat(redis("SADD", key, fieldTwin)).isEqualTo(0L);
            assertThat(redis("SISMEMBER", key, fieldTwin)).isEqualTo(1L);
            assertThat(redis("SREM", key, field)).isEqualTo(1L);
            assertThat(redis("SMEMBERS", key)).isEqualTo(List.of(fieldTwin));
            assertThat(redis("DEL", key)).isEqualTo(1L);

            assertThat(redis("ZADD", key, "1", field, "1", fieldTwin)).isEqualTo(2L);
            assertThat(redis("ZADD", key, "2", field)).isEqualTo(0L);
            assertThat(redis("ZSCORE", key, field)).isEqualTo("2");
            assertThat(redis("ZRANGE", key, "0", "0")).isEqualTo(List.of(fieldTwin));
            assertThat(redis("ZPOPMAX", key)).isEqualTo(List.of(field, "2"));
            assertThat(redis("DEL", key)).isEqualTo(1L);
        }
    }

    /** Lexicographic ranges and ranks among long members that share a long prefix compare whole members. */
    @Test
    void orderedCommandsCompareWholeLongMembers() {
        String shared = longName(5000, 'm');
        redis("ZADD", "z", "1", shared + "b", "1", shared + "a", "1", shared + "c", "0", "first");
        assertThat(redis("ZRANGE", "z", "1", "2")).isEqualTo(List.of(shared + "a", shared + "b"));
        assertThat(redis("ZPOPMAX", "z")).isEqualTo(List.of(shared + "c", "1"));
        assertThat(redis("ZPOPMIN", "z", "2")).isEqualTo(List.of("first", "0", shared + "a", "1"));
        assertThat(redis("ZRANGE", "z", "0", "-1")).isEqualTo(List.of(shared + "b"));

        redis("ZADD", "lex", "0", shared + "a", "0", shared + "b", "0", shared + "c", "0", shared);
        assertThat(redis("ZRANGEBYLEX", "lex", "(" + shared + "a", "+"))
                .isEqualTo(List.of(shared + "b", shared + "c"));
        assertThat(redis("ZRANGEBYLEX", "lex", "[" + shared, "(" + shared + "b"))
                .isEqualTo(List.of(shared, shared + "a"));
        assertThat(redis("ZLEXCOUNT", "lex", "[" + shared + "b", "+")).isEqualTo(2L);
    }

    /** GETs in flight together are read in shared statements; long names and their twins still come back apart. */
    @Test
    void coalescedReadsOfLongNamesAnswerAsAlone() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = longName(10 * 1024, (char) ('a' + i));
            String twin = key.substring(0, key.length() - 1) + (char) ('A' + i);
            keys.add(key);
            keys.add(twin);
            redis("SET", key, "v" + i);
            redis("SET", twin, "w" + i);
        }
        List<CompletableFuture<Object>> gets = new ArrayList<>();
        List<Object> want = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                gets.add(SqlEngineContract.async(redis, "GET", key));
                want.add((i % 2 == 0 ? "v" : "w") + (i / 2));
            }
            gets.add(SqlEngineContract.async(redis, "GET", keys.get(0) + "absent"));
            want.add(null);
        }
        List<Object> got = new ArrayList<>();
        for (var f : gets) {
            got.add(f.join());
        }
        assertThat(got).isEqualTo(want);
        assertThat(engine.coalescedReads()).as("reads were coalesced, so the batched path was exercised")
                .isPositive();
    }
}
