package io.trustgate.translators.redis.sql;

import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.translators.redis.embedded.InMemoryKeyspaceEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.trustgate.translators.redis.sql.SqlEngineContract.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD computed in the database: missing, expired and
 * repeated keys, WRONGTYPE wherever the other kind stands, members longer than MariaDB's 1024-byte sort prefix
 * that differ only after it, then against the embedded engine on random sets (replies compared as multisets,
 * as Redis leaves their order unspecified).
 */
abstract class SqlSetAlgebraTests extends SqlCommandFixture {

    private static final String LONG = "x".repeat(1500);
    private static final String[] MEMBERS = {"a", "b", "c", "d", "é", "", "A", LONG + "1", LONG + "2"};


    @Test
    void intersectionUnionAndDifferenceOverPresentMissingAndRepeatedKeys() {
        redis("SADD", "s1", "a", "b", "c", "é");
        redis("SADD", "s2", "b", "c", "d");
        redis("SADD", "s3", "c", "d", "e");
        assertThat(redis("SINTER", "s1", "s2")).asList().containsExactlyInAnyOrder("b", "c");
        assertThat(redis("SINTER", "s1", "s2", "s3")).asList().containsExactlyInAnyOrder("c");
        assertThat(redis("SINTER", "s1", "s1")).asList().containsExactlyInAnyOrder("a", "b", "c", "é");
        assertThat(redis("SINTER", "s1", "nope")).isEqualTo(List.of());
        assertThat(redis("SINTER", "nope", "s1")).isEqualTo(List.of());
        assertThat(redis("SUNION", "s1", "s2", "s3", "s1", "nope")).asList()
                .containsExactlyInAnyOrder("a", "b", "c", "d", "e", "é");
        assertThat(redis("SUNION", "nope")).isEqualTo(List.of());
        assertThat(redis("SDIFF", "s1", "s2")).asList().containsExactlyInAnyOrder("a", "é");
        assertThat(redis("SDIFF", "s1", "nope", "s3")).asList().containsExactlyInAnyOrder("a", "b", "é");
        assertThat(redis("SDIFF", "s1")).asList().containsExactlyInAnyOrder("a", "b", "c", "é");
        assertThat(redis("SDIFF", "s1", "s2", "s1")).isEqualTo(List.of());
        assertThat(redis("SDIFF", "nope", "s1")).isEqualTo(List.of());
        assertThat(redis("SINTERCARD", "2", "s1", "s2")).isEqualTo(2L);
        assertThat(redis("SINTERCARD", "2", "s1", "s2", "LIMIT", "1")).isEqualTo(1L);
        assertThat(redis("SINTERCARD", "2", "s1", "s2", "LIMIT", "0")).isEqualTo(2L);
        assertThat(redis("SINTERCARD", "1", "s1", "LIMIT", "3")).isEqualTo(3L);
        assertThat(redis("SINTERCARD", "2", "s1", "nope")).isEqualTo(0L);
        assertThat(redis("SINTERSTORE", "d", "s1", "s2")).isEqualTo(2L);
        assertThat(redis("SMEMBERS", "d")).asList().containsExactlyInAnyOrder("b", "c");
        assertThat(redis("SUNIONSTORE", "s1", "s1", "s3")).isEqualTo(6L);
        assertThat(redis("SMEMBERS", "s1")).asList().containsExactlyInAnyOrder("a", "b", "c", "d", "e", "é");
        assertThat(redis("SDIFFSTORE", "d", "s2", "s1")).isEqualTo(0L);
        assertThat(redis("EXISTS", "d")).isEqualTo(0L);
    }

