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

class ScoreTreeTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> walk(ScoreTree t, int rank, boolean descending) {
        List<String> out = new ArrayList<>();
        t.walk(rank, descending).forEachRemaining(m -> out.add(text(m)));
        return out;
    }

    private static String text(Member m) {
        return new String(m.member(), StandardCharsets.UTF_8) + "=" + m.score();
    }

    @Test
    void ordersByScoreThenUnsignedBytesWithMinusZeroEqualToZero() {
        ScoreTree t = new ScoreTree();
        t.insert(0.0, b("b"));
        t.insert(-0.0, b("a"));
        t.insert(1, new byte[]{(byte) 0xff});
        t.insert(1, b("z"));
        t.insert(Double.NEGATIVE_INFINITY, b("low"));
        assertThat(walk(t, 0, false)).containsExactly("low=-Infinity", "a=-0.0", "b=0.0", "z=1.0", "\ufffd=1.0");
        assertThat(walk(t, 4, true)).containsExactly("\ufffd=1.0", "z=1.0", "b=0.0", "a=-0.0", "low=-Infinity");
        assertThat(t.countBefore(0.0, null, false)).isEqualTo(1);
        assertThat(t.countBefore(-0.0, null, true)).isEqualTo(3);
        assertThat(t.countBefore(0.0, b("b"), false)).isEqualTo(2);
        assertThat(t.remove(0.0, b("a"))).isTrue();
        assertThat(t.remove(0.0, b("a"))).isFalse();
        assertThat(t.remove(2.0, b("z"))).isFalse();
        assertThat(t.size()).isEqualTo(4);
    }

    @Test
    void emptyTreeWalksNothing() {
        ScoreTree t = new ScoreTree();
        assertThat(t.walk(0, false).hasNext()).isFalse();
        assertThat(t.walk(-1, true).hasNext()).isFalse();
        assertThat(t.countBefore(1, null, true)).isZero();
    }

    @Test
    void sequentialLoadFillsLeavesAndStaysSearchable() {
        ScoreTree t = new ScoreTree();
        for (int i = 0; i < 10_000; i++) {
            t.insert(i, b("m"));
        }
        assertThat(t.size()).isEqualTo(10_000);
        for (int i = 0; i < 10_000; i += 37) {
            assertThat(t.at(i).score()).isEqualTo(i);
            assertThat(t.countBefore(i, b("m"), false)).isEqualTo(i);
        }
        assertThat(walk(t, 9_998, false)).containsExactly("m=9998.0", "m=9999.0");
        assertThat(t.copy().at(5_000).score()).isEqualTo(5_000.0);
    }

    @Test
    void matchesAReferenceTreeSetThroughGrowthAndShrinking() {
        Random random = new Random(7);
        ScoreTree t = new ScoreTree();
        TreeSet<Member> model = new TreeSet<>();
        for (int op = 0; op < 80_000; op++) {
            boolean growing = op < 40_000;
            Member m = new Member(b("k" + random.nextInt(8_000)), random.nextInt(300) - 150);
            boolean present = model.contains(m);
            if (!present && random.nextInt(10) < (growing ? 7 : 2)) {
                t.insert(m.score(), m.member());
                model.add(m);
            } else {
                assertThat(t.remove(m.score(), m.member())).isEqualTo(present);
                model.remove(m);
            }
            assertThat(t.size()).isEqualTo(model.size());
            if (op % 16 == 0) {
                assertThat(t.countBefore(m.score(), m.member(), false)).isEqualTo(model.headSet(m, false).size());
                // score-only probes: the members below the score, and those at or below it
                Member lowest = new Member(new byte[0], m.score());
                int below = model.headSet(lowest, false).size();
                int atOrBelow = below + (int) model.tailSet(lowest, true).stream()
                        .takeWhile(x -> x.score() == m.score()).count();
                assertThat(t.countBefore(m.score(), null, false)).isEqualTo(below);
                assertThat(t.countBefore(m.score(), null, true)).isEqualTo(atOrBelow);
            }
            if (op % 4_000 == 0 || op == 79_999) {
                assertSame(t, model);
            }
        }
    }

    private static void assertSame(ScoreTree t, TreeSet<Member> model) {
        List<Member> expected = new ArrayList<>(model);
        Iterator<Member> up = t.walk(0, false);
        for (int i = 0; i < expected.size(); i++) {
            Member m = up.next();
            assertThat(m.member()).isEqualTo(expected.get(i).member());
            assertThat(m.score()).isEqualTo(expected.get(i).score());
            assertThat(t.at(i).member()).isEqualTo(expected.get(i).member());
        }
        assertThat(up.hasNext()).isFalse();
        Iterator<Member> down = t.walk(expected.size() - 1, true);
        for (int i = expected.size() - 1; i >= 0; i--) {
            assertThat(down.next().member()).isEqualTo(expected.get(i).member());
        }
        assertThat(down.hasNext()).isFalse();
        ScoreTree copy = t.copy();
        assertThat(copy.size()).isEqualTo(expected.size());
        if (!expected.isEmpty()) {
            assertThat(copy.at(expected.size() - 1).member()).isEqualTo(expected.get(expected.size() - 1).member());
        }
    }
}
