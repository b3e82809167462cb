package io.trustgate.translators.redis.sql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Row-level collection edits on the MariaDB at 127.0.0.1:3306 (database test), and names far beyond InnoDB's
 * 3072-byte index entries (indexed by their SHA-256); fails if it is not running.
 */
class MariaDbCollectionEditsIT extends SqlCollectionEditsTests {

    @Override
    SqlEngineContract contract() {
        return SqlEngineContract.mariadb();
    }

    /** Names of {@code length} random letters: incompressible enough that no database can index them whole. */
    private static String longName(int length, char last) {
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
            assertThat(redis("EXISTS", key, twin)).isEqualTo(2L);
            assertThat(redis("DEL", key, twin)).isEqualTo(2L);

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

    /** Ranks among members longer than MariaDB's sort prefix (max_sort_length, 1024 bytes) are still exact. */
    @Test
    void ranksOfLongMembersWithEqualScoresCompareWholeMembers() {
        String shared = "m".repeat(3000);
        redis("ZADD", "z", "1", shared + "b", "1", shared + "a", "1", shared + "c", "0", "first");
        assertThat(redis("ZRANGE", "z", "1", "2")).isEqualTo(List.of(shared + "a", shared + "b"));
        assertThat(redis("ZPOPMAX", "z")).isEqualTo(List.of(shared + "c", "1"));
        assertThat(redis("ZPOPMIN", "z", "2")).isEqualTo(List.of("first", "0", shared + "a", "1"));
        assertThat(redis("ZRANGE", "z", "0", "-1")).isEqualTo(List.of(shared + "b"));
    }
}
