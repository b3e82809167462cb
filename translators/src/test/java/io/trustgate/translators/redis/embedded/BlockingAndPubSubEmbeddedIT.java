package io.trustgate.translators.redis.embedded;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
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
import io.trustgate.testsupport.NettyLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocking pops and pub/sub on a real listener over the in-memory engine: timeouts, wake-ups by other clients in
 * FIFO order, MULTI, disconnects while parked (no leaked buffers), and subscriptions in RESP2, RESP3 and Lettuce.
 */
class BlockingAndPubSubEmbeddedIT {

    static {
        NettyLeaks.install(); // before this class's buffers exist, so its leaks are recorded
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final InMemoryKeyspaceEngine engine = new InMemoryKeyspaceEngine();
    private KeyspaceTarget target;
    private Channel server;
    private int port;

    @BeforeEach
    void start() {
        target = new KeyspaceTarget("embedded", new KeyspaceCommandExecutor("embedded", engine));
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
        engine.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String arr(String... bulks) {
        StringBuilder sb = new StringBuilder("*" + bulks.length + "\r\n");
        for (String b : bulks) {
            sb.append('$').append(b.length()).append("\r\n").append(b).append("\r\n");
        }
        return sb.toString();
    }

    @Test
    void blpopTimesOutWithANullArray() throws IOException {
        try (RespSocket c = new RespSocket(port)) {
            long start = System.nanoTime();
            assertThat(c.call("BLPOP", "nothing", "other", "0.3")).isEqualTo("*-1\r\n");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isBetween(300L, 2_000L);
            assertThat(c.call("BRPOPLPUSH", "nothing", "dst", "0.05")).isEqualTo("*-1\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void timeoutsAreCheckedAsRedisChecksThem() throws IOException {
        try (RespSocket c = new RespSocket(port)) {
            assertThat(c.call("BLPOP", "k", "-1")).isEqualTo("-ERR timeout is negative\r\n");
            assertThat(c.call("BLPOP", "k", "soon")).isEqualTo("-ERR timeout is not a float or out of range\r\n");
            assertThat(c.call("BZPOPMIN", "k", "nan")).isEqualTo("-ERR timeout is not a float or out of range\r\n");
            assertThat(c.call("SET", "s", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("BLPOP", "s", "0")).startsWith("-WRONGTYPE");
        }
    }

    @Test
    void blpopIsServedByAnotherClientsPush() throws Exception {
        try (RespSocket waiter = new RespSocket(port); RespSocket pusher = new RespSocket(port)) {
            waiter.send("BLPOP", "empty", "jobs", "0");
            Thread.sleep(100);
            assertThat(pusher.call("RPUSH", "jobs", "a")).isEqualTo(":1\r\n");
            assertThat(waiter.read()).isEqualTo(arr("jobs", "a"));
            assertThat(pusher.call("LLEN", "jobs")).isEqualTo(":0\r\n");
            assertThat(pusher.call("RPUSH", "jobs", "b")).as("the waiter is gone once served").isEqualTo(":1\r\n");
        }
    }

    @Test
    void commandsPipelinedAfterAParkedBlpopWaitForIt() throws Exception {
        try (RespSocket blocked = new RespSocket(port); RespSocket other = new RespSocket(port)) {
            blocked.send(List.of(new String[] {"BLPOP", "q", "0"}, new String[] {"CLIENT", "SETNAME", "held"},
                    new String[] {"RPUSH", "marker", "m"}, new String[] {"PING"}));
            Thread.sleep(200);
            assertThat(other.call("LLEN", "marker")).as("RPUSH waits for the parked BLPOP").isEqualTo(":0\r\n");
            assertThat(other.call("CLIENT", "LIST")).as("so does CLIENT SETNAME").doesNotContain("name=held");
            other.call("RPUSH", "q", "v");
            assertThat(blocked.read()).isEqualTo(arr("q", "v"));
            assertThat(blocked.read()).isEqualTo("+OK\r\n");
            assertThat(blocked.read()).isEqualTo(":1\r\n");
            assertThat(blocked.read()).isEqualTo("+PONG\r\n");
            assertThat(other.call("CLIENT", "LIST")).contains("name=held");
        }
    }

    @Test
    void waitersAreServedLongestWaitingFirst() throws Exception {
        try (RespSocket first = new RespSocket(port); RespSocket second = new RespSocket(port);
             RespSocket pusher = new RespSocket(port)) {
            first.send("BRPOP", "q", "0");
            Thread.sleep(100);
            second.send("BRPOP", "q", "0");
            Thread.sleep(100);
            pusher.call("LPUSH", "q", "one");
            assertThat(first.read()).isEqualTo(arr("q", "one"));
            pusher.call("LPUSH", "q", "two", "three");
            assertThat(second.read()).isEqualTo(arr("q", "two"));
            assertThat(pusher.call("LRANGE", "q", "0", "-1")).isEqualTo(arr("three"));
        }
    }

    @Test
    void blmoveAndBzpopminWaitForData() throws Exception {
        try (RespSocket waiter = new RespSocket(port); RespSocket writer = new RespSocket(port)) {
            waiter.send("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
            Thread.sleep(100);
            writer.call("RPUSH", "src", "v");
            assertThat(waiter.read()).isEqualTo("$1\r\nv\r\n");
            assertThat(writer.call("LRANGE", "dst", "0", "-1")).isEqualTo(arr("v"));

            waiter.send("BZPOPMIN", "z", "5");
            Thread.sleep(100);
            writer.call("ZADD", "z", "2", "b", "1.5", "a");
            assertThat(waiter.read()).isEqualTo(arr("z", "a", "1.5"));
            assertThat(writer.call("BZPOPMAX", "z", "0")).as("data there: no wait").isEqualTo(arr("z", "b", "2"));
        }
    }

    @Test
    void blockingCommandsInsideMultiDoNotWait() throws IOException {
        try (RespSocket c = new RespSocket(port)) {
            c.call("MULTI");
            assertThat(c.call("BLPOP", "none", "0")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("BZPOPMIN", "none", "0")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("RPUSH", "l", "x")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("BLPOP", "l", "0")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*4\r\n*-1\r\n*-1\r\n:1\r\n" + arr("l", "x"));
        }
    }

    @Test
    void aClientThatDisconnectsWhileParkedTakesNothing() throws Exception {
        try (RespSocket pusher = new RespSocket(port)) {
            for (int i = 0; i < 20; i++) {
                RespSocket gone = new RespSocket(port);
                gone.send("BLPOP", "left", "0");
                Thread.sleep(20);
                gone.close();
            }
            Thread.sleep(200);
            assertThat(pusher.call("RPUSH", "left", "v")).isEqualTo(":1\r\n");
            assertThat(pusher.call("LLEN", "left")).as("no closed client popped it").isEqualTo(":1\r\n");
        }
        assertThat(NettyLeaks.collect()).isEmpty();
    }

    @Test
    void subscribersGetMessagesInResp2Shapes() throws Exception {
        try (RespSocket sub = new RespSocket(port); RespSocket pub = new RespSocket(port)) {
            assertThat(sub.call("SUBSCRIBE", "news")).isEqualTo("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
            assertThat(pub.call("PUBLISH", "news", "hi")).isEqualTo(":1\r\n");
            assertThat(sub.read()).isEqualTo(arr("message", "news", "hi"));
            assertThat(sub.call("GET", "x")).isEqualTo("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / "
                    + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");
            assertThat(sub.call("PING")).isEqualTo(arr("pong", ""));
            assertThat(sub.call("PSUBSCRIBE", "n[a-z]*")).isEqualTo("*3\r\n$10\r\npsubscribe\r\n$7\r\nn[a-z]*\r\n:2\r\n");
            assertThat(pub.call("PUBLISH", "news", "again")).isEqualTo(":2\r\n");
            assertThat(sub.read()).isEqualTo(arr("message", "news", "again"));
            assertThat(sub.read()).isEqualTo(arr("pmessage", "n[a-z]*", "news", "again"));
            assertThat(pub.call("PUBLISH", "n1", "no")).isEqualTo(":0\r\n");
            assertThat(pub.call("PUBSUB", "NUMSUB", "news", "other")).isEqualTo("*4\r\n$4\r\nnews\r\n:1\r\n$5\r\nother\r\n:0\r\n");
            assertThat(pub.call("PUBSUB", "NUMPAT")).isEqualTo(":1\r\n");
            assertThat(pub.call("PUBSUB", "CHANNELS")).isEqualTo(arr("news"));
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$4\r\nnews\r\n:1\r\n");
            assertThat(sub.call("PUNSUBSCRIBE")).isEqualTo("*3\r\n$12\r\npunsubscribe\r\n$7\r\nn[a-z]*\r\n:0\r\n");
            assertThat(pub.call("PUBSUB", "NUMSUB", "news")).isEqualTo("*2\r\n$4\r\nnews\r\n:0\r\n");
            assertThat(sub.call("GET", "x")).as("back to normal mode").isEqualTo("$-1\r\n");
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n");
        }
    }

    @Test
    void resp3SubscribersGetPushes() throws Exception {
        try (RespSocket sub = new RespSocket(port); RespSocket pub = new RespSocket(port)) {
            assertThat(sub.call("HELLO", "3")).startsWith("%7\r\n");
            assertThat(sub.call("SUBSCRIBE", "ch")).isEqualTo(">3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n");
            assertThat(pub.call("PUBLISH", "ch", "m")).isEqualTo(":1\r\n");
            assertThat(sub.read()).isEqualTo(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$1\r\nm\r\n");
            assertThat(sub.call("GET", "x")).as("RESP3 allows commands while subscribed").isEqualTo("_\r\n");
            assertThat(sub.call("RESET")).isEqualTo("+RESET\r\n");
            assertThat(pub.call("PUBLISH", "ch", "m")).as("RESET unsubscribed").isEqualTo(":0\r\n");
        }
    }

    @Test
    void lettucePubSubConnectionsWork() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
             StatefulRedisConnection<String, String> pub = client.connect()) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    got.add(channel + "=" + message);
                }

                @Override
                public void message(String pattern, String channel, String message) {
                    got.add(pattern + ":" + channel + "=" + message);
                }
            });
            sub.sync().subscribe("orders");
            sub.sync().psubscribe("ord*");
            assertThat(pub.sync().publish("orders", "42")).isEqualTo(2L);
            assertThat(List.of(got.poll(5, TimeUnit.SECONDS), got.poll(5, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("orders=42", "ord*:orders=42");
            assertThat(pub.sync().pubsubNumsub("orders")).containsEntry("orders", 1L);
            sub.sync().unsubscribe("orders");
            assertThat(pub.sync().publish("orders", "43")).isEqualTo(1L);
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("ord*:orders=43");
            assertThat(pub.sync().blpop(1, "lettuce:none")).isNull();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
