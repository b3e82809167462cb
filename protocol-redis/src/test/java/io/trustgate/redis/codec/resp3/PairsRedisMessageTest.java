package io.trustgate.redis.codec.resp3;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PairsRedisMessageTest {

    private static FullBulkStringRedisMessage bulk(String s) {
        return new FullBulkStringRedisMessage(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    @Test
    void countsPairsAndReleasesItsChildren() {
        FullBulkStringRedisMessage a = bulk("a");
        FullBulkStringRedisMessage b = bulk("b");
        PairsRedisMessage pairs = new PairsRedisMessage(List.<RedisMessage>of(a, b));
        assertThat(pairs.pairCount()).isEqualTo(1);
        assertThat(pairs.release()).isTrue();
        assertThat(a.refCnt()).isZero();
        assertThat(b.refCnt()).isZero();
    }

    @Test
    void rejectsAnOddNumberOfElements() {
        FullBulkStringRedisMessage a = bulk("a");
        assertThatThrownBy(() -> new PairsRedisMessage(List.of(a))).isInstanceOf(IllegalArgumentException.class);
        a.release();
    }

    @Test
    void theEmptyInstanceIsShared() {
        assertThat(PairsRedisMessage.EMPTY_INSTANCE.release()).isFalse();
        assertThat(PairsRedisMessage.EMPTY_INSTANCE.refCnt()).isEqualTo(1);
    }
}
