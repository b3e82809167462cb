package io.trustgate.redis.codec.resp3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerbatimStringRedisMessageTest {

    @Test
    void acceptsOnlyThreeCharacterFormats() {
        assertThat(new VerbatimStringRedisMessage("mkd", "# x").format()).isEqualTo("mkd");
        for (String bad : new String[] {"tx", "text", "t:t", "t t"}) {
            assertThatThrownBy(() -> new VerbatimStringRedisMessage(bad, "x"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void ownsItsTextBuffer() {
        ByteBuf text = Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII);
        VerbatimStringRedisMessage message = new VerbatimStringRedisMessage("txt", text);
        VerbatimStringRedisMessage duplicate = message.retainedDuplicate();
        assertThat(duplicate.format()).isEqualTo("txt");
        assertThat(text.refCnt()).isEqualTo(2);
        duplicate.release();
        message.release();
        assertThat(text.refCnt()).isZero();
    }
}
