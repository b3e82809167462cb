package io.trustgate.s3;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.trustgate.s3.route.BucketRouter;
import io.trustgate.s3.spi.BlobStore;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** An S3 listener on an ephemeral loopback port over one store, for tests. */
final class S3TestServer implements AutoCloseable {

    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventLoopGroup group;
    private final Channel channel;
    final S3Frontend frontend;

    S3TestServer(BlobStore store, S3ListenerSettings settings) throws InterruptedException {
        this(List.of(new BucketRouter.Route("all", "*", "memory", store)), settings, false);
    }

    S3TestServer(List<BucketRouter.Route> routes, S3ListenerSettings settings) throws InterruptedException {
        this(routes, settings, false);
    }

    /** On NIO, or on Netty's native epoll transport (as the gateway runs on Linux), which must then be there. */
    S3TestServer(List<BucketRouter.Route> routes, S3ListenerSettings settings, boolean epoll)
            throws InterruptedException {
        if (epoll) {
            Epoll.ensureAvailability();
        }
        group = new MultiThreadIoEventLoopGroup(2, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        frontend = new S3Frontend(settings, routes, registry);
        channel = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(frontend.channelInitializer()).bind("127.0.0.1", 0).sync().channel();
    }

    S3TestServer(BlobStore store) throws InterruptedException {
        this(store, S3ListenerSettings.of("test", List.of("s3.localhost"), Map.of(ACCESS_KEY, SECRET_KEY),
                List.of("public-*")));
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
