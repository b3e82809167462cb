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
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD with the members chosen by the database, and the STORE
 * forms of the set algebra inserted by it: weights and aggregates over infinities and edge doubles, plain sets
 * mixed in, missing, expired and repeated keys, a destination that is also an input or has a TTL or another
 * kind, WRONGTYPE, members past MariaDB's sort prefix; then against the embedded engine on random inputs.
 */
abstract class SqlSortedSetAlgebraTests extends SqlCommandFixture {

    private static final String LONG = "x".repeat(1500);
    private static final String[] MEMBERS = {"a", "b", "c", "d", "é", "", LONG + "1", LONG + "2"};
    private static final String[] SCORES = {"0", "-0", "1", "-2.5", "0.1", "0.2", "1e308", "-1e308", "4.9e-324",
            "inf", "-inf", "3", "1.7976931348623157e308"};
    private static final String[] WEIGHTS = {"1", "0", "-1", "2", "0.5", "inf", "-inf", "1e-300", "3"};

    @Test
    void weightsAndAggregatesCombineAsRedisDoes() {
        redis("ZADD", "a", "1", "x", "2", "y", "3", "z");
        redis("ZADD", "b", "10", "y", "20", "z", "30", "w");
        redis("SADD", "s", "x", "w", "v");
        assertThat(redis("ZUNION", "2", "a", "b", "WITHSCORES"))
                .isEqualTo(List.of("x", "1", "y", "12", "z", "23", "w", "30"));
        assertThat(redis("ZUNION", "3", "a", "b", "s", "WEIGHTS", "2", "0.5", "-1", "AGGREGATE", "MAX", "WITHSCORES"))
                .isEqualTo(List.of("v", "-1", "x", "2", "y", "5", "z", "10", "w", "15"));
        assertThat(redis("ZINTER", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES"))
                .isEqualTo(List.of("y", "2", "z", "3"));
        assertThat(redis("ZINTER", "2", "a", "s", "WITHSCORES")).isEqualTo(List.of("x", "2"));
        assertThat(redis("ZINTER", "2", "a", "b", "WEIGHTS", "1", "inf", "WITHSCORES"))
                .isEqualTo(List.of("y", "inf", "z", "inf"));
        assertThat(redis("ZDIFF", "3", "b", "a", "s", "WITHSCORES")).isEqualTo(List.of());
        assertThat(redis("ZDIFF", "2", "s", "a", "WITHSCORES")).asList().containsExactly("v", "1", "w", "1");
        assertThat(redis("ZINTERCARD", "2", "a", "b")).isEqualTo(2L);
        assertThat(redis("ZINTERCARD", "2", "a", "b", "LIMIT", "1")).isEqualTo(1L);
        assertThat(redis("ZUNION", "2", "a", "b", "WEIGHTS", "1", "nan")).isEqualTo("ERR weight value is not a float");
    }

    /**
     * inf + -inf and inf * 0 are 0, and sums follow the inputs in order of size: i2, i1, i3 give -inf + inf = 0,
     * then 5 (argument order would give inf + -inf after 5, so 0). Sums that overflow are infinite, subnormals
     * and inexact sums come back as the same doubles Java computes.
     */
    @Test
    void infinitiesAndOverflowFollowRedisArithmetic() {
        redis("ZADD", "i1", "inf", "a", "-inf", "b", "1", "p");
        redis("ZADD", "i2", "-inf", "a", "inf", "b");
        redis("ZADD", "i3", "5", "a", "5", "b", "1", "q", "2", "r");
        assertThat(redis("ZUNION", "2", "i1", "i2", "WITHSCORES")).isEqualTo(List.of("a", "0", "b", "0", "p", "1"));
        assertThat(redis("ZUNION", "3", "i3", "i1", "i2", "WITHSCORES"))
                .isEqualTo(List.of("p", "1", "q", "1", "r", "2", "a", "5", "b", "5"));
        assertThat(redis("ZINTER", "1", "i1", "WEIGHTS", "0", "WITHSCORES"))
                .isEqualTo(List.of("a", "0", "b", "0", "p", "0"));
        redis("ZADD", "big", "1e308", "m", "1.7976931348623157e308", "n", "0.1", "o", "4.9e-324", "t");
        redis("ZADD", "big2", "1e308", "m", "1e300", "n", "0.2", "o", "4.9e-324", "t");
        assertThat(scores(redis("ZINTER", "2", "big", "big2", "WITHSCORES")))
                .containsExactly(2 * Double.MIN_VALUE, 0.1 + 0.2, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(redis("ZINTER", "2", "big", "big2", "WITHSCORES").toString()).startsWith("[t, ").contains(", o, ")
                .endsWith("m, inf, n, inf]");
        assertThat(scores(redis("ZINTER", "2", "big", "big2", "WEIGHTS", "1e-300", "1e-300", "WITHSCORES")))
                .containsExactly(0.0, 0.1 * 1e-300 + 0.2 * 1e-300, 1e300 * 1e-300 + 1.7976931348623157e308 * 1e-300,
                        1e308 * 1e-300 * 2);
        assertThat(redis("ZINTERSTORE", "d", "2", "big", "big2", "WEIGHTS", "10", "-1")).isEqualTo(4L);
        assertThat(scores(redis("ZRANGE", "d", "0", "-1", "WITHSCORES")))
                .containsExactly(9 * Double.MIN_VALUE, 10 * 0.1 - 0.2, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY);
    }

    /**
     * A STORE whose fold overflows in the database (PostgreSQL's 22003, answered by the gateway instead) inside a
     * transaction whose earlier writes are still held back: those writes must not be undone with the failed fold.
     */
    @Test
    void anOverflowingStoreKeepsTheWritesQueuedBeforeIt() {
        List<Object> replies = SqlEngineContract.exec(redis, null, List.of(
                List.of("ZADD", "into", "1", "y"),
                List.of("ZADD", "held", "1e308", "x"),
                List.of("ZUNIONSTORE", "into", "1", "held", "WEIGHTS", "10")));
        assertThat(replies).containsExactly(1L, 1L, 1L);
        assertThat(redis("ZRANGE", "held", "0", "-1", "WITHSCORES")).isEqualTo(List.of("x", "1e+308"));
        assertThat(redis("ZRANGE", "into", "0", "-1", "WITHSCORES")).isEqualTo(List.of("x", "inf"));
    }

    /** The scores of a WITHSCORES reply, parsed. */
    private static List<Double> scores(Object reply) {
        List<?> flat = (List<?>) reply;
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < flat.size(); i += 2) {
            String s = (String) flat.get(i);
            out.add(s.equals("inf") ? Double.POSITIVE_INFINITY : s.equals("-inf") ? Double.NEGATIVE_INFINITY
                    : Double.parseDouble(s));
        }
        return out;
    }

    @Test
    void storeFormsReplaceTheDestinationAndClearItsExpiry() {
        redis("ZADD", "a", "1", "x", "2", "y");
        redis("ZADD", "b", "3", "y", "4", "z");
        redis("SADD", "s1", "x", "y");
        redis("SADD", "s2", "y", "z");
        redis("SET", "d", "string");
        redis("PEXPIRE", "d", "100000");
        assertThat(redis("ZUNIONSTORE", "d", "2", "a", "b")).isEqualTo(3L);
        assertThat(redis("TYPE", "d")).isEqualTo("zset");
        assertThat(redis("PTTL", "d")).isEqualTo(-1L);
        assertThat(redis("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo(List.of("x", "1", "z", "4", "y", "5"));
        redis("PEXPIRE", "a", "100000");
        assertThat(redis("ZINTERSTORE", "a", "2", "a", "b", "WEIGHTS", "2", "1")).isEqualTo(1L);
        assertThat(redis("ZRANGE", "a", "0", "-1", "WITHSCORES")).isEqualTo(List.of("y", "7"));
        assertThat(redis("PTTL", "a")).isEqualTo(-1L);
        redis("ZADD", "a", "1", "x", "2", "y");
        redis("PEXPIRE", "a", "100000");
        assertThat(redis("ZDIFFSTORE", "a", "2", "a", "b")).isEqualTo(1L);
        assertThat(redis("ZRANGE", "a", "0", "-1", "WITHSCORES")).isEqualTo(List.of("x", "1"));
        assertThat(redis("PTTL", "a")).isEqualTo(-1L);
        assertThat(redis("ZDIFFSTORE", "d", "2", "s1", "s2")).isEqualTo(1L);
        assertThat(redis("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo(List.of("x", "1"));
        assertThat(redis("ZDIFFSTORE", "d", "2", "b", "b")).isEqualTo(0L);
        assertThat(redis("EXISTS", "d")).isEqualTo(0L);
        redis("ZADD", "d", "1", "q");
        assertThat(redis("ZINTERSTORE", "d", "2", "a", "nope")).isEqualTo(0L);
        assertThat(redis("EXISTS", "d")).isEqualTo(0L);
        redis("SADD", "s3", "k");
        redis("PEXPIRE", "s1", "100000");
        assertThat(redis("SUNIONSTORE", "s1", "s1", "s2", "nope")).isEqualTo(3L);
        assertThat(redis("SMEMBERS", "s1")).asList().containsExactlyInAnyOrder("x", "y", "z");
        assertThat(redis("PTTL", "s1")).isEqualTo(-1L);
        assertThat(redis("SINTERSTORE", "s2", "s1", "s2")).isEqualTo(2L);
        assertThat(redis("SMEMBERS", "s2")).asList().containsExactlyInAnyOrder("y", "z");
        assertThat(redis("SDIFFSTORE", "s3", "s3", "s1")).isEqualTo(1L);
        assertThat(redis("SDIFFSTORE", "s3", "s2", "s1")).isEqualTo(0L);
        assertThat(redis("EXISTS", "s3")).isEqualTo(0L);
        assertThat(redis("DBSIZE")).isEqualTo(4L); // a, b, s1, s2
    }

    @Test
    void wrongTypeLeavesTheDestinationAndExpiredInputsAreEmpty() {
        redis("ZADD", "a", "1", "x");
        redis("ZADD", "d", "9", "keep");
        redis("SET", "str", "v");
        assertThat(redis("ZUNIONSTORE", "d", "2", "a", "str")).asString().startsWith("WRONGTYPE");
        assertThat(redis("ZINTER", "2", "str", "nope")).asString().startsWith("WRONGTYPE");
        assertThat(redis("ZINTERCARD", "2", "nope", "str")).asString().startsWith("WRONGTYPE");
        assertThat(redis("SUNIONSTORE", "d", "a")).asString().startsWith("WRONGTYPE");
        assertThat(redis("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo(List.of("keep", "9"));
        redis("ZADD", "gone", "5", "x", "6", "y");
        redis("PEXPIRE", "gone", "1");
        db.clock.addAndGet(10);
        assertThat(redis("ZUNION", "2", "a", "gone", "WITHSCORES")).isEqualTo(List.of("x", "1"));
        assertThat(redis("ZINTERSTORE", "d", "2", "a", "gone")).isEqualTo(0L);
        assertThat(redis("EXISTS", "d")).isEqualTo(0L);
        assertThat(redis("ZUNIONSTORE", "str", "1", "a")).isEqualTo(1L);
        assertThat(redis("TYPE", "str")).isEqualTo("zset");
    }

    /** Members equal in their first 1500 bytes: told apart by the hash and the full bytes, never by a prefix. */
    @Test
    void longMembersThatDifferOnlyPastTheSortPrefixStayDistinct() {
        redis("ZADD", "l1", "1", LONG + "1", "2", LONG + "2", "3", "a");
        redis("ZADD", "l2", "10", LONG + "2", "20", LONG + "3", "30", "a");
        assertThat(redis("ZINTER", "2", "l1", "l2", "WITHSCORES")).isEqualTo(List.of(LONG + "2", "12", "a", "33"));
        assertThat(redis("ZUNIONSTORE", "u", "2", "l1", "l2")).isEqualTo(4L);
        assertThat(redis("ZDIFFSTORE", "u", "2", "l1", "l2")).isEqualTo(1L);
        assertThat(redis("ZRANGE", "u", "0", "-1")).isEqualTo(List.of(LONG + "1"));
    }

    /** Random inputs, weights and aggregates: every reply, and every stored result, equals the embedded engine's. */
    @Test
    void randomAlgebraAgreesWithTheEmbeddedEngine() {
        KeyspaceCommandExecutor model = new KeyspaceCommandExecutor("memory",
                new InMemoryKeyspaceEngine(16, db.clock::get, Duration.ZERO));
        Random rnd = new Random(11);
        String[] keys = {"k1", "k2", "k3", "k4", "s1"};
        for (int round = 0; round < 8; round++) {
            for (String key : keys) {
                List<String> add = new ArrayList<>(List.of(key.startsWith("s") ? "SADD" : "ZADD", key));
                for (int i = 0; i < 1 + rnd.nextInt(MEMBERS.length); i++) {
                    if (!key.startsWith("s")) {
                        add.add(SCORES[rnd.nextInt(SCORES.length)]);
                    }
                    add.add(MEMBERS[rnd.nextInt(MEMBERS.length)]);
                }
                same(model, add.toArray(new String[0]));
            }
            for (int step = 0; step < 15; step++) {
                String op = List.of("ZUNION", "ZINTER", "ZDIFF", "ZINTERCARD", "ZUNIONSTORE", "ZINTERSTORE",
                        "ZDIFFSTORE", "SUNIONSTORE", "SINTERSTORE", "SDIFFSTORE").get(rnd.nextInt(10));
                int n = 1 + rnd.nextInt(4);
                List<String> c = new ArrayList<>(List.of(op));
                String destination = rnd.nextInt(3) == 0 ? keys[rnd.nextInt(keys.length)] : "dest";
                if (op.endsWith("STORE")) {
                    c.add(destination);
                }
                if (op.startsWith("Z")) {
                    c.add(Integer.toString(n));
                }
                for (int i = 0; i < n; i++) {
                    c.add(rnd.nextInt(6) == 0 ? "nope" : keys[rnd.nextInt(keys.length)]);
                }
                if ((op.startsWith("ZUNION") || op.startsWith("ZINTER") && !op.equals("ZINTERCARD"))
                        && rnd.nextBoolean()) {
                    c.add("WEIGHTS");
                    for (int i = 0; i < n; i++) {
                        c.add(WEIGHTS[rnd.nextInt(WEIGHTS.length)]);
                    }
                    c.addAll(List.of("AGGREGATE", List.of("SUM", "MIN", "MAX").get(rnd.nextInt(3))));
                }
                if (op.equals("ZINTERCARD") && rnd.nextBoolean()) {
                    c.addAll(List.of("LIMIT", Integer.toString(rnd.nextInt(3))));
                }
                if (!op.endsWith("STORE") && !op.equals("ZINTERCARD")) {
                    c.add("WITHSCORES");
                }
                same(model, c.toArray(new String[0]));
                if (op.endsWith("STORE")) {
                    same(model, "TYPE", destination);
                    same(model, "PTTL", destination);
                    if (op.startsWith("Z")) {
                        same(model, "ZRANGE", destination, "0", "-1", "WITHSCORES");
                    }
                }
            }
            same(model, "DEL", "k1", "k2", "k3", "k4", "s1", "dest");
        }
    }

    /** Runs {@code c} on both engines: replies equal (members of a set reply compared as a multiset). */
    private void same(KeyspaceCommandExecutor model, String... c) {
        Object expected = call(model, c);
        Object actual = redis(c);
        if (c[0].startsWith("S") && expected instanceof List<?> list) {
            assertThat(actual).as(String.join(" ", c)).asList().containsExactlyInAnyOrderElementsOf(list);
        } else {
            assertThat(actual).as(String.join(" ", c)).isEqualTo(expected);
        }
    }
}
