package io.trustgate.gateway.bootstrap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.passthrough.StandaloneTarget;
import io.trustgate.redis.passthrough.UpstreamSettings;
import io.trustgate.redis.route.KeyspaceTarget;
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.translators.redis.embedded.InMemoryKeyspaceEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which event loops a Redis listener's clients are registered on, by the routes it serves. */
class RedisClientLoopsTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final InMemoryKeyspaceEngine engine = new InMemoryKeyspaceEngine(1, System::currentTimeMillis,
            Duration.ZERO);
    private final KeyspaceTarget embedded = new KeyspaceTarget("e", new KeyspaceCommandExecutor("e", engine));
    private final StandaloneTarget passthrough = new StandaloneTarget(new UpstreamSettings("p", null, null,
            Duration.ofMillis(100), Duration.ofSeconds(1), 1, NioSocketChannel.class, new SimpleMeterRegistry()),
            new InetSocketAddress("127.0.0.1", 1), group);

    @AfterEach
    void close() {
        passthrough.close();
        embedded.close();
        engine.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void putsEveryClientOfAnEmbeddedOnlyListenerOnOneLoop() {
        EventLoopGroup loops = TrustgateServer.clientLoops(group, List.of(new RedisRouter.Route(null, null, embedded),
                new RedisRouter.Route("cache:", null, embedded)));

        assertThat(loops).isInstanceOf(EventLoop.class);
        assertThat(loops.next()).isSameAs(loops.next());
    }

    @Test
    void spreadsClientsWhenAnyRouteIsNotAnInlineEngine() {
        EventLoopGroup loops = TrustgateServer.clientLoops(group, List.of(new RedisRouter.Route(null, null, embedded),
                new RedisRouter.Route("remote:", null, passthrough)));

        assertThat(loops).isSameAs(group);
        assertThat(loops.next()).isNotSameAs(loops.next());
    }
}
