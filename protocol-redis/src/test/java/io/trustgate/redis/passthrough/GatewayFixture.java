package io.trustgate.redis.passthrough;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.trustgate.redis.RedisFrontend;
import io.trustgate.redis.RedisListenerSettings;
import io.trustgate.redis.codec.RespLimits;
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.redis.route.RouteTarget;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A real Redis listener on an ephemeral loopback port, with routes to real backends, for integration tests of
 * this module (the gateway module has the full server).
 */
final class GatewayFixture implements AutoCloseable {

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<RouteTarget> targets;
    final Channel server;
    final int port;

    GatewayFixture(String password, RespLimits limits, Function<GatewayFixture, List<RedisRouter.Route>> routes) {
        List<RedisRouter.Route> built = routes.apply(this);
        targets = built.stream().map(RedisRouter.Route::target).distinct().toList();
        RedisFrontend frontend = new RedisFrontend(new RedisListenerSettings("test", password, limits), built,
                registry);
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(frontend.channelInitializer())
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    UpstreamSettings settings(String name, Duration commandTimeout) {
        return new UpstreamSettings(name, null, null, Duration.ofSeconds(1), commandTimeout, 2,
                NioSocketChannel.class, registry);
    }

    StandaloneTarget standalone(String name, int port) {
        return new StandaloneTarget(settings(name, Duration.ofSeconds(5)), new InetSocketAddress("127.0.0.1", port),
                group);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        targets.forEach(RouteTarget::close);
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
