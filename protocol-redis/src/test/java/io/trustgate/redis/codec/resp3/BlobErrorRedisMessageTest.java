package io.trustgate.redis.codec.resp3;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlobErrorRedisMessageTest {

    @Test
    void keepsLineBreaksButOffersOneLine() {
        BlobErrorRedisMessage error = new BlobErrorRedisMessage("ERR two\r\nlines\n");
        assertThat(error.message()).isEqualTo("ERR two\r\nlines\n");
        assertThat(error.singleLine()).isEqualTo("ERR two  lines ");
    }
}
