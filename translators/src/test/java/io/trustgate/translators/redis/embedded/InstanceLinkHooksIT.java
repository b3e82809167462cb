package io.trustgate.translators.redis.embedded;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.RedisFrontend;
import io.trustgate.redis.RedisListenerSettings;
import io.trustgate.redis.codec.RespLimits;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.route.KeyspaceTarget;
import io.trustgate.redis.route.RedisRouter;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.KeyspaceEngine;
import io.trustgate.redis.spi.KeyspaceTransaction;
import io.trustgate.redis.spi.PubSubTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a keyspace target asks of a cross-instance {@link PubSubTransport}, on a real listener over the in-memory
 * engine with a recording transport in place of a database: key-ready signals for pushes only, subscriptions
 * confirmed once the transport listens, and waiters served by other instances' signals and by a resync.
 */
class InstanceLinkHooksIT {

    /** Records what the target sends and lets the test play the other instances. */
    static final class RecordingTransport implements PubSubTransport {
        final CompletableFuture<Void> listening = new CompletableFuture<>();
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile Sink sink;

        @Override
        public void start(Sink s) {
            sink = s;
        }

        @Override
        public void publish(byte[] channel, byte[] message) {
            sent.add("message " + s(channel) + "=" + s(message));
        }

        @Override
        public void keysReady(int db, List<byte[]> keys) {
            keys.forEach(k -> sent.add("key " + db + ":" + s(k)));
        }

        @Override
        public CompletionStage<Void> listening() {
            return listening;
        }

        @Override
        public void close() {
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final InMemoryKeyspaceEngine memory = new InMemoryKeyspaceEngine();
    private final RecordingTransport transport = new RecordingTransport();
    private final KeyspaceEngine engine = new KeyspaceEngine() {
        @Override
        public Set<Capability> capabilities() {
            return memory.capabilities();
        }

        @Override
        public int databases() {
            return memory.databases();
        }

        @Override
        public <T> CompletionStage<T> atomically(Access access, Function<KeyspaceTransaction, T> work) {
            return memory.atomically(access, work);
        }

        @Override
        public PubSubTransport pubSub() {
            return transport;
        }

        @Override
        public String pubSubFanOut() {
            return "a recording transport";
        }

        @Override
        public void close() {
        }
    };
    private KeyspaceTarget target;
    private Channel server;
    private int port;

    @BeforeEach
    void start() {
        target = new KeyspaceTarget("linked", new KeyspaceCommandExecutor("linked", engine));
        RedisFrontend frontend = new RedisFrontend(new RedisListenerSettings("test", null, RespLimits.DEFAULT),
                List.of(new RedisRouter.Route(null, null, target)), new SimpleMeterRegistry());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(frontend.channelInitializer())
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterEach
    void stop() {
        server.close().syncUninterruptibly();
        target.close();
        memory.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A write straight to the engine, as another gateway instance's would land in a shared database. */
    private void writeBehind(String... args) {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, args);
        try {
            ReferenceCountUtil.release(new KeyspaceCommandExecutor("other", engine).execute(0, request)
                    .toCompletableFuture().join());
        } finally {
            request.release();
        }
    }

    private static boolean quietFor(RespSocket c, int millis) throws Exception {
        Thread.sleep(millis);
        return c.available() == 0;
    }

    @Test
    void onlyPushesSendKeyReadySignals() throws Exception {
        transport.listening.complete(null);
        try (RespSocket c = new RespSocket(port)) {
            c.call("SET", "plain", "v");
            c.call("RPUSH", "jobs", "a");
            c.call("LPOP", "jobs");
            c.call("ZADD", "z", "1", "m");
            c.call("PUBLISH", "news", "hi");
        }
        assertThat(transport.sent).containsExactly("key 0:jobs", "key 0:z", "message news=hi");
    }

    @Test
    void subscribeIsConfirmedOnceTheTransportListens() throws Exception {
        try (RespSocket c = new RespSocket(port)) {
            c.send("SUBSCRIBE", "news");
            assertThat(quietFor(c, 300)).as("no confirmation before the listener is up").isTrue();
            transport.listening.complete(null);
            assertThat(c.read()).isEqualTo("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
            transport.sink.message("news".getBytes(StandardCharsets.UTF_8), "remote".getBytes(StandardCharsets.UTF_8));
            assertThat(c.read()).isEqualTo("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$6\r\nremote\r\n");
        }
        assertThat(transport.sent).as("a remote message is not sent on").isEmpty();
    }

    @Test
    void waitersAreServedByAnotherInstancesSignalAndByAResync() throws Exception {
        transport.listening.complete(null);
        try (RespSocket c = new RespSocket(port)) {
            c.send("BLPOP", "q", "0");
            assertThat(quietFor(c, 200)).isTrue();
            writeBehind("RPUSH", "q", "one");
            assertThat(quietFor(c, 200)).as("a write behind the gateway wakes nobody by itself").isTrue();
            transport.sink.keysReady(0, List.of("q".getBytes(StandardCharsets.UTF_8)));
            assertThat(c.read()).isEqualTo("*2\r\n$1\r\nq\r\n$3\r\none\r\n");

            c.send("BRPOP", "r", "0");
            assertThat(quietFor(c, 200)).isTrue();
            writeBehind("RPUSH", "r", "two");
            transport.sink.resynced();
            assertThat(c.read()).isEqualTo("*2\r\n$1\r\nr\r\n$3\r\ntwo\r\n");
        }
    }

    @Test
    void aWaiterParkedBeforeTheListenerIsUpLooksAgainWhenItIs() throws Exception {
        try (RespSocket c = new RespSocket(port)) {
            c.send("BLPOP", "early", "0");
            assertThat(quietFor(c, 200)).isTrue();
            writeBehind("RPUSH", "early", "x");
            transport.listening.complete(null);
            assertThat(c.read()).isEqualTo("*2\r\n$5\r\nearly\r\n$1\r\nx\r\n");
        }
    }
}
