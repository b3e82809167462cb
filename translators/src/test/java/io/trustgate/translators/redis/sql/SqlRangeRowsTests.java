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
 * Sorted-set ranges by score and by member, counted, read and removed in the database (ZRANGEBYSCORE, ZCOUNT,
 * ZRANGEBYLEX, ZLEXCOUNT, ZREMRANGEBYSCORE/LEX, ZRANK/ZREVRANK): exclusive and infinite bounds, equal scores,
 * -0, LIMIT offsets past the end, and members with bytes of 0x80 and above (which must sort after ASCII, as
 * unsigned bytes), first with Redis's answers written out, then against the embedded engine on random sets.
 */
abstract class SqlRangeRowsTests extends SqlCommandFixture {

    /** Members as UTF-8: "\u007f" is 7F, "\u0080" is C2 80, "é" is C3 A9, "\u00ff" is C3 BF. */
    private static final String[] MEMBERS = {"a", "a ", "A", "b", "\u007f", "\u0080", "é", "\u00ff", "", "bb"};
    private static final String[] SCORES = {"-inf", "-1", "-0", "0", "1", "1", "2.5", "+inf"};
    private static final String[] SCORE_BOUNDS = {"-inf", "(-inf", "+inf", "(+inf", "-1", "(-1", "0", "(0", "1", "(1",
            "2.5", "(2.5", "3"};
    private static final String[] LEX_BOUNDS = {"-", "+", "[a", "(a", "[b", "(b", "[\u007f", "(\u0080", "[é", "(\u00ff",
            "[", "(", "[a ", "(bb"};


