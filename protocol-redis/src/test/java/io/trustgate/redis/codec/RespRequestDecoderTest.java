package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RespRequestDecoderTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static List<String> args(RespRequest r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.argc(); i++) {
            out.add(r.argString(i));
        }
        return out;
    }

    @Test
    void decodesMultibulkAndKeepsOriginalBytes() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(RespLimits.DEFAULT));
        String wire = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n";
        ch.writeInbound(bytes(wire));
        RespRequest r = ch.readInbound();
        assertThat(args(r)).containsExactly("SET", "k", "hello");
        assertThat(r.frame().toString(StandardCharsets.ISO_8859_1)).isEqualTo(wire);
        r.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decodesRequestSplitByteByByte() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(RespLimits.DEFAULT));
        String wire = "*2\r\n$3\r\nGET\r\n$10\r\n0123456789\r\n*1\r\n$4\r\nPING\r\n";
        for (byte b : wire.getBytes(StandardCharsets.ISO_8859_1)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        RespRequest get = ch.readInbound();
        RespRequest ping = ch.readInbound();
        assertThat(args(get)).containsExactly("GET", "0123456789");
        assertThat(args(ping)).containsExactly("PING");
        get.release();
        ping.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decodesPipelinedRequestsInOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(RespLimits.DEFAULT));
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String v = "v" + i;
            wire.append("*2\r\n$4\r\nECHO\r\n$").append(v.length()).append("\r\n").append(v).append("\r\n");
        }
        ch.writeInbound(bytes(wire.toString()));
        for (int i = 0; i < 100; i++) {
            RespRequest r = ch.readInbound();
            assertThat(r.argString(1)).isEqualTo("v" + i);
            r.release();
        }
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void splitsInlineCommandsWithQuotes() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(RespLimits.DEFAULT));
        ch.writeInbound(bytes("set  \"a b\" 'it\\'s' \"\\x41\\n\"\r\nPING\n\r\n"));
        RespRequest set = ch.readInbound();
        assertThat(args(set)).containsExactly("set", "a b", "it's", "A\n");
        RespRequest ping = ch.readInbound();
        assertThat(args(ping)).containsExactly("PING");
        assertThat((Object) ch.readInbound()).isNull();
        set.release();
        ping.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void refusesUnbalancedQuotes() {
        RespProtocolError error = decodeError("GET \"abc\r\n", RespLimits.DEFAULT);
        assertThat(error.redisError()).isEqualTo("ERR Protocol error: unbalanced quotes in request");
    }

    @Test
    void refusesBulkOverLimitBeforeItsBodyArrives() {
        RespLimits limits = new RespLimits(1024, 16, 1024);
        RespProtocolError error = decodeError("*2\r\n$3\r\nGET\r\n$2048\r\n", limits);
        assertThat(error.redisError()).isEqualTo("ERR Protocol error: invalid bulk length");
    }

    @Test
    void refusesArrayOverLimit() {
        RespLimits limits = new RespLimits(1024, 16, 1024);
        assertThat(decodeError("*17\r\n", limits).reason()).isEqualTo("invalid multibulk length");
    }

    @Test
    void refusesMissingDollar() {
        assertThat(decodeError("*1\r\n+PING\r\n", RespLimits.DEFAULT).reason()).isEqualTo("expected '$', got '+'");
    }

    @Test
    void refusesNonNumericLength() {
        assertThat(decodeError("*x\r\n", RespLimits.DEFAULT).reason()).isEqualTo("invalid multibulk length");
        assertThat(decodeError("*1\r\n$-5\r\n", RespLimits.DEFAULT).reason()).isEqualTo("invalid bulk length");
    }

    @Test
    void refusesInlineLineOverLimit() {
        RespLimits limits = new RespLimits(1024, 16, 100);
        assertThat(decodeError("GET " + "x".repeat(200), limits).reason()).isEqualTo("too big inline request");
    }

    @Test
    void dropsEverythingAfterAnError() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(RespLimits.DEFAULT));
        ch.writeInbound(bytes("*1\r\n!\r\n*1\r\n$4\r\nPING\r\n"));
        assertThat((Object) ch.readInbound()).isInstanceOf(RespProtocolError.class);
        ch.writeInbound(bytes("*1\r\n$4\r\nPING\r\n"));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void skipsEmptyArrays() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(RespLimits.DEFAULT));
        ch.writeInbound(bytes("*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n"));
        RespRequest r = ch.readInbound();
        assertThat(r.argString(0)).isEqualTo("PING");
        r.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void parsesIntegersTheWayRedisDoes() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(RespLimits.DEFAULT));
        ch.writeInbound(bytes("X 12 -7 007 +1 9223372036854775807 9223372036854775808 -0\r\n"));
        RespRequest r = ch.readInbound();
        assertThat(r.argLong(1)).isEqualTo(12);
        assertThat(r.argLong(2)).isEqualTo(-7);
        assertThat(r.argLong(5)).isEqualTo(Long.MAX_VALUE);
        for (int i : new int[] {3, 4, 6, 7}) {
            int arg = i;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.argLong(arg))
                    .isInstanceOf(NumberFormatException.class);
        }
        r.release();
        ch.finish();
    }

    private static RespProtocolError decodeError(String wire, RespLimits limits) {
        EmbeddedChannel ch = new EmbeddedChannel(new RespRequestDecoder(limits));
        ch.writeInbound(bytes(wire));
        Object out = ch.readInbound();
        ReferenceCountUtil.release(out);
        ch.finish();
        assertThat(out).isInstanceOf(RespProtocolError.class);
        return (RespProtocolError) out;
    }
}
