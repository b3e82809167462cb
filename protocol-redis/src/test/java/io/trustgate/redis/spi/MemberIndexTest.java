package io.trustgate.redis.spi;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MemberIndexTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsAddedMembersByContentNotIdentity() {
        MemberIndex index = new MemberIndex();
        index.add(~index.slot(b("a")), b("a"), 1.5);
        int slot = index.slot(b("a"));
        assertThat(slot).isNotNegative();
        assertThat(index.score(slot)).isEqualTo(1.5);
        assertThat(index.key(slot)).isEqualTo(b("a"));
        assertThat(index.slot(b("b"))).isNegative();
        assertThat(index.slot(new byte[0])).isNegative();
        index.add(~index.slot(new byte[0]), new byte[0], -2);
        assertThat(index.score(index.slot(new byte[0]))).isEqualTo(-2.0);
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void keepsEveryMemberReachableThroughGrowthRemovalsAndShrinking() {
        Random random = new Random(42);
        MemberIndex index = new MemberIndex();
        Map<ByteBuffer, Double> model = new HashMap<>();
        for (int op = 0; op < 60_000; op++) {
            // phases that grow the table, then empty it most of the way so it shrinks again
            boolean growing = (op / 15_000) % 2 == 0;
            byte[] member = b("m" + random.nextInt(5_000));
            int slot = index.slot(member);
            assertThat(slot >= 0).isEqualTo(model.containsKey(ByteBuffer.wrap(member)));
            if (random.nextInt(10) < (growing ? 7 : 2)) {
                double score = random.nextInt(100);
                if (slot >= 0) {
                    index.setScore(slot, score);
                } else {
                    index.add(~slot, member, score);
                }
                model.put(ByteBuffer.wrap(member), score);
            } else if (slot >= 0) {
                index.removeAt(slot);
                model.remove(ByteBuffer.wrap(member));
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
        for (Map.Entry<ByteBuffer, Double> e : model.entrySet()) {
            int slot = index.slot(e.getKey().array());
            assertThat(slot).isNotNegative();
            assertThat(index.score(slot)).isEqualTo(e.getValue());
        }
    }

    @Test
    void copyIsIndependent() {
        MemberIndex index = new MemberIndex();
        index.add(~index.slot(b("a")), b("a"), 1);
        MemberIndex copy = index.copy();
        copy.removeAt(copy.slot(b("a")));
        copy.add(~copy.slot(b("b")), b("b"), 2);
        assertThat(index.slot(b("a"))).isNotNegative();
        assertThat(index.slot(b("b"))).isNegative();
        assertThat(copy.slot(b("a"))).isNegative();
        assertThat(copy.size()).isEqualTo(1);
    }
}