    @Test
    void expiredKeysAreEmptyAndOtherKindsAreWrongTypeWhereverTheyStand() {
        redis("SADD", "s1", "a", "b");
        redis("SADD", "gone", "a", "z");
        redis("PEXPIRE", "gone", "1");
        db.clock.addAndGet(10);
        assertThat(redis("SINTER", "s1", "gone")).isEqualTo(List.of());
        assertThat(redis("SUNION", "s1", "gone")).asList().containsExactlyInAnyOrder("a", "b");
        assertThat(redis("SDIFF", "s1", "gone")).asList().containsExactlyInAnyOrder("a", "b");
        assertThat(redis("SDIFF", "gone", "s1")).isEqualTo(List.of());
        assertThat(redis("SINTERCARD", "2", "gone", "s1")).isEqualTo(0L);
        redis("SET", "str", "v");
        assertThat(redis("SINTER", "nope", "str")).asString().startsWith("WRONGTYPE");
        assertThat(redis("SUNION", "s1", "str")).asString().startsWith("WRONGTYPE");
        assertThat(redis("SDIFF", "nope", "str")).asString().startsWith("WRONGTYPE");
        assertThat(redis("SINTERCARD", "2", "nope", "str")).asString().startsWith("WRONGTYPE");
        assertThat(redis("SINTERSTORE", "d", "s1", "str")).asString().startsWith("WRONGTYPE");
        assertThat(redis("SDIFFSTORE", "str", "s1")).isEqualTo(2L);
        assertThat(redis("TYPE", "str")).isEqualTo("set");
    }

    /** Members equal in their first 1500 bytes: told apart by the hash and the full bytes, never by a prefix. */
    @Test
    void longMembersThatDifferOnlyPastTheSortPrefixStayDistinct() {
        redis("SADD", "l1", LONG + "1", LONG + "2", "a");
        redis("SADD", "l2", LONG + "2", LONG + "3", "a");
        assertThat(redis("SINTER", "l1", "l2")).asList().containsExactlyInAnyOrder(LONG + "2", "a");
        assertThat(redis("SUNION", "l1", "l2")).asList()
                .containsExactlyInAnyOrder(LONG + "1", LONG + "2", LONG + "3", "a");
        assertThat(redis("SDIFF", "l1", "l2")).asList().containsExactlyInAnyOrder(LONG + "1");
        assertThat(redis("SINTERCARD", "2", "l1", "l2")).isEqualTo(2L);
    }

    /** Random sets and operations: every reply equals the embedded engine's, as a multiset. */
    @Test
    void randomAlgebraAgreesWithTheEmbeddedEngine() {
        KeyspaceCommandExecutor model = new KeyspaceCommandExecutor("memory",
                new InMemoryKeyspaceEngine(16, db.clock::get, Duration.ZERO));
        Random rnd = new Random(7);
        String[] keys = {"k1", "k2", "k3", "k4"};
        for (int round = 0; round < 10; round++) {
            for (String key : keys) {
                List<String> sadd = new ArrayList<>(List.of("SADD", key));
                for (int i = 0; i < 1 + rnd.nextInt(MEMBERS.length); i++) {
                    sadd.add(MEMBERS[rnd.nextInt(MEMBERS.length)]);
                }
                String[] add = sadd.toArray(new String[0]);
                assertThat(redis(add)).isEqualTo(call(model, add));
            }
            for (int step = 0; step < 12; step++) {
                List<String> command = new ArrayList<>();
                int op = rnd.nextInt(4);
                command.add(List.of("SINTER", "SUNION", "SDIFF", "SINTERCARD").get(op));
                int n = 1 + rnd.nextInt(4);
                if (op == 3) {
                    command.add(Integer.toString(n));
                }
                for (int i = 0; i < n; i++) {
                    command.add(rnd.nextInt(6) == 0 ? "nope" : keys[rnd.nextInt(keys.length)]);
                }
                String[] c = command.toArray(new String[0]);
                Object expected = call(model, c);
                if (expected instanceof List<?> list) {
                    assertThat(redis(c)).as(String.join(" ", c)).asList().containsExactlyInAnyOrderElementsOf(list);
                } else {
                    assertThat(redis(c)).as(String.join(" ", c)).isEqualTo(expected);
                }
            }
            String[] del = {"DEL", "k1", "k2", "k3", "k4"};
            assertThat(redis(del)).isEqualTo(call(model, del));
        }
    }
}
