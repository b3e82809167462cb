package io.trustgate.redis.spi;

import io.trustgate.redis.spi.SortedSetValue.Member;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SortedSetValueTest {

    private static final double[] SCORES = {Double.NEGATIVE_INFINITY, -2.5, -1, -0.0, 0.0, 1, 3, Double.POSITIVE_INFINITY};

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<Member> members) {
        List<String> out = new ArrayList<>();
        members.forEach(m -> out.add(new String(m.member(), StandardCharsets.ISO_8859_1) + "=" + m.score()));
        return out;
    }

    @Test
    void keepsTheStoredScoreWhenAnEqualOneIsAdded() {
        SortedSetValue z = new SortedSetValue();
        assertThat(z.put(b("a"), -0.0)).isTrue();
        assertThat(z.put(b("a"), 0.0)).isFalse();
        assertThat(Double.doubleToRawLongBits(z.score(b("a")))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThatThrownBy(() -> z.put(b("b"), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(z.first()).isEqualTo(z.last());
        assertThat(z.rank(b("b"))).isEqualTo(-1);
    }

    @Test
    void answersRanksAndRangesFromEitherEnd() {
        SortedSetValue z = new SortedSetValue();
        z.put(b("c"), 2);
        z.put(b("a"), 1);
        z.put(b("b"), 1);
        z.put(b("d"), 5);
        assertThat(z.rank(b("a"))).isZero();
        assertThat(z.rank(b("d"))).isEqualTo(3);
        assertThat(texts(z.range(1, 2, false))).containsExactly("b=1.0", "c=2.0");
        assertThat(texts(z.range(0, 1, true))).containsExactly("d=5.0", "c=2.0");
        assertThat(texts(z.range(3, 100, false))).containsExactly("d=5.0");
        assertThat(z.range(4, 10, false)).isEmpty();
        assertThat(z.at(2).member()).isEqualTo(b("c"));
        assertThat(z.members()).hasSize(4);
        assertThat(z.members().get(3).member()).isEqualTo(b("d"));
        assertThatThrownBy(() -> z.at(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void reportsChangesToItsJournalButNotEqualScores() {
        List<String> log = new ArrayList<>();
        SortedSetValue z = new SortedSetValue();
        z.attachJournal(new ChangeJournal() {
            @Override
            public void sortedSetMemberSet(byte[] member, double score) {
                log.add("set " + new String(member, StandardCharsets.UTF_8) + " " + score);
            }

            @Override
            public void sortedSetMemberRemoved(byte[] member) {
                log.add("rem " + new String(member, StandardCharsets.UTF_8));
            }
        });
        z.put(b("a"), 1);
        z.put(b("a"), 1);
        z.put(b("a"), 2);
        z.remove(b("x"));
        z.remove(b("a"));
        assertThat(log).containsExactly("set a 1.0", "set a 2.0", "rem a");
        assertThat(z.copy().journal()).isNull();
    }

    @Test
    void copyIsIndependent() {
        SortedSetValue z = new SortedSetValue();
        for (int i = 0; i < 500; i++) {
            z.put(b("m" + i), i % 7);
        }
        SortedSetValue c = z.copy();
        c.remove(b("m1"));
        c.put(b("m2"), 100);
        assertThat(z.size()).isEqualTo(500);
        assertThat(z.score(b("m2"))).isEqualTo(2.0);
        assertThat(c.last().member()).isEqualTo(b("m2"));
        assertThat(texts(c.members())).hasSize(499);
    }

    /** Thousands of random changes and queries checked against a TreeSet and Redis's walk done the slow way. */
    @Test
    void matchesAReferenceModelOverRandomOperations() {
        run(SCORES);
    }

    /** All scores equal (0 and -0 alike): lex ranges then follow the set's order and are found by search. */
    @Test
    void matchesAReferenceModelWhenAllScoresAreEqual() {
        run(new double[]{0.0, -0.0});
    }

    private static void run(double[] scores) {
        Random random = new Random(20261129);
        SortedSetValue z = new SortedSetValue();
        TreeSet<Member> model = new TreeSet<>();
        for (int op = 0; op < 30_000; op++) {
            // members share prefixes and include high bytes, so lex order is unsigned and bounds land between them
            byte[] member = member(random);
            Member old = find(model, member);
            int kind = random.nextInt(op < 20_000 ? 10 : 14);
            if (kind < 6) {
                double score = scores[random.nextInt(scores.length)];
                assertThat(z.put(member, score)).isEqualTo(old == null);
                if (old == null || old.score() != score) {
                    if (old != null) {
                        model.remove(old);
                    }
                    model.add(new Member(member, score));
                }
            } else if (kind < 8) {
                assertThat(z.remove(member)).isEqualTo(old != null);
                if (old != null) {
                    model.remove(old);
                }
            } else if (kind < 12) {
                checkRanges(z, model, random);
            } else if (!model.isEmpty()) {
                // pops, as the keyspace does them
                Member popped = random.nextBoolean() ? z.last() : z.first();
                Member expected = popped.equals(model.last()) ? model.pollLast() : model.pollFirst();
                assertThat(popped.member()).isEqualTo(expected.member());
                z.remove(popped.member());
            }
            assertThat(z.size()).isEqualTo(model.size());
            Member now = find(model, member);
            assertThat(z.score(member)).isEqualTo(now == null ? null : now.score());
            assertThat(z.rank(member)).isEqualTo(now == null ? -1 : model.headSet(now, false).size());
        }
        assertThat(texts(z.members())).isEqualTo(texts(new ArrayList<>(model)));
    }

    private static Member find(TreeSet<Member> model, byte[] member) {
        for (Member m : model) {
            if (java.util.Arrays.equals(m.member(), member)) {
                return m;
            }
        }
        return null;
    }

    private static void checkRanges(SortedSetValue z, TreeSet<Member> model, Random random) {
        List<Member> all = new ArrayList<>(model);
        long from = random.nextInt(all.size() + 3);
        long to = from + random.nextInt(10);
        boolean reverse = random.nextBoolean();
        List<Member> expected = new ArrayList<>();
        for (long r = from; r <= to && r < all.size(); r++) {
            expected.add(all.get((int) (reverse ? all.size() - 1 - r : r)));
        }
        assertThat(texts(z.range(from, to, reverse))).isEqualTo(texts(expected));
        SortedSetRange range = randomRange(random);
        long offset = random.nextInt(4) - 1;
        long limit = random.nextInt(6) - 1;
        assertThat(texts(SortedSetRange.collect(z, range, reverse, offset, limit)))
                .as("%s reverse=%s offset=%d limit=%d", range, reverse, offset, limit)
                .isEqualTo(texts(slowWalk(all, range, reverse, offset, limit)));
        assertThat(SortedSetRange.count(z, range)).isEqualTo(slowWalk(all, range, false, 0, -1).size());
    }

    private static SortedSetRange randomRange(Random random) {
        if (random.nextBoolean()) {
            double a = SCORES[random.nextInt(SCORES.length)];
            double c = SCORES[random.nextInt(SCORES.length)];
            return new SortedSetRange.ByScore(Math.min(a, c), random.nextBoolean(), Math.max(a, c),
                    random.nextBoolean());
        }
        byte[] min = random.nextInt(8) == 0 ? null : lexBound(random);
        byte[] max = random.nextInt(8) == 0 ? null : lexBound(random);
        return new SortedSetRange.ByLex(min, random.nextBoolean(), random.nextBoolean(), max, random.nextBoolean(),
                random.nextBoolean());
    }

    /** A bound between members, or equal to one (so exclusivity matters). */
    private static byte[] lexBound(Random random) {
        return random.nextBoolean() ? new byte[]{(byte) ('a' + random.nextInt(6)), (byte) 0xe9}
                : member(random);
    }

    private static byte[] member(Random random) {
        return new byte[]{(byte) ('a' + random.nextInt(6)), (byte) (random.nextBoolean() ? 'x' : 0xe9),
                (byte) ('0' + random.nextInt(40))};
    }

    /** Redis's range walk over a plain list, the way the set did it before it had an index to search. */
    private static List<Member> slowWalk(List<Member> all, SortedSetRange range, boolean reverse, long offset,
                                         long limit) {
        List<Member> out = new ArrayList<>();
        if (offset < 0 || (offset > 0 && offset >= all.size()) || all.isEmpty()
                || !range.aboveMin(all.get(all.size() - 1)) || !range.belowMax(all.get(0))) {
            return out;
        }
        List<Member> walk = new ArrayList<>(all);
        if (reverse) {
            java.util.Collections.reverse(walk);
        }
        Iterator<Member> it = walk.iterator();
        boolean started = false;
        while (it.hasNext() && limit != 0) {
            Member m = it.next();
            if (!started && !(reverse ? range.belowMax(m) : range.aboveMin(m))) {
                continue;
            }
            started = true;
            if (!(reverse ? range.aboveMin(m) : range.belowMax(m))) {
                break;
            }
            if (offset > 0) {
                offset--;
                continue;
            }
            out.add(m);
            limit--;
        }
        return out;
    }
}
