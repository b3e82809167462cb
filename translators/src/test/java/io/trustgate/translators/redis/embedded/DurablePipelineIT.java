package io.trustgate.translators.redis.embedded;

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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pipeline on a durable embedded backend, over a real listener: the commands of one client run one after another
 * while their replies wait for the log (one write per event-loop turn, or the group-commit fsync), and the replies
 * still come back in order with each command's own answer, and survive a restart.
 */
class DurablePipelineIT {

    private static final int ROUNDS = 150;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void pipelinedWritesAnswerInOrderAndAreDurable(FsyncPolicy policy) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        InMemoryKeyspaceEngine engine = InMemoryKeyspaceEngine.open(dir, policy, 64L << 20,
                System::currentTimeMillis, Duration.ZERO);
        Channel server = null;
        try {
            KeyspaceTarget target = new KeyspaceTarget("embedded", new KeyspaceCommandExecutor("embedded", engine));
            RedisFrontend frontend = new RedisFrontend(new RedisListenerSettings("test", null, RespLimits.DEFAULT),
                    List.of(new RedisRouter.Route(null, null, target)), new SimpleMeterRegistry());
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(frontend.channelInitializer()).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            try (RespSocket client = new RespSocket(port)) {
                List<String[]> pipeline = new ArrayList<>();
                for (int i = 1; i <= ROUNDS; i++) {
                    pipeline.add(new String[] {"INCR", "counter"});
                    pipeline.add(new String[] {"SET", "k", "v" + i});
                    pipeline.add(new String[] {"GET", "k"});
                }
                client.send(pipeline);
                for (int i = 1; i <= ROUNDS; i++) {
                    assertThat(client.read()).isEqualTo(":" + i + "\r\n");
                    assertThat(client.read()).isEqualTo("+OK\r\n");
                    String v = "v" + i;
                    assertThat(client.read()).isEqualTo("$" + v.length() + "\r\n" + v + "\r\n");
                }
            }
        } finally {
            if (server != null) {
                server.close().sync();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            engine.close();
        }
        try (InMemoryKeyspaceEngine reopened = InMemoryKeyspaceEngine.open(dir, policy, 64L << 20,
                System::currentTimeMillis, Duration.ZERO)) {
            String counter = reopened.atomically(io.trustgate.redis.spi.KeyspaceEngine.Access.READ,
                    tx -> new String(((io.trustgate.redis.spi.StringValue) tx.db(0).get("counter".getBytes())
                            .value()).bytes())).toCompletableFuture().join();
            assertThat(counter).isEqualTo(String.valueOf(ROUNDS));
        }
    }
}
