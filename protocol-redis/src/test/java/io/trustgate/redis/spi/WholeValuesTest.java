package io.trustgate.redis.spi;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WholeValuesTest {

    @Test
    void sampleOfFewFromManyIsDistinctAndInRange() {
        for (int round = 0; round < 200; round++) {
            int[] picks = WholeValues.sample(1_000, 20);
            assertThat(picks).hasSize(20);
            assertThat(Arrays.stream(picks).distinct().count()).isEqualTo(20);
            assertThat(Arrays.stream(picks).allMatch(i -> i >= 0 && i < 1_000)).isTrue();
        }
    }

    @Test
    void sampleReachesEveryIndexOfASparseShuffle() {
        Set<Integer> seen = new HashSet<>();
        for (int round = 0; round < 2_000; round++) {
            for (int i : WholeValues.sample(40, 3)) {
                seen.add(i);
            }
        }
        assertThat(seen).hasSize(40);
    }

    @Test
    void sampleOfAllOrMoreIsAPermutation() {
        int[] picks = WholeValues.sample(7, 100);
        Arrays.sort(picks);
        assertThat(picks).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(WholeValues.sample(0, 5)).isEmpty();
        assertThat(WholeValues.sample(9, 0)).isEmpty();
    }
}
