package io.trustgate.redis.spi;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionValuesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> strings(List<byte[]> bytes) {
        List<String> out = new ArrayList<>();
        bytes.forEach(x -> out.add(new String(x, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void hashKeepsFieldsAndValuesAlignedAcrossRemovals() {
        HashValue h = new HashValue();
        assertThat(h.put(b("a"), b("1"))).isTrue();
        assertThat(h.put(b("b"), b("2"))).isTrue();
        assertThat(h.put(b("c"), b("3"))).isTrue();
        assertThat(h.put(b("a"), b("10"))).isFalse();
        assertThat(h.remove(b("a"))).isTrue();
        assertThat(h.remove(b("a"))).isFalse();
        assertThat(h.size()).isEqualTo(2);
        for (int i = 0; i < h.size(); i++) {
            assertThat(h.get(h.field(i))).isEqualTo(h.value(i));
        }
        assertThat(strings(h.fields())).containsExactlyInAnyOrder("b", "c");
        HashValue copy = h.copy();
        copy.put(b("z"), b("26"));
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.type()).isEqualTo(ValueType.HASH);
    }

    @Test
    void setSwapRemovesAndStaysIndexable() {
        SetValue s = new SetValue();
        for (String m : new String[]{"a", "b", "c", "d"}) {
            s.add(b(m));
        }
        assertThat(s.add(b("a"))).isFalse();
        assertThat(s.remove(b("a"))).isTrue();
        assertThat(s.contains(b("a"))).isFalse();
        assertThat(s.contains(b("d"))).isTrue();
        assertThat(strings(s.members())).containsExactlyInAnyOrder("b", "c", "d");
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.contains(s.member(i))).isTrue();
        }
        SetValue copy = s.copy();
        copy.remove(b("b"));
        assertThat(s.contains(b("b"))).isTrue();
    }

    @Test
    void sortedSetOrdersByScoreThenUnsignedBytes() {
        SortedSetValue z = new SortedSetValue();
        z.put(b("b"), 1);
        z.put(new byte[]{(byte) 0xff}, 1);
        z.put(b("a"), 1);
        z.put(b("low"), -5);
        assertThat(z.put(b("low"), 10)).isFalse();
        List<String> order = new ArrayList<>();
        z.members().forEach(m -> order.add(m.member().length == 1 && m.member()[0] == (byte) 0xff ? "ff"
                : new String(m.member(), StandardCharsets.UTF_8)));
        assertThat(order).containsExactly("a", "b", "ff", "low");
        assertThat(z.score(b("low"))).isEqualTo(10.0);
        assertThat(z.remove(b("low"))).isTrue();
        assertThat(z.size()).isEqualTo(3);
        assertThat(z.members()).hasSize(3);
    }

    @Test
    void sortedSetTreatsMinusZeroAsZero() {
        SortedSetValue z = new SortedSetValue();
        z.put(b("b"), -0.0);
        z.put(b("a"), 0.0);
        assertThat(z.first().member()).isEqualTo(b("a"));
        assertThat(z.remove(b("b"))).isTrue();
        assertThat(z.members()).hasSize(1);
    }

    @Test
    void listReplacesItsContent() {
        ListValue l = new ListValue();
        l.addLast(b("a"));
        l.addLast(b("b"));
        List<byte[]> all = l.toList();
        all.add(1, b("x"));
        l.replaceWith(all);
        assertThat(strings(l.range(0, 2))).containsExactly("a", "x", "b");
    }
}
