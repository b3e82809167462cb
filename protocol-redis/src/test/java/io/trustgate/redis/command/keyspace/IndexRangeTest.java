package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis 7.0's clamping of LRANGE/LTRIM/ZRANGE indexes, over a sequence of 5 elements (positions 0..4). */
class IndexRangeTest {

    @Test
    void negativeIndexesCountFromTheEndAndBothEndsAreClamped() {
        assertThat(IndexRange.clamp(0, -1, 5)).isEqualTo(new IndexRange(0, 4));
        assertThat(IndexRange.clamp(-3, -2, 5)).isEqualTo(new IndexRange(2, 3));
        assertThat(IndexRange.clamp(-100, 1, 5)).isEqualTo(new IndexRange(0, 1));
        assertThat(IndexRange.clamp(3, 100, 5)).isEqualTo(new IndexRange(3, 4));
    }

    @Test
    void emptySelectionsAreNull() {
        assertThat(IndexRange.clamp(3, 2, 5)).isNull();
        assertThat(IndexRange.clamp(5, 10, 5)).isNull();
        assertThat(IndexRange.clamp(-1, -100, 5)).isNull();
        assertThat(IndexRange.clamp(0, -1, 0)).isNull();
    }

    @Test
    void coversOnlyTheWholeSequence() {
        assertThat(IndexRange.clamp(0, -1, 5).covers(5)).isTrue();
        assertThat(IndexRange.clamp(-100, 100, 5).covers(5)).isTrue();
        assertThat(IndexRange.clamp(1, -1, 5).covers(5)).isFalse();
        assertThat(IndexRange.clamp(0, 3, 5).covers(5)).isFalse();
    }
}
