package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RespFrameScannerTest {

    private static int scanWhole(String wire) {
        ByteBuf buf = Unpooled.copiedBuffer(wire, StandardCharsets.ISO_8859_1);
        try {
            return new RespFrameScanner().scan(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void findsEndOfEachResp2Type() {
        assertThat(scanWhole("+OK\r\nrest")).isEqualTo(5);
        assertThat(scanWhole("-ERR x\r\n")).isEqualTo(8);
        assertThat(scanWhole(":42\r\n")).isEqualTo(5);
        assertThat(scanWhole("$3\r\nabc\r\n+")).isEqualTo(9);
        assertThat(scanWhole("$-1\r\n")).isEqualTo(5);
        assertThat(scanWhole("*-1\r\n")).isEqualTo(5);
        assertThat(scanWhole("*0\r\n")).isEqualTo(4);
        assertThat(scanWhole("*2\r\n$1\r\na\r\n*1\r\n:1\r\n:9\r\n")).isEqualTo(19);
    }

    @Test
    void findsEndOfResp3Types() {
        assertThat(scanWhole("%1\r\n+a\r\n:1\r\n")).isEqualTo(12);
        assertThat(scanWhole("~2\r\n#t\r\n_\r\n")).isEqualTo(11);
        assertThat(scanWhole(">2\r\n+message\r\n,1.5\r\n")).isEqualTo(20);
        assertThat(scanWhole("|1\r\n+k\r\n+v\r\n:7\r\n")).isEqualTo(16);
        assertThat(scanWhole("=8\r\ntxt:abcd\r\n")).isEqualTo(14);
        assertThat(scanWhole("(12345678901234567890\r\n")).isEqualTo(23);
    }

    @Test
    void resumesAcrossPartialReads() {
        String wire = "*3\r\n$5\r\nhello\r\n:1\r\n*1\r\n+x\r\n";
        ByteBuf buf = Unpooled.buffer();
        RespFrameScanner scanner = new RespFrameScanner();
        int found = -1;
        for (byte b : wire.getBytes(StandardCharsets.ISO_8859_1)) {
            buf.writeByte(b);
            found = scanner.scan(buf);
            if (buf.readableBytes() < wire.length()) {
                assertThat(found).isEqualTo(-1);
            }
        }
        assertThat(found).isEqualTo(wire.length());
        buf.release();
    }

    @Test
    void rejectsUnknownTypeByte() {
        assertThatThrownBy(() -> scanWhole("?what\r\n")).isInstanceOf(RespCodecException.class);
    }
}
