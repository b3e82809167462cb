package io.trustgate.redis.passthrough;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotMapTest {

    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 7000);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 7001);
    private static final InetSocketAddress C = new InetSocketAddress("127.0.0.1", 7002);

    private static SlotMap threeMasters() {
        return SlotMap.of(List.of(new SlotMap.Range(10923, 16383, C), new SlotMap.Range(0, 5460, A),
                new SlotMap.Range(5461, 10922, B)));
    }

    @Test
    void answersTheOwnerOfEverySlot() {
        SlotMap map = threeMasters();
        assertThat(map.owner(0)).isEqualTo(A);
        assertThat(map.owner(5460)).isEqualTo(A);
        assertThat(map.owner(5461)).isEqualTo(B);
        assertThat(map.owner(12182)).isEqualTo(C);
        assertThat(map.coversAll()).isTrue();
    }

    @Test
    void numbersMastersInAddressOrderWhateverTheRangeOrder() {
        SlotMap map = threeMasters();
        assertThat(map.masters()).containsExactly(A, B, C);
        assertThat(map.first()).isEqualTo(A);
        assertThat(map.master(2)).isEqualTo(C);
    }

    @Test
    void reportsUncoveredSlots() {
        SlotMap map = SlotMap.of(List.of(new SlotMap.Range(0, 100, A)));
        assertThat(map.coversAll()).isFalse();
        assertThat(map.owner(101)).isNull();
    }

    @Test
    void movesOneSlotInACopyAndLeavesTheOriginalAlone() {
        SlotMap map = threeMasters();
        SlotMap moved = map.withOwner(12182, A);
        assertThat(moved.owner(12182)).isEqualTo(A);
        assertThat(moved.owner(12181)).isEqualTo(C);
        assertThat(map.owner(12182)).isEqualTo(C);
        assertThat(map.withOwner(0, A)).isSameAs(map);
    }

    @Test
    void appendsAMasterFirstHeardOfInAMove() {
        InetSocketAddress d = new InetSocketAddress("127.0.0.1", 6999);
        SlotMap moved = threeMasters().withOwner(42, d);
        assertThat(moved.masters()).containsExactly(A, B, C, d);
        assertThat(moved.owner(42)).isEqualTo(d);
    }

    @Test
    void roundTripsThroughRanges() {
        SlotMap map = threeMasters();
        assertThat(map.ranges()).containsExactly(new SlotMap.Range(0, 5460, A), new SlotMap.Range(5461, 10922, B),
                new SlotMap.Range(10923, 16383, C));
        assertThat(SlotMap.of(map.ranges()).ranges()).isEqualTo(map.ranges());
    }

    @Test
    void rejectsRangesOutOfBounds() {
        assertThatThrownBy(() -> SlotMap.of(List.of(new SlotMap.Range(0, 16384, A))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