    @Test
    void scoreRangesHonourExclusiveAndInfiniteBoundsAndOrderTiesByMemberBytes() {
        redis("ZADD", "z", "1", "b", "1", "a", "1", "é", "1", "\u007f", "2", "x", "-inf", "ni", "+inf", "pi", "0", "z",
                "-0", "y");
        assertThat(redis("ZRANGEBYSCORE", "z", "1", "1")).isEqualTo(List.of("a", "b", "\u007f", "é"));
        assertThat(redis("ZREVRANGEBYSCORE", "z", "1", "1")).isEqualTo(List.of("é", "\u007f", "b", "a"));
        assertThat(redis("ZRANGEBYSCORE", "z", "0", "0")).isEqualTo(List.of("y", "z")); // -0 and 0 tie
        assertThat(redis("ZRANGEBYSCORE", "z", "(1", "+inf")).isEqualTo(List.of("x", "pi"));
        assertThat(redis("ZRANGEBYSCORE", "z", "(-inf", "(+inf")).asList().hasSize(7);
        assertThat(redis("ZRANGEBYSCORE", "z", "+inf", "+inf")).isEqualTo(List.of("pi"));
        assertThat(redis("ZRANGEBYSCORE", "z", "-inf", "-inf", "WITHSCORES")).isEqualTo(List.of("ni", "-inf"));
        assertThat(redis("ZRANGEBYSCORE", "z", "(+inf", "+inf")).isEqualTo(List.of());
        assertThat(redis("ZRANGEBYSCORE", "z", "-inf", "(-inf")).isEqualTo(List.of());
        assertThat(redis("ZRANGEBYSCORE", "z", "5", "2")).isEqualTo(List.of());
        assertThat(redis("ZRANGEBYSCORE", "z", "(1", "(2")).isEqualTo(List.of());
        assertThat(redis("ZRANGEBYSCORE", "z", "1", "1", "LIMIT", "1", "2")).isEqualTo(List.of("b", "\u007f"));
        assertThat(redis("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "8", "5")).isEqualTo(List.of("pi"));
        assertThat(redis("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "9", "5")).isEqualTo(List.of());
        assertThat(redis("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "100", "-1")).isEqualTo(List.of());
        assertThat(redis("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "1")).isEqualTo(List.of());
        assertThat(redis("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "7", "-1")).isEqualTo(List.of("x", "pi"));
        assertThat(redis("ZREVRANGEBYSCORE", "z", "+inf", "-inf", "LIMIT", "1", "2", "WITHSCORES"))
                .isEqualTo(List.of("x", "2", "é", "1"));
        assertThat(redis("ZRANGE", "z", "(0", "1", "BYSCORE", "LIMIT", "3", "10")).isEqualTo(List.of("é"));
        assertThat(redis("ZCOUNT", "z", "1", "1")).isEqualTo(4L);
        assertThat(redis("ZCOUNT", "z", "(-inf", "(+inf")).isEqualTo(7L);
        assertThat(redis("ZCOUNT", "z", "-inf", "+inf")).isEqualTo(9L);
        assertThat(redis("ZCOUNT", "nope", "-inf", "+inf")).isEqualTo(0L);
        assertThat(redis("ZRANK", "z", "ni")).isEqualTo(0L);
        assertThat(redis("ZRANK", "z", "z")).isEqualTo(2L);
        assertThat(redis("ZRANK", "z", "é")).isEqualTo(6L);
        assertThat(redis("ZREVRANK", "z", "é")).isEqualTo(2L);
        assertThat(redis("ZREVRANK", "z", "pi")).isEqualTo(0L);
        assertThat(redis("ZRANK", "z", "pi")).isEqualTo(8L);
        assertThat(redis("ZRANK", "z", "nope")).isNull();
        assertThat(redis("ZRANK", "nope", "a")).isNull();
        assertThat(redis("ZREMRANGEBYSCORE", "z", "(1", "+inf")).isEqualTo(2L);
        assertThat(redis("ZREMRANGEBYSCORE", "z", "(5", "(5")).isEqualTo(0L);
        assertThat(redis("EXPIRE", "z", "100")).isEqualTo(1L);
        assertThat(redis("ZREMRANGEBYSCORE", "z", "-inf", "-inf")).isEqualTo(1L);
        assertThat(redis("TTL", "z")).isEqualTo(100L);
        assertThat(redis("ZRANGE", "z", "0", "-1")).isEqualTo(List.of("y", "z", "a", "b", "\u007f", "é"));
        assertThat(redis("ZREMRANGEBYSCORE", "z", "-inf", "+inf")).isEqualTo(6L);
        assertThat(redis("EXISTS", "z")).isEqualTo(0L);
        redis("SET", "s", "v");
        assertThat(redis("ZRANGEBYSCORE", "s", "0", "1")).asString().startsWith("WRONGTYPE");
        assertThat(redis("ZCOUNT", "s", "0", "1")).asString().startsWith("WRONGTYPE");
        assertThat(redis("ZRANK", "s", "a")).asString().startsWith("WRONGTYPE");
        assertThat(redis("ZREMRANGEBYSCORE", "s", "0", "1")).asString().startsWith("WRONGTYPE");
    }

    @Test
    void lexRangesCompareMembersAsUnsignedBytes() {
        redis("ZADD", "z", "0", "a", "0", "a ", "0", "a\u0000", "0", "b", "0", "\u007f", "0", "\u0080", "0", "\u00ff",
                "0", "é");
        List<String> all = List.of("a", "a\u0000", "a ", "b", "\u007f", "\u0080", "é", "\u00ff");
        assertThat(redis("ZRANGEBYLEX", "z", "-", "+")).isEqualTo(all);
        assertThat(redis("ZRANGEBYLEX", "z", "(\u007f", "+")).isEqualTo(List.of("\u0080", "é", "\u00ff"));
        assertThat(redis("ZRANGEBYLEX", "z", "-", "(\u0080")).isEqualTo(all.subList(0, 5));
        assertThat(redis("ZREVRANGEBYLEX", "z", "[é", "(a", "LIMIT", "1", "3")).isEqualTo(List.of("\u0080", "\u007f",
                "b"));
        assertThat(redis("ZRANGEBYLEX", "z", "[a", "[a")).isEqualTo(List.of("a"));
        assertThat(redis("ZRANGEBYLEX", "z", "(a", "(a ")).isEqualTo(List.of("a\u0000"));
        assertThat(redis("ZRANGEBYLEX", "z", "+", "-")).isEqualTo(List.of());
        assertThat(redis("ZRANGEBYLEX", "z", "[c", "[d")).isEqualTo(List.of());
        assertThat(redis("ZRANGEBYLEX", "z", "-", "+", "LIMIT", "8", "1")).isEqualTo(List.of());
        assertThat(redis("ZLEXCOUNT", "z", "[\u0080", "+")).isEqualTo(3L);
        assertThat(redis("ZRANK", "z", "\u0080")).isEqualTo(5L);
        assertThat(redis("ZREVRANK", "z", "a")).isEqualTo(7L);
        assertThat(redis("ZREMRANGEBYLEX", "z", "(a", "[\u0080")).isEqualTo(5L);
        assertThat(redis("ZRANGE", "z", "0", "-1")).isEqualTo(List.of("a", "é", "\u00ff"));
    }

    /** Over members of different scores a lex range is Redis's walk in score order, not a filter on members. */
    @Test
    void lexRangesOverMixedScoresWalkAsRedisDoes() {
        redis("ZADD", "m", "1", "b", "2", "a", "3", "d", "4", "c"); // score order: b a d c
        assertThat(redis("ZRANGEBYLEX", "m", "[b", "+")).isEqualTo(List.of("b", "a", "d", "c"));
        assertThat(redis("ZRANGEBYLEX", "m", "[a", "[c")).isEqualTo(List.of("b", "a"));
        assertThat(redis("ZRANGEBYLEX", "m", "[a", "[c", "LIMIT", "1", "5")).isEqualTo(List.of("a"));
        assertThat(redis("ZREVRANGEBYLEX", "m", "[c", "[a")).isEqualTo(List.of("c", "d", "a", "b"));
        assertThat(redis("ZRANGEBYLEX", "m", "[c", "+")).isEqualTo(List.of("d", "c"));
        assertThat(redis("ZRANGEBYLEX", "m", "(c", "+")).isEqualTo(List.of()); // the guard: the last member, c
        assertThat(redis("ZLEXCOUNT", "m", "[a", "[c")).isEqualTo(2L);
        assertThat(redis("ZREMRANGEBYLEX", "m", "[a", "[c")).isEqualTo(2L);
        assertThat(redis("ZRANGE", "m", "0", "-1")).isEqualTo(List.of("d", "c"));
    }

    /** Random sets and ranges: every reply equals the embedded engine's (whose walk is the reference). */
    @Test
    void randomRangesAgreeWithTheEmbeddedEngine() {
        KeyspaceCommandExecutor model = new KeyspaceCommandExecutor("memory",
                new InMemoryKeyspaceEngine(16, db.clock::get, Duration.ZERO));
        Random rnd = new Random(42);
        for (int round = 0; round < 12; round++) {
            List<String> zadd = new ArrayList<>(List.of("ZADD", "z"));
            boolean oneScore = round % 3 == 0;
            for (int i = 0; i < 1 + rnd.nextInt(MEMBERS.length); i++) {
                zadd.add(oneScore ? "0" : SCORES[rnd.nextInt(SCORES.length)]);
                zadd.add(MEMBERS[rnd.nextInt(MEMBERS.length)]);
            }
            String[] add = zadd.toArray(new String[0]);
            assertThat(redis(add)).isEqualTo(call(model, add));
            for (int step = 0; step < 25; step++) {
                String[] command = randomCommand(rnd);
                assertThat(redis(command)).as(String.join(" ", command)).isEqualTo(call(model, command));
            }
            assertThat(redis("DEL", "z")).isEqualTo(call(model, "DEL", "z"));
        }
    }

    private static String[] randomCommand(Random rnd) {
        String s1 = SCORE_BOUNDS[rnd.nextInt(SCORE_BOUNDS.length)];
        String s2 = SCORE_BOUNDS[rnd.nextInt(SCORE_BOUNDS.length)];
        String l1 = LEX_BOUNDS[rnd.nextInt(LEX_BOUNDS.length)];
        String l2 = LEX_BOUNDS[rnd.nextInt(LEX_BOUNDS.length)];
        String member = MEMBERS[rnd.nextInt(MEMBERS.length)];
        String offset = Integer.toString(rnd.nextInt(-1, 12));
        String count = Integer.toString(rnd.nextInt(-1, 5));
        return switch (rnd.nextInt(12)) {
            case 0 -> new String[] {"ZRANGEBYSCORE", "z", s1, s2, "WITHSCORES"};
            case 1 -> new String[] {"ZREVRANGEBYSCORE", "z", s1, s2, "LIMIT", offset, count};
            case 2 -> new String[] {"ZRANGEBYSCORE", "z", s1, s2, "LIMIT", offset, count, "WITHSCORES"};
            case 3 -> new String[] {"ZCOUNT", "z", s1, s2};
            case 4 -> new String[] {"ZRANGEBYLEX", "z", l1, l2};
            case 5 -> new String[] {"ZREVRANGEBYLEX", "z", l1, l2, "LIMIT", offset, count};
            case 6 -> new String[] {"ZLEXCOUNT", "z", l1, l2};
            case 7 -> new String[] {"ZRANK", "z", member};
            case 8 -> new String[] {"ZREVRANK", "z", member};
            case 9 -> new String[] {"ZREMRANGEBYSCORE", "z", s1, s2};
            case 10 -> new String[] {"ZREMRANGEBYLEX", "z", l1, l2};
            default -> new String[] {"ZRANGE", "z", "0", "-1", "WITHSCORES"};
        };
    }
}
