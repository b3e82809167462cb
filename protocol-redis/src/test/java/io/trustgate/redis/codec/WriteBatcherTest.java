package io.trustgate.redis.codec;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisEncoder;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batching is checked on a real loopback socket: what leaves must be exactly what was written, in order. */
class WriteBatcherTest {

    private static EventLoopGroup group;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private static ByteBuf frame(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    /** Runs {@code writes} on the event loop of a freshly accepted channel and returns what a client reads. */
    private static void assertSocketReceives(Consumer<WriteBatcher> writes, String expected) throws Exception {
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void handlerAdded(ChannelHandlerContext ctx) {
                        ctx.pipeline().addFirst(new RedisEncoder());
                    }

                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        accepted.complete(ctx.channel());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        try (Socket client = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
            Channel ch = accepted.get(5, TimeUnit.SECONDS);
            ch.eventLoop().submit(() -> writes.accept(new WriteBatcher(ch))).sync();
            byte[] got = client.getInputStream().readNBytes(expected.length());
            assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo(expected);
            client.setSoTimeout(300);
            assertThatThrownBy(() -> client.getInputStream().read()).as("nothing beyond the expected bytes")
                    .isInstanceOf(SocketTimeoutException.class);
        } finally {
            server.close().sync();
        }
    }

    @Test
    void keepsOrderAcrossSmallLargeAndEncodedMessages() throws Exception {
        String large = "$3000\r\n" + "y".repeat(3000) + "\r\n";
        assertSocketReceives(out -> {
            out.write(frame("+a\r\n"));
            out.write(frame("+b\r\n"));
            out.write(frame(large));
            out.write(new SimpleStringRedisMessage("c"));
            out.write(frame(":1\r\n"));
        }, "+a\r\n+b\r\n" + large + "+c\r\n:1\r\n");
    }

    @Test
    void bulkContentsInHeapArraysAreCopiedFromTheirReadableBytesOnly() throws Exception {
        byte[] array = "xxvaluexx".getBytes(StandardCharsets.US_ASCII);
        ByteBuf offsetView = Unpooled.wrappedBuffer(array).slice(2, 5); // array offset 2 inside its array
        ByteBuf advanced = Unpooled.wrappedBuffer("..tail".getBytes(StandardCharsets.US_ASCII));
        advanced.skipBytes(2); // reader index 2
        assertSocketReceives(out -> {
            out.write(new FullBulkStringRedisMessage(offsetView));
            out.write(new FullBulkStringRedisMessage(advanced));
        }, "$5\r\nvalue\r\n$4\r\ntail\r\n");
    }

    @Test
    void manyFramesSpillIntoSeveralBatchesInOrder() throws Exception {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            expected.append(':').append(i).append("\r\n");
        }
        assertSocketReceives(out -> {
            for (int i = 0; i < 20000; i++) {
                out.write(frame(":" + i + "\r\n"));
            }
        }, expected.toString());
    }

    @Test
    void aLoneFrameIsWrittenWithoutCopying() {
        EmbeddedChannel ch = new EmbeddedChannel();
        WriteBatcher out = new WriteBatcher(ch);
        ByteBuf only = frame("+OK\r\n");
        out.write(only);
        ch.runPendingTasks();
        ByteBuf written = ch.readOutbound();
        assertThat(written).isSameAs(only);
        written.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void discardReleasesWhatWasNotWritten() {
        EmbeddedChannel ch = new EmbeddedChannel();
        WriteBatcher out = new WriteBatcher(ch);
        ByteBuf a = frame("+a\r\n");
        ByteBuf b = frame("+b\r\n");
        out.write(a);
        out.write(b);
        out.discard();
        assertThat(a.refCnt()).isZero();
        assertThat(b.refCnt()).isZero();
        ch.finish();
    }

    @Test
    void encodesRepliesIntoTheBatchInTheSelectedVersion() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespEncoder());
        WriteBatcher out = new WriteBatcher(ch, true);
        String big = "v".repeat(FrameOutput.COPY_LIMIT + 1);
        out.write(frame("+a\r\n"));
        out.write(new IntegerRedisMessage(-1234567890123L));
        out.write(FullBulkStringRedisMessage.NULL_INSTANCE);
        out.write(RespVersion.RESP3);
        out.write(FullBulkStringRedisMessage.NULL_INSTANCE);
        out.write(new FullBulkStringRedisMessage(Unpooled.copiedBuffer(big, StandardCharsets.US_ASCII)));
        out.write(new IntegerRedisMessage(0));
        out.flushNow();
        StringBuilder got = new StringBuilder();
        int buffers = 0;
        for (ByteBuf b; (b = ch.readOutbound()) != null; buffers++) {
            got.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        assertThat(got.toString()).isEqualTo("+a\r\n:-1234567890123\r\n$-1\r\n_\r\n$" + big.length() + "\r\n" + big
                + "\r\n:0\r\n");
        // the version switch goes on to the pipeline's encoder after the batch before it; the large content leaves
        // as its own slice between two batches
        assertThat(buffers).isEqualTo(4);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void anUnknownReplyTypeDropsItsBytesAndClosesTheConnection() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespEncoder());
        WriteBatcher out = new WriteBatcher(ch, true);
        out.write(new SimpleStringRedisMessage("kept"));
        out.write(new io.netty.handler.codec.redis.RedisMessage() { });
        out.flushNow();
        ByteBuf written = ch.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("+kept\r\n");
        written.release();
        assertThatThrownBy(ch::checkException).isInstanceOf(io.netty.handler.codec.EncoderException.class);
        ch.finish();
    }
}
