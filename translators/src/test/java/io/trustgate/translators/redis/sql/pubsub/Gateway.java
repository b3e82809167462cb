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
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.KeyspaceEngine;
import io.trustgate.redis.spi.KeyspaceTransaction;
import io.trustgate.redis.spi.PubSubTransport;
import io.trustgate.translators.redis.sql.SqlKeyspaceEngine;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/**
 * One gateway instance for a test: its own event loops, SQL engine (own pool) and keyspace target, listening on an
 * ephemeral port. Two of them on the same database and table prefix share nothing in process.
 */
final class Gateway implements AutoCloseable {

    final SqlKeyspaceEngine engine;
    final KeyspaceTarget target;
    /** The transports the target asked the engine for (one, once it started). */
    final List<PubSubTransport> transports = new CopyOnWriteArrayList<>();
    final int port;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel server;

    Gateway(SqlKeyspaceEngine.Kind kind, String url, String user, String prefix) {
        engine = new SqlKeyspaceEngine(kind, url, user, "", 4, prefix, System::currentTimeMillis, Duration.ZERO);
        KeyspaceEngine recording = new KeyspaceEngine() {
            @Override
            public Set<Capability> capabilities() {
                return engine.capabilities();
            }

            @Override
            public int databases() {
                return engine.databases();
            }

            @Override
            public <T> CompletionStage<T> atomically(Access access, Function<KeyspaceTransaction, T> work) {
                return engine.atomically(access, work);
            }

            @Override
            public PubSubTransport pubSub() {
                PubSubTransport t = engine.pubSub();
                transports.add(t);
                return t;
            }

            @Override
            public String pubSubFanOut() {
                return engine.pubSubFanOut();
            }

            @Override
            public void close() {
            }
        };
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        target = new KeyspaceTarget(name, new KeyspaceCommandExecutor(name, recording));
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
