package io.trustgate.s3.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A download that takes longer than the idle timeout is not cut while the client keeps reading it. A body sent as a
 * file region (the filesystem backend's zero-copy path) is queued whole, with its end, at once: the connection is
 * idle only once that end has gone out, not once it was queued.
 */
class SlowDownloadTimeoutTest {

    static final int SIZE = 12 << 20;

    @TempDir
    static Path dir;
    static EventLoopGroup group;
    static Channel server;
    static Path file;

    @BeforeAll
    static void start() throws Exception {
        file = dir.resolve("object");
        Files.write(file, new byte[SIZE]);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(),
                                new ConnectionTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)),
                                new SimpleChannelInboundHandler<HttpObject>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg)
                                            throws Exception {
                                        if (!(msg instanceof LastHttpContent)) {
                                            return; // answered once the request is whole, as the S3 handler does
                                        }
                                        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK);
                                        response.headers().set("content-length", SIZE);
                                        ctx.write(response);
                                        ctx.write(new DefaultFileRegion(
                                                new RandomAccessFile(file.toFile(), "r").getChannel(), 0, SIZE));
                                        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    @AfterAll
    static void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aSteadyDownloadLongerThanTheIdleTimeoutIsNotCut() throws Exception {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(64 * 1024);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /o HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[256 * 1024];
            long total = 0;
            long started = System.nanoTime();
            // a 30 ms pause after each read: seconds for the body, several idle timeouts of 500 ms
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                total += n;
                Thread.sleep(30);
                if (total >= SIZE) {
                    break;
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(1));
            assertThat(total).as("the whole response (head and body)").isGreaterThan(SIZE);
        }
    }
}
