package io.trustgate.translators.redis.sql.pubsub;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.trustgate.redis.RedisFrontend;
import io.trustgate.redis.RedisListenerSettings;
import io.trustgate.redis.codec.RespLimits;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.route.KeyspaceTarget;
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.translators.redis.sql.SqlKeyspaceEngine;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One gateway instance for a test: its own event loops, SQL engine (own pool) and keyspace target, listening on an
 * ephemeral port. Two of them on the same database and table prefix share nothing in process.
 */
final class Gateway implements AutoCloseable {

    final SqlKeyspaceEngine engine;
    final KeyspaceTarget target;
    final int port;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel server;

    Gateway(SqlKeyspaceEngine.Kind kind, String url, String user, String prefix) {
        engine = new SqlKeyspaceEngine(kind, url, user, "", 4, prefix, System::currentTimeMillis, Duration.ZERO);
        target = new KeyspaceTarget(kind.name().toLowerCase(java.util.Locale.ROOT),
                new KeyspaceCommandExecutor(kind.name().toLowerCase(java.util.Locale.ROOT), engine));
        RedisFrontend frontend = new RedisFrontend(new RedisListenerSettings("test", null, RespLimits.DEFAULT),
                List.of(new RedisRouter.Route(null, null, target)), new SimpleMeterRegistry());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(frontend.channelInitializer())
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        target.close();
        engine.close();
    }
}
