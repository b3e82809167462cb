package io.trustgate.translators.redis.embedded;

import io.trustgate.redis.spi.Entry;
import io.trustgate.redis.spi.StringValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class KeyTableTest {

    private static final Entry ENTRY = new Entry(new StringValue(new byte[] {1}), Entry.NO_EXPIRY, 1);

    private static Key key(String s) {
        return new Key(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Key> walk(KeyTable t, KeyTable.Node from) {
        List<Key> out = new ArrayList<>();
        for (KeyTable.Node n = from; n != null; n = t.next(n)) {
            out.add(n);
        }
        return out;
    }

    @Test
    void walksInKeyOrderThroughGrowingAndShrinking() {
        KeyTable t = new KeyTable();
        TreeMap<Key, Boolean> expected = new TreeMap<>();
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Key k = key("k" + r.nextInt(5_000));
            if (r.nextInt(3) == 0) {
                assertThat(t.remove(k) != null).isEqualTo(expected.remove(k) != null);
            } else {
                t.getOrAdd(k).entry = ENTRY;
                expected.put(k, true);
            }
        }
        assertThat(t.size()).isEqualTo(expected.size());
        assertThat(walk(t, t.first(0))).containsExactlyElementsOf(expected.keySet());
        for (Key k : new ArrayList<>(expected.keySet())) {
            if (r.nextInt(10) != 0) {
                assertThat(t.remove(k)).isNotNull();
                expected.remove(k);
            }
        }
        assertThat(walk(t, t.first(0))).containsExactlyElementsOf(expected.keySet());
        for (Key k : expected.keySet()) {
            assertThat(t.get(k)).isNotNull();
            assertThat((Key) t.higher(k)).isEqualTo(expected.higherKey(k));
            assertThat((Key) t.first(k.hash)).isEqualTo(expected.ceilingKey(Key.first(k.hash)));
        }
        assertThat(t.get(key("absent"))).isNull();
    }

    @Test
    void keysSharingAHashStayOrderedByBytes() {
        KeyTable t = new KeyTable();
        long h = 12345L << 40;
        for (String s : new String[] {"c", "a", "b"}) {
            t.getOrAdd(new Key(s.getBytes(StandardCharsets.UTF_8), h)).entry = ENTRY;
        }
        t.getOrAdd(new Key("z".getBytes(StandardCharsets.UTF_8), h - 1)).entry = ENTRY;
        assertThat(walk(t, t.first(h)).stream().map(k -> new String(k.bytes, StandardCharsets.UTF_8)))
                .containsExactly("a", "b", "c");
        assertThat(t.remove(new Key("b".getBytes(StandardCharsets.UTF_8), h))).isNotNull();
        assertThat(t.get(new Key("b".getBytes(StandardCharsets.UTF_8), h))).isNull();
        assertThat(t.get(new Key("c".getBytes(StandardCharsets.UTF_8), h))).isNotNull();
    }

    @Test
    void aWalkResumedByHashReturnsEveryKeyPresentThroughoutWhileTheTableResizes() {
        KeyTable t = new KeyTable();
        Set<Key> stable = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            Key k = key("stable" + i);
            t.getOrAdd(k).entry = ENTRY;
            stable.add(k);
        }
        Set<Key> seen = new HashSet<>();
        long cursor = 0;
        int round = 0;
        do {
            KeyTable.Node n = t.first(cursor);
            for (int i = 0; i < 10 && n != null; i++, n = t.next(n)) {
                seen.add(n);
            }
            cursor = n == null ? -1 : n.hash;
            // between pages: grow the table a lot, then shrink it back, so pages straddle resizes both ways
            int churn = round++ % 2 == 0 ? 2_000 : -2_000;
            for (int i = 0; i < Math.abs(churn); i++) {
                Key k = key("churn" + i);
                if (churn > 0) {
                    t.getOrAdd(k).entry = ENTRY;
                } else {
                    t.remove(k);
                }
            }
        } while (cursor >= 0);
        assertThat(seen).containsAll(stable);
    }
}
