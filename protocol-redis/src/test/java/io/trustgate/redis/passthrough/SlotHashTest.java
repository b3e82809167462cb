package io.trustgate.redis.passthrough;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.trustgate.redis.codec.RespRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected values come from a real Redis 7 ({@code redis-cli -p 7000 cluster keyslot <key>}). */
class SlotHashTest {

    @Test
    void matchesRedisKeyslotForPlainKeys() {
        assertThat(SlotHash.slot("foo")).isEqualTo(12182);
        assertThat(SlotHash.slot("bar")).isEqualTo(5061);
        assertThat(SlotHash.slot("hello")).isEqualTo(866);
        assertThat(SlotHash.slot("123456789")).isEqualTo(12739);
        assertThat(SlotHash.slot("")).isZero();
    }

    @Test
    void computesCrc16XmodemCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(SlotHash.crc16(Unpooled.wrappedBuffer(check), 0, check.length)).isEqualTo(0x31C3);
    }

    @Test
    void hashesOnlyTheFirstNonEmptyHashTag() {
        assertThat(SlotHash.slot("{user1000}.following")).isEqualTo(3443);
        assertThat(SlotHash.slot("{user1000}.followers")).isEqualTo(3443);
        assertThat(SlotHash.slot("foo{bar}{zap}")).isEqualTo(SlotHash.slot("bar")).isEqualTo(5061);
        assertThat(SlotHash.slot("foo{{bar}}zap")).isEqualTo(4015);
        assertThat(SlotHash.slot("{a}")).isEqualTo(15495);
    }

    @Test
    void hashesTheWholeKeyWhenTheTagIsEmptyOrUnclosed() {
        assertThat(SlotHash.slot("foo{}{bar}")).isEqualTo(8363);
        assertThat(SlotHash.slot("{}")).isEqualTo(15257);
        assertThat(SlotHash.slot("a{b")).isEqualTo(13340);
    }

    @Test
    void readsTheKeyInPlaceInsideARequest() {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, "MGET", "foo", "{user1000}.x", "bar");
        try {
            assertThat(SlotHash.slot(request, 1)).isEqualTo(12182);
            assertThat(SlotHash.slot(request, 2)).isEqualTo(3443);
            assertThat(SlotHash.slot(request, 3)).isEqualTo(5061);
        } finally {
            request.release();
        }
    }

    @Test
    void staysWithinTheSlotRange() {
        for (int i = 0; i < 5000; i++) {
            assertThat(SlotHash.slot("key:" + i)).isBetween(0, SlotHash.SLOTS - 1);
        }
    }
}
