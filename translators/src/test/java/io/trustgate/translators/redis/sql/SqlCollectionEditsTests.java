package io.trustgate.translators.redis.sql;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static io.trustgate.translators.redis.sql.SqlEngineContract.b;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The row-level edits in the middle of a collection (LSET, LINSERT, LREM, LTRIM, LMOVE, SPOP, ZPOPMIN/ZPOPMAX,
 * ZRANGE and ZREMRANGEBYRANK by rank) with Redis's answers, and the list positions they leave (contiguous, and
 * only the rows that had to move moved).
 */
abstract class SqlCollectionEditsTests extends SqlCommandFixture {

    final Tables t = Tables.withPrefix(db.prefix);

    /** The positions of a list's rows, in order, read with plain SQL (looked up by key id, not by name). */
    List<Long> positions(String key) {
        return db.jdbi().withHandle(h -> {
            List<Long> ids = h.createQuery("SELECT id, name FROM " + t.keys()).map((rs, ctx) ->
                    java.util.Arrays.equals(rs.getBytes(2), b(key)) ? rs.getLong(1) : null).list();
            ids.removeIf(java.util.Objects::isNull);
            if (ids.isEmpty()) {
                return List.of();
            }
            return h.createQuery("SELECT idx FROM " + t.lists() + " WHERE key_id = :id ORDER BY idx")
                    .bind("id", ids.get(0)).mapTo(Long.class).list();
        });
    }

