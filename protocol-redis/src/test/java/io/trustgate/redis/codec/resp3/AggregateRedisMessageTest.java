package io.trustgate.redis.codec.resp3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Map, set and push share their ownership rules; the map also checks its shape. */
class AggregateRedisMessageTest {

    private static FullBulkStringRedisMessage bulk(ByteBuf content) {
        return new FullBulkStringRedisMessage(content);
    }

    @Test
    void mapRefusesOddElementCount() {
        List<RedisMessage> odd = List.of(new IntegerRedisMessage(1));
        assertThatThrownBy(() -> new MapRedisMessage(odd)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even");
    }

    @Test
    void mapKeepsPairsInOrderAndCountsThem() {
        MapRedisMessage map = new MapRedisMessage(List.of(new IntegerRedisMessage(1), new IntegerRedisMessage(2),
                new IntegerRedisMessage(3), new IntegerRedisMessage(4)));
        assertThat(map.pairCount()).isEqualTo(2);
        assertThat(map.children()).extracting(m -> ((IntegerRedisMessage) m).value()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void isImmutableEvenIfTheGivenListChanges() {
        List<RedisMessage> elements = new ArrayList<>(List.of(new IntegerRedisMessage(1)));
        SetRedisMessage set = new SetRedisMessage(elements);
        elements.add(new IntegerRedisMessage(2));
        assertThat(set.children()).hasSize(1);
        assertThatThrownBy(() -> set.children().add(new IntegerRedisMessage(3)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void releasesChildrenOnceWhenReleasedToZero() {
        ByteBuf key = Unpooled.copiedBuffer("k", StandardCharsets.US_ASCII);
        ByteBuf member = Unpooled.copiedBuffer("m", StandardCharsets.US_ASCII);
        ByteBuf pushed = Unpooled.copiedBuffer("p", StandardCharsets.US_ASCII);
        MapRedisMessage map = new MapRedisMessage(List.of(bulk(key),
                new SetRedisMessage(List.of(bulk(member), new PushRedisMessage(List.of(bulk(pushed)))))));
        map.retain();
        assertThat(map.release()).isFalse();
        assertThat(key.refCnt()).isEqualTo(1);
        assertThat(map.release()).isTrue();
        assertThat(key.refCnt()).isZero();
        assertThat(member.refCnt()).isZero();
        assertThat(pushed.refCnt()).isZero();
    }

    @Test
    void emptyInstancesSurviveAnyNumberOfReleases() {
        for (int i = 0; i < 3; i++) {
            assertThat(MapRedisMessage.EMPTY_INSTANCE.release()).isFalse();
            assertThat(SetRedisMessage.EMPTY_INSTANCE.release()).isFalse();
        }
        assertThat(MapRedisMessage.EMPTY_INSTANCE.refCnt()).isEqualTo(1);
        assertThat(MapRedisMessage.EMPTY_INSTANCE.pairCount()).isZero();
    }
}
