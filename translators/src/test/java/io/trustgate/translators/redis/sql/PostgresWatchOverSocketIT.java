package io.trustgate.translators.redis.sql;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WATCH through a real listener on the PostgreSQL backend (127.0.0.1:5432, database test), with two Lettuce
 * clients: the stamps are read on the engine's executor and applied on the event loop, and EXEC still sees a
 * write made by another client in between. Fails if PostgreSQL is not running.
 */
class PostgresWatchOverSocketIT {

    private final SqlEngineContract db = SqlEngineContract.postgres();
    private final KeyspaceTarget target = new KeyspaceTarget("postgres",
            new KeyspaceCommandExecutor("postgres", db.engine(Duration.ZERO)));
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel server;
    private final RedisClient client;

    PostgresWatchOverSocketIT() {
        RedisFrontend frontend = new RedisFrontend(new RedisListenerSettings("test", null, RespLimits.DEFAULT),
                List.of(new RedisRouter.Route(null, null, target)), new SimpleMeterRegistry());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(frontend.channelInitializer()).bind("127.0.0.1", 0).syncUninterruptibly().channel();
        client = RedisClient.create(RedisURI.create("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort()));
    }

    @AfterEach
    void stop() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        server.close().syncUninterruptibly();
        target.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        db.dropAll();
    }

    @Test
    void execAbortsAfterAnotherClientWroteAWatchedKeyAndRunsOtherwise() {
        try (StatefulRedisConnection<String, String> one = client.connect();
             StatefulRedisConnection<String, String> two = client.connect()) {
            RedisCommands<String, String> a = one.sync();
            RedisCommands<String, String> b = two.sync();
            a.set("w", "1");

            assertThat(a.watch("w", "absent")).isEqualTo("OK");
            b.hset("absent", "f", "v"); // creating a watched key counts as a write
            a.multi();
            a.set("w", "mine");
            TransactionResult aborted = a.exec();
            assertThat(aborted.wasDiscarded()).isTrue();

            assertThat(a.watch("w")).isEqualTo("OK");
            b.set("unrelated", "x");
            a.multi();
            a.incr("w");
            TransactionResult ran = a.exec();
            assertThat(ran.wasDiscarded()).isFalse();
            assertThat((Long) ran.get(0)).isEqualTo(2L);
            assertThat(b.get("w")).isEqualTo("2");
        }
    }
}
