package io.trustgate.redis.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.redis.ArrayHeaderRedisMessage;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.BulkStringHeaderRedisMessage;
import io.netty.handler.codec.redis.DefaultBulkStringRedisContent;
import io.netty.handler.codec.redis.DefaultLastBulkStringRedisContent;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisEncoder;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.trustgate.redis.codec.resp3.BigNumberRedisMessage;
import io.trustgate.redis.codec.resp3.BlobErrorRedisMessage;
import io.trustgate.redis.codec.resp3.BooleanRedisMessage;
import io.trustgate.redis.codec.resp3.DoubleRedisMessage;
import io.trustgate.redis.codec.resp3.MapRedisMessage;
import io.trustgate.redis.codec.resp3.PairsRedisMessage;
import io.trustgate.redis.codec.resp3.NullRedisMessage;
import io.trustgate.redis.codec.resp3.PushRedisMessage;
import io.trustgate.redis.codec.resp3.SetRedisMessage;
import io.trustgate.redis.codec.resp3.VerbatimStringRedisMessage;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class RespEncoderTest {

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static FullBulkStringRedisMessage bulk(String s) {
        return new FullBulkStringRedisMessage(text(s));
    }

    /** Everything {@code messages} encode to on a fresh channel in {@code version}; every buffer released. */
    private static String encode(RespVersion version, Object... messages) {
        EmbeddedChannel ch = new EmbeddedChannel(new RespEncoder());
        ch.writeOutbound(version);
        for (Object message : messages) {
            ch.writeOutbound(message);
        }
        String wire = drain(ch);
        assertThat(ch.finish()).as("nothing left over").isFalse();
        return wire;
    }

    private static String drain(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        ByteBuf buf;
        while ((buf = ch.readOutbound()) != null) {
            sb.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return sb.toString();
    }

    private static String resp2(Object... messages) {
        return encode(RespVersion.RESP2, messages);
    }

    private static String resp3(Object... messages) {
        return encode(RespVersion.RESP3, messages);
    }

    /** The RESP2 netty types, each built fresh per call since encoding releases them. */
    private static List<Supplier<RedisMessage>> nettyTypes() {
        return List.of(
                () -> new SimpleStringRedisMessage("OK"),
                () -> new ErrorRedisMessage("ERR wrong"),
                () -> new IntegerRedisMessage(-42),
                () -> new IntegerRedisMessage(Long.MAX_VALUE),
                () -> bulk("héllo"),
                () -> FullBulkStringRedisMessage.EMPTY_INSTANCE,
                () -> FullBulkStringRedisMessage.NULL_INSTANCE,
                () -> ArrayRedisMessage.EMPTY_INSTANCE,
                () -> ArrayRedisMessage.NULL_INSTANCE,
                () -> new ArrayRedisMessage(List.of(bulk("a"), new IntegerRedisMessage(1),
                        new ArrayRedisMessage(List.of(bulk("nested"))), FullBulkStringRedisMessage.NULL_INSTANCE)),
                () -> new BulkStringHeaderRedisMessage(5),
                () -> new DefaultBulkStringRedisContent(text("ab")),
                () -> new DefaultLastBulkStringRedisContent(text("cde")),
                () -> new ArrayHeaderRedisMessage(3),
                () -> new InlineCommandRedisMessage("PING"));
    }

    @Test
    void writesEveryNettyTypeInResp2ExactlyAsNettysEncoder() {
        for (Supplier<RedisMessage> type : nettyTypes()) {
            EmbeddedChannel netty = new EmbeddedChannel(new RedisEncoder());
            netty.writeOutbound(type.get());
            String expected = drain(netty);
            assertThat(netty.finish()).isFalse();
            assertThat(resp2(type.get())).as(type.get().toString()).isEqualTo(expected);
        }
    }

    @Test
    void writesNettyTypesByteExactInResp2() {
        assertThat(resp2(new SimpleStringRedisMessage("OK"))).isEqualTo("+OK\r\n");
        assertThat(resp2(new ErrorRedisMessage("ERR x"))).isEqualTo("-ERR x\r\n");
        assertThat(resp2(new IntegerRedisMessage(-7))).isEqualTo(":-7\r\n");
        assertThat(resp2(bulk("v"))).isEqualTo("$1\r\nv\r\n");
        assertThat(resp2(FullBulkStringRedisMessage.NULL_INSTANCE)).isEqualTo("$-1\r\n");
        assertThat(resp2(ArrayRedisMessage.NULL_INSTANCE)).isEqualTo("*-1\r\n");
        assertThat(resp2(new ArrayRedisMessage(List.of(bulk("a"), new IntegerRedisMessage(2)))))
                .isEqualTo("*2\r\n$1\r\na\r\n:2\r\n");
    }

    @Test
    void writesNettyNullsAsResp3NullOnResp3Connection() {
        assertThat(resp3(FullBulkStringRedisMessage.NULL_INSTANCE)).isEqualTo("_\r\n");
        assertThat(resp3(ArrayRedisMessage.NULL_INSTANCE)).isEqualTo("_\r\n");
        assertThat(resp3(new ArrayHeaderRedisMessage(-1))).isEqualTo("_\r\n");
        assertThat(resp3(new ArrayRedisMessage(List.of(FullBulkStringRedisMessage.NULL_INSTANCE, bulk("x")))))
                .isEqualTo("*2\r\n_\r\n$1\r\nx\r\n");
        assertThat(resp3(bulk("v"), new IntegerRedisMessage(3), new SimpleStringRedisMessage("OK")))
                .isEqualTo("$1\r\nv\r\n:3\r\n+OK\r\n");
    }

    @Test
    void writesResp3TypesNatively() {
        assertThat(resp3(new MapRedisMessage(List.of(bulk("a"), new IntegerRedisMessage(1), bulk("b"), bulk("x")))))
                .isEqualTo("%2\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n$1\r\nx\r\n");
        assertThat(resp3(MapRedisMessage.EMPTY_INSTANCE)).isEqualTo("%0\r\n");
        assertThat(resp3(new SetRedisMessage(List.of(bulk("m"), bulk("n"))))).isEqualTo("~2\r\n$1\r\nm\r\n$1\r\nn\r\n");
        assertThat(resp3(SetRedisMessage.EMPTY_INSTANCE)).isEqualTo("~0\r\n");
        assertThat(resp3(new DoubleRedisMessage(0.1))).isEqualTo(",0.10000000000000001\r\n");
        assertThat(resp3(new DoubleRedisMessage(Double.NEGATIVE_INFINITY))).isEqualTo(",-inf\r\n");
        assertThat(resp3(BooleanRedisMessage.TRUE, BooleanRedisMessage.FALSE)).isEqualTo("#t\r\n#f\r\n");
        assertThat(resp3(NullRedisMessage.INSTANCE)).isEqualTo("_\r\n");
        assertThat(resp3(new BigNumberRedisMessage(new BigInteger("-123456789012345678901234567890"))))
                .isEqualTo("(-123456789012345678901234567890\r\n");
        assertThat(resp3(new VerbatimStringRedisMessage("txt", "hi\nthere"))).isEqualTo("=12\r\ntxt:hi\nthere\r\n");
        assertThat(resp3(new PushRedisMessage(List.of(bulk("message"), bulk("ch"), bulk("hi")))))
                .isEqualTo(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n");
        assertThat(resp3(new BlobErrorRedisMessage("SYNTAX bad\r\nline"))).isEqualTo("!16\r\nSYNTAX bad\r\nline\r\n");
    }

    @Test
    void writesPairsNestedInResp3AndFlatInResp2() {
        assertThat(resp3(new PairsRedisMessage(List.of(bulk("a"), new DoubleRedisMessage(1), bulk("b"),
                new DoubleRedisMessage(2.5))))).isEqualTo("*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n");
        assertThat(resp2(new PairsRedisMessage(List.of(bulk("a"), new DoubleRedisMessage(1), bulk("b"),
                new DoubleRedisMessage(2.5))))).isEqualTo("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$3\r\n2.5\r\n");
        assertThat(resp3(PairsRedisMessage.EMPTY_INSTANCE)).isEqualTo("*0\r\n");
        assertThat(resp2(PairsRedisMessage.EMPTY_INSTANCE)).isEqualTo("*0\r\n");
    }

    @Test
    void downgradesResp3TypesAsRedisDoesForResp2() {
        assertThat(resp2(new MapRedisMessage(List.of(bulk("a"), new IntegerRedisMessage(1), bulk("b"), bulk("x")))))
                .isEqualTo("*4\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n$1\r\nx\r\n");
        assertThat(resp2(MapRedisMessage.EMPTY_INSTANCE)).isEqualTo("*0\r\n");
        assertThat(resp2(new SetRedisMessage(List.of(bulk("m"), bulk("n"))))).isEqualTo("*2\r\n$1\r\nm\r\n$1\r\nn\r\n");
        assertThat(resp2(new DoubleRedisMessage(0.1))).isEqualTo("$19\r\n0.10000000000000001\r\n");
        assertThat(resp2(new DoubleRedisMessage(Double.NEGATIVE_INFINITY))).isEqualTo("$4\r\n-inf\r\n");
        assertThat(resp2(new DoubleRedisMessage(3))).isEqualTo("$1\r\n3\r\n");
        assertThat(resp2(BooleanRedisMessage.TRUE, BooleanRedisMessage.FALSE)).isEqualTo(":1\r\n:0\r\n");
        assertThat(resp2(NullRedisMessage.INSTANCE)).isEqualTo("$-1\r\n");
        assertThat(resp2(new BigNumberRedisMessage(new BigInteger("123456789012345678901234567890"))))
                .isEqualTo("$30\r\n123456789012345678901234567890\r\n");
        assertThat(resp2(new VerbatimStringRedisMessage("txt", "hi\nthere"))).isEqualTo("$8\r\nhi\nthere\r\n");
        assertThat(resp2(new PushRedisMessage(List.of(bulk("message"), bulk("ch"), bulk("hi")))))
                .isEqualTo("*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n");
        assertThat(resp2(new BlobErrorRedisMessage("SYNTAX bad\r\nline"))).isEqualTo("-SYNTAX bad  line\r\n");
    }

    private static RedisMessage nested() {
        return new MapRedisMessage(List.of(
                bulk("scores"), new ArrayRedisMessage(List.of(new DoubleRedisMessage(1.5), NullRedisMessage.INSTANCE)),
                bulk("flags"), new SetRedisMessage(List.of(BooleanRedisMessage.TRUE,
                        new MapRedisMessage(List.of(bulk("k"), new BigNumberRedisMessage(BigInteger.TEN))))),
                bulk("missing"), FullBulkStringRedisMessage.NULL_INSTANCE));
    }

    @Test
    void recursesIntoNestedAggregatesInBothVersions() {
        assertThat(resp3(nested())).isEqualTo("%3\r\n"
                + "$6\r\nscores\r\n*2\r\n,1.5\r\n_\r\n"
                + "$5\r\nflags\r\n~2\r\n#t\r\n%1\r\n$1\r\nk\r\n(10\r\n"
                + "$7\r\nmissing\r\n_\r\n");
        assertThat(resp2(nested())).isEqualTo("*6\r\n"
                + "$6\r\nscores\r\n*2\r\n$3\r\n1.5\r\n$-1\r\n"
                + "$5\r\nflags\r\n*2\r\n:1\r\n*2\r\n$1\r\nk\r\n$2\r\n10\r\n"
                + "$7\r\nmissing\r\n$-1\r\n");
    }

    @Test
    void switchesVersionInWriteOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespEncoder());
        RespEncoder encoder = ch.pipeline().get(RespEncoder.class);
        assertThat(encoder.version()).isEqualTo(RespVersion.RESP2);
        ch.write(NullRedisMessage.INSTANCE);
        ch.write(RespVersion.RESP3);
        ch.write(NullRedisMessage.INSTANCE);
        ch.write(RespVersion.RESP2);
        ch.writeAndFlush(NullRedisMessage.INSTANCE);
        assertThat(drain(ch)).isEqualTo("$-1\r\n_\r\n$-1\r\n");
        assertThat(encoder.version()).isEqualTo(RespVersion.RESP2);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void passesByteBufsThroughUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespEncoder());
        ch.writeOutbound(RespVersion.RESP3);
        ByteBuf frame = text("$-1\r\n");
        ch.writeOutbound(frame);
        ByteBuf out = ch.readOutbound();
        assertThat(out).isSameAs(frame);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("$-1\r\n");
        out.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void releasesContentsOfEncodedMessages() {
        ByteBuf a = text("a");
        ByteBuf b = text("b");
        ByteBuf verbatim = text("text");
        ByteBuf element = text("e");
        RedisMessage message = new MapRedisMessage(List.of(new FullBulkStringRedisMessage(a),
                new ArrayRedisMessage(List.of(new FullBulkStringRedisMessage(b),
                        new VerbatimStringRedisMessage("txt", verbatim))),
                bulk("set"), new SetRedisMessage(List.of(new FullBulkStringRedisMessage(element)))));
        assertThat(resp3(message)).isEqualTo("%2\r\n$1\r\na\r\n*2\r\n$1\r\nb\r\n=8\r\ntxt:text\r\n"
                + "$3\r\nset\r\n~1\r\n$1\r\ne\r\n");
        for (ByteBuf content : List.of(a, b, verbatim, element)) {
            assertThat(content.refCnt()).isZero();
        }
        ByteBuf again = text("x");
        resp2(new PushRedisMessage(List.of(new FullBulkStringRedisMessage(again))));
        assertThat(again.refCnt()).isZero();
    }

    @Test
    void sendsLargeContentAsSliceWithoutCopying() {
        String big = "x".repeat(FrameOutput.COPY_LIMIT + 1);
        ByteBuf content = text(big);
        EmbeddedChannel ch = new EmbeddedChannel(new RespEncoder());
        ch.writeOutbound(new ArrayRedisMessage(List.of(new FullBulkStringRedisMessage(content), bulk("y"))));
        List<ByteBuf> parts = new ArrayList<>();
        ByteBuf part;
        while ((part = ch.readOutbound()) != null) {
            parts.add(part);
        }
        assertThat(parts).hasSize(3);
        assertThat(parts.get(1).unwrap()).as("a slice of the content, not a copy").isSameAs(content);
        StringBuilder wire = new StringBuilder();
        parts.forEach(p -> wire.append(p.toString(StandardCharsets.US_ASCII)));
        assertThat(wire.toString()).isEqualTo("*2\r\n$" + big.length() + "\r\n" + big + "\r\n$1\r\ny\r\n");
        assertThat(content.refCnt()).as("held by the slice until written").isEqualTo(1);
        parts.forEach(ByteBuf::release);
        assertThat(content.refCnt()).isZero();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void completesPromisesOfMultiPartWrites() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespEncoder());
        ChannelFuture future = ch.writeAndFlush(new FullBulkStringRedisMessage(
                text("z".repeat(FrameOutput.COPY_LIMIT * 2))));
        assertThat(future.isSuccess()).isTrue();
        assertThat(drain(ch)).startsWith("$" + FrameOutput.COPY_LIMIT * 2 + "\r\nzz").endsWith("zz\r\n");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void failsUnknownMessageAndReleasesIt() {
        ByteBuf content = text("c");
        RedisMessage unknown = new UnknownMessage();
        EmbeddedChannel ch = new EmbeddedChannel(new RespEncoder());
        ChannelFuture future = ch.writeAndFlush(new ArrayRedisMessage(List.of(new FullBulkStringRedisMessage(content),
                unknown)));
        assertThat(future.cause()).isInstanceOf(EncoderException.class).hasMessageContaining("unknown message type");
        assertThat(content.refCnt()).isZero();
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    private static final class UnknownMessage implements RedisMessage {
    }
}
