package io.trustgate.translators.redis.embedded;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class KeyTest {

    private static Key key(String s) {
        return new Key(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void equalBytesMakeEqualKeys() {
        assertThat(key("abc")).isEqualTo(key("abc")).hasSameHashCodeAs(key("abc"));
        assertThat(key("abc")).isNotEqualTo(key("abd"));
        assertThat(key("abc").compareTo(key("abc"))).isZero();
    }

    @Test
    void hashesAreNonNegativeAndSpread() {
        java.util.Set<Long> hashes = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            long h = key("k" + i).hash;
            assertThat(h).isNotNegative();
            hashes.add(h);
        }
        assertThat(hashes).hasSize(10_000);
    }

    @Test
    void orderIsByHashThenBytes() {
        Key a = key("a");
        Key b = key("b");
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Long.signum(a.hash - b.hash));
        assertThat(Key.first(a.hash).compareTo(a)).isLessThanOrEqualTo(0);
        assertThat(Key.first(a.hash + 1).compareTo(a)).isPositive();
    }
}