    @Test
    void lsetAndLtrimChangeOnlyTheirRows() {
        redis("RPUSH", "l", "a", "b", "c", "d", "e");
        redis("LPUSH", "l", "z");
        assertThat(positions("l")).containsExactly(-1L, 0L, 1L, 2L, 3L, 4L);
        assertThat(redis("LSET", "l", "-2", "D")).isEqualTo("OK");
        assertThat(redis("LSET", "l", "6", "x")).isEqualTo("ERR index out of range");
        assertThat(redis("LSET", "nope", "0", "x")).isEqualTo("ERR no such key");
        assertThat(positions("l")).containsExactly(-1L, 0L, 1L, 2L, 3L, 4L); // nothing renumbered
        assertThat(redis("LTRIM", "l", "1", "-2")).isEqualTo("OK");
        assertThat(positions("l")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(redis("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "b", "c", "D"));
        assertThat(redis("EXPIRE", "l", "100")).isEqualTo(1L);
        assertThat(redis("LTRIM", "l", "1", "100")).isEqualTo("OK");
        assertThat(redis("TTL", "l")).isEqualTo(100L);
        assertThat(redis("LRANGE", "l", "0", "-1")).isEqualTo(List.of("b", "c", "D"));
        assertThat(redis("LTRIM", "l", "2", "1")).isEqualTo("OK");
        assertThat(redis("EXISTS", "l")).isEqualTo(0L);
        redis("SET", "s", "x");
        assertThat(redis("LSET", "s", "0", "x")).asString().startsWith("WRONGTYPE");
        assertThat(redis("LTRIM", "s", "0", "1")).asString().startsWith("WRONGTYPE");
    }

    @Test
    void linsertMovesTheShorterSide() {
        redis("RPUSH", "l", "a", "b", "c", "d", "e", "f");
        assertThat(redis("LINSERT", "l", "BEFORE", "b", "x")).isEqualTo(7L); // near the head: the head moves down
        assertThat(positions("l")).containsExactly(-1L, 0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(redis("LINSERT", "l", "AFTER", "e", "y")).isEqualTo(8L); // near the tail: the tail moves up
        assertThat(positions("l")).containsExactly(-1L, 0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(redis("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "x", "b", "c", "d", "e", "y", "f"));
        assertThat(redis("LINSERT", "l", "AFTER", "f", "end")).isEqualTo(9L);
        assertThat(redis("LINSERT", "l", "BEFORE", "a", "start")).isEqualTo(10L);
        assertThat(redis("LINSERT", "l", "BEFORE", "nope", "q")).isEqualTo(-1L);
        assertThat(redis("LINSERT", "nope", "BEFORE", "a", "q")).isEqualTo(0L);
        assertThat(redis("LRANGE", "l", "0", "-1"))
                .isEqualTo(List.of("start", "a", "x", "b", "c", "d", "e", "y", "f", "end"));
        assertThat(positions("l")).hasSize(10);
        assertThat(redis("LINSERT", "l", "SIDEWAYS", "a", "q")).asString().startsWith("ERR syntax error");
    }

    @Test
    void lremRemovesFromEitherEndAndKeepsPositionsContiguous() {
        redis("RPUSH", "l", "a", "x", "b", "x", "c", "x", "d", "x");
        assertThat(redis("LREM", "l", "2", "x")).isEqualTo(2L);
        assertThat(redis("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "b", "c", "x", "d", "x"));
        assertThat(positions("l")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(redis("LREM", "l", "-1", "x")).isEqualTo(1L);
        assertThat(redis("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "b", "c", "x", "d"));
        assertThat(redis("LREM", "l", "0", "a")).isEqualTo(1L);
        assertThat(redis("LREM", "l", "0", "nope")).isEqualTo(0L);
        assertThat(redis("LRANGE", "l", "0", "-1")).isEqualTo(List.of("b", "c", "x", "d"));
        assertThat(positions("l")).containsExactly(0L, 1L, 2L, 3L); // the rows after "a" moved down
        assertThat(redis("RPUSH", "l", "e")).isEqualTo(5L);
        assertThat(redis("LINDEX", "l", "-1")).isEqualTo("e");
        redis("RPUSH", "m", "q", "q", "q");
        assertThat(redis("LREM", "m", "0", "q")).isEqualTo(3L);
        assertThat(redis("EXISTS", "m")).isEqualTo(0L);
    }

    /** Random edits checked against a list kept in memory: every answer and the positions after each step. */
    @Test
    void randomListEditsAgreeWithAModelList() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        List<String> model = new ArrayList<>();
        String[] values = {"a", "b", "c"};
        for (int step = 0; step < 300; step++) {
            String v = values[rnd.nextInt(values.length)];
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    model.add(0, v);
                    assertThat(redis("LPUSH", "l", v)).isEqualTo((long) model.size());
                }
                case 1 -> {
                    model.add(v);
                    assertThat(redis("RPUSH", "l", v)).isEqualTo((long) model.size());
                }
                case 2 -> {
                    String pivot = values[rnd.nextInt(values.length)];
                    boolean after = rnd.nextBoolean();
                    int i = model.indexOf(pivot);
                    long expected = model.isEmpty() ? 0 : i < 0 ? -1 : model.size() + 1;
                    if (i >= 0) {
                        model.add(after ? i + 1 : i, v);
                    }
                    assertThat(redis("LINSERT", "l", after ? "AFTER" : "BEFORE", pivot, v)).isEqualTo(expected);
                }
                case 3 -> {
                    int count = rnd.nextInt(-2, 3);
                    long removed = 0;
                    if (count >= 0) {
                        for (int i = 0; i < model.size() && (count == 0 || removed < count); ) {
                            if (model.get(i).equals(v)) {
                                model.remove(i);
                                removed++;
                            } else {
                                i++;
                            }
                        }
                    } else {
                        for (int i = model.size() - 1; i >= 0 && removed < -count; i--) {
                            if (model.get(i).equals(v)) {
                                model.remove(i);
                                removed++;
                            }
                        }
                    }
                    assertThat(redis("LREM", "l", Integer.toString(count), v)).isEqualTo(removed);
                }
                case 4 -> {
                    if (!model.isEmpty()) {
                        int i = rnd.nextInt(model.size());
                        model.set(i, v);
                        assertThat(redis("LSET", "l", Integer.toString(i), v)).isEqualTo("OK");
                    }
                }
                default -> {
                    if (model.size() > 6) {
                        int from = rnd.nextInt(2);
                        int to = model.size() - 1 - rnd.nextInt(2);
                        List<String> kept = new ArrayList<>(model.subList(from, to + 1));
                        model.clear();
                        model.addAll(kept);
                        assertThat(redis("LTRIM", "l", Integer.toString(from), Integer.toString(to)))
                                .isEqualTo("OK");
                    }
                }
            }
            assertThat(redis("LRANGE", "l", "0", "-1")).as("step " + step).isEqualTo(model.isEmpty() ? List.of()
                    : model);
            List<Long> at = positions("l");
            assertThat(at).hasSize(model.size());
            for (int i = 1; i < at.size(); i++) {
                assertThat(at.get(i)).isEqualTo(at.get(0) + i);
            }
        }
    }

    @Test
    void lmoveKeepsEachListsExpiryAndRotatesALoneElementInPlace() {
        redis("RPUSH", "src", "a", "b");
        redis("RPUSH", "dst", "z");
        redis("EXPIRE", "dst", "100");
        assertThat(redis("LMOVE", "src", "dst", "LEFT", "LEFT")).isEqualTo("a");
        assertThat(redis("LRANGE", "dst", "0", "-1")).isEqualTo(List.of("a", "z"));
        assertThat(redis("TTL", "dst")).isEqualTo(100L);
        assertThat(redis("RPOPLPUSH", "src", "dst")).isEqualTo("b");
        assertThat(redis("EXISTS", "src")).isEqualTo(0L);
        redis("RPUSH", "one", "x");
        redis("EXPIRE", "one", "50");
        assertThat(redis("LMOVE", "one", "one", "RIGHT", "LEFT")).isEqualTo("x");
        assertThat(redis("TTL", "one")).isEqualTo(50L);
        assertThat(redis("LRANGE", "one", "0", "-1")).isEqualTo(List.of("x"));
        redis("SET", "str", "v");
        assertThat(redis("LMOVE", "dst", "str", "LEFT", "LEFT")).asString().startsWith("WRONGTYPE");
        assertThat(redis("LLEN", "dst")).isEqualTo(3L);
    }

    @Test
    void sortedSetRanksFollowScoreThenMemberBytesWithInfinities() {
        redis("ZADD", "z", "+inf", "top", "-inf", "bottom", "0", "x", "-0", "x ", "0", "X", "1.5", "m",
                "-1e308", "low", "1e308", "high");
        List<String> ascending = List.of("bottom", "low", "X", "x", "x ", "m", "high", "top");
        assertThat(redis("ZRANGE", "z", "0", "-1")).isEqualTo(ascending);
        List<String> descending = new ArrayList<>(ascending);
        java.util.Collections.reverse(descending);
        assertThat(redis("ZREVRANGE", "z", "0", "-1")).isEqualTo(descending);
        assertThat(redis("ZRANGE", "z", "2", "3", "WITHSCORES")).isEqualTo(List.of("X", "0", "x", "0"));
        assertThat(redis("ZRANGE", "z", "-2", "-1", "REV")).isEqualTo(List.of("low", "bottom"));
        assertThat(redis("ZRANGE", "z", "5", "100")).isEqualTo(List.of("m", "high", "top"));
        assertThat(redis("ZRANGE", "z", "9", "100")).isEqualTo(List.of());
        assertThat(redis("ZPOPMIN", "z")).isEqualTo(List.of("bottom", "-inf"));
        assertThat(redis("ZPOPMAX", "z", "2")).isEqualTo(List.of("top", "inf", "high", "1e+308"));
        assertThat(redis("ZREMRANGEBYRANK", "z", "1", "2")).isEqualTo(2L);
        assertThat(redis("ZRANGE", "z", "0", "-1")).isEqualTo(List.of("low", "x ", "m"));
        assertThat(redis("EXPIRE", "z", "100")).isEqualTo(1L);
        assertThat(redis("ZPOPMIN", "z", "2")).isEqualTo(List.of("low", "-1e+308", "x ", "0"));
        assertThat(redis("TTL", "z")).isEqualTo(100L);
        assertThat(redis("ZPOPMAX", "z", "5")).isEqualTo(List.of("m", "1.5"));
        assertThat(redis("EXISTS", "z")).isEqualTo(0L);
        assertThat(redis("ZPOPMIN", "z")).isEqualTo(List.of());
    }

    @Test
    void spopRemovesDistinctMembersAndDeletesAnEmptiedSet() {
        redis("SADD", "s", "a", "b", "c", "d", "e");
        Set<Object> seen = new HashSet<>();
        Object one = redis("SPOP", "s");
        seen.add(one);
        @SuppressWarnings("unchecked")
        List<Object> three = (List<Object>) redis("SPOP", "s", "3");
        assertThat(three).hasSize(3);
        seen.addAll(three);
        assertThat(seen).hasSize(4);
        assertThat(redis("SCARD", "s")).isEqualTo(1L);
        for (Object m : seen) {
            assertThat(redis("SISMEMBER", "s", (String) m)).isEqualTo(0L);
        }
        assertThat(redis("SPOP", "s", "10")).asList().hasSize(1);
        assertThat(redis("EXISTS", "s")).isEqualTo(0L);
        assertThat(redis("SPOP", "s")).isNull();
    }

    /** SRANDMEMBER, HRANDFIELD and ZRANDMEMBER pick in the database: distinct for a positive count, repeats else. */
    @Test
    @SuppressWarnings("unchecked")
    void randomReadsPickDistinctElementsOrRepeatsAndChangeNothing() {
        redis("SADD", "s", "a", "b", "c", "\u00ff");
        redis("HSET", "h", "f", "1", "g", "2", "é", "3");
        redis("ZADD", "z", "1", "a", "-inf", "b", "2.5", "c");
        assertThat((List<Object>) redis("SRANDMEMBER", "s", "3")).hasSize(3).doesNotHaveDuplicates()
                .isSubsetOf("a", "b", "c", "\u00ff");
        assertThat((List<Object>) redis("SRANDMEMBER", "s", "10")).containsExactlyInAnyOrder("a", "b", "c", "\u00ff");
        List<Object> repeats = (List<Object>) redis("SRANDMEMBER", "s", "-40");
        assertThat(repeats).hasSize(40).isSubsetOf("a", "b", "c", "\u00ff");
        assertThat(new HashSet<>(repeats)).hasSizeGreaterThan(1); // 40 draws from 4: all equal with p = 4^-39
        assertThat(redis("SRANDMEMBER", "s")).isIn("a", "b", "c", "\u00ff");
        assertThat(redis("SRANDMEMBER", "s", "0")).isEqualTo(List.of());
        assertThat(redis("SRANDMEMBER", "nope", "-3")).isEqualTo(List.of());
        assertThat(redis("SRANDMEMBER", "nope")).isNull();
        assertThat(redis("SCARD", "s")).isEqualTo(4L);
        List<Object> pairs = (List<Object>) redis("HRANDFIELD", "h", "-7", "WITHVALUES");
        assertThat(pairs).hasSize(14);
        for (int i = 0; i < pairs.size(); i += 2) {
            assertThat(List.of(pairs.get(i), pairs.get(i + 1))).isIn(List.of("f", "1"), List.of("g", "2"),
                    List.of("é", "3"));
        }
        assertThat((List<Object>) redis("HRANDFIELD", "h", "2")).hasSize(2).doesNotHaveDuplicates();
        assertThat(redis("HRANDFIELD", "h")).isIn("f", "g", "é");
        List<Object> scored = (List<Object>) redis("ZRANDMEMBER", "z", "5", "WITHSCORES");
        assertThat(scored).hasSize(6).containsSubsequence("b", "-inf");
        assertThat((List<Object>) redis("ZRANDMEMBER", "z", "-5")).hasSize(5).isSubsetOf("a", "b", "c");
        redis("SET", "str", "v");
        assertThat(redis("SRANDMEMBER", "str", "2")).asString().startsWith("WRONGTYPE");
        assertThat(redis("HRANDFIELD", "str")).asString().startsWith("WRONGTYPE");
        assertThat(redis("ZRANDMEMBER", "str", "-1")).asString().startsWith("WRONGTYPE");
    }
}
